import Foundation
import SightlineTestSupport
import Testing

/// A valid 835 and a broken copy, written into a CLI folder.
let cliERA = """
    ISA*00*          *00*          *ZZ*PAYERSENDER    *ZZ*RIVERBEND      *261120*1200*^*00501*000000777*0*P*:~
    GS*HP*PAYER*RIVERBEND*20261120*1200*777*X*005010X221A1~
    ST*835*0001~
    BPR*I*150*C*ACH*CCP*01*999999999*DA*1*1512345678**01*999988880*DA*2*20261120~
    TRN*1*EFT777*1512345678~
    N1*PR*ACME HEALTH PLAN~
    N1*PE*LAKESIDE PEDIATRICS*XX*1999999984~
    CLP*PCN1*1*200*150*50*12*PAYER1~
    CAS*CO*45*50~
    SE*8*0001~
    GE*1*777~
    IEA*1*000000777~

    """

@Suite("sightline inspect and import")
struct BillingCommandTests {
    func write(_ text: String, _ name: String, in cli: CLI) throws -> String {
        let path = cli.folder.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("inspect --json prints one object per file with exactly the promised keys")
    func inspectJSON() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let path = try write(cliERA, "era.835", in: cli)
        let outcome = try await cli.run(["inspect", "--json", path, path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let lines = outcome.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(
            Set(object.keys) == [
                "file", "kind", "version", "interchanges", "transactions", "claims", "serviceLines", "totalCharge",
                "totalPaid", "totalPatientResponsibility", "statusCounts", "adjustmentsByGroup",
                "adjustmentsByReason", "plbTotal", "paymentTotal", "balanced", "diagnostics",
            ])
        #expect(object["kind"] as? String == "835")
        #expect(object["claims"] as? Int == 1)
        #expect(object["balanced"] as? Bool == true)
        #expect(lines[0].contains("\"totalPaid\":150.00"))
        #expect(lines[0].contains("\"adjustmentsByReason\":{\"CO-45\":50.00}"))
    }

    @Test("inspect exits 2 for a file with errors and 66 for a missing one")
    func inspectFailures() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let broken = try write(String(cliERA.prefix(300)), "cut.835", in: cli)
        let outcome = try await cli.run(["inspect", broken])
        #expect(outcome.status == 2)
        #expect(outcome.stdout.contains("error"))
        let missing = try await cli.run(["inspect", cli.folder.appendingPathComponent("nope.835").path])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("no such file"))
    }

    @Test("import creates the practice from the payee, says 'already imported' the second time, and rejects a broken file with exit 2")
    func importCommand() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let path = try write(cliERA, "era.835", in: cli)
        let first = try await cli.run(["import", path])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("imported"))
        let orgs = try await cli.run(["org", "list"])
        #expect(orgs.stdout.contains("LAKESIDE PEDIATRICS"))
        let second = try await cli.run(["import", path])
        #expect(second.status == 0)
        #expect(second.stdout.contains("already imported"))
        let broken = try write(cliERA.replacingOccurrences(of: "CLP*PCN1*1*200*150", with: "CLP*PCN1*1*2x0*150"), "bad.835", in: cli)
        let third = try await cli.run(["import", broken])
        #expect(third.status == 2)
        #expect(third.stderr.contains("bad.835"))
        #expect(third.stderr.contains("segment 7 (CLP), element 3"))
    }

    @Test("with several practices, import needs --practice and lists the choices (exit 64)")
    func importNeedsPractice() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        _ = try await cli.run(["org", "create", "--name", "Alpha Clinic", "--kind", "practice", "--time-zone", "UTC"])
        let beta = try await cli.run(["org", "create", "--name", "Beta Clinic", "--kind", "practice", "--time-zone", "UTC"])
        let path = try write(cliERA, "era.835", in: cli)
        let outcome = try await cli.run(["import", path])
        #expect(outcome.status == 64)
        #expect(outcome.stderr.contains("Alpha Clinic") && outcome.stderr.contains("Beta Clinic"))
        let chosen = try await cli.run(["import", "--practice", beta.stdout.trimmingCharacters(in: .whitespacesAndNewlines), path])
        #expect(chosen.status == 0, "\(chosen.stderr)")
    }
}

import Foundation
import SightlineTestSupport
import Testing

@Suite("sightline kpi")
struct KPICommandTests {
    @Test("prints the figures as a table, as JSON with exactly the keys of KPIS.md, and as CSV")
    func formats() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let path = cli.folder.appendingPathComponent("era.835").path
        try Data(cliERA.utf8).write(to: URL(fileURLWithPath: path))
        #expect(try await cli.run(["import", path]).status == 0)

        let table = try await cli.run(["kpi", "--from", "2026-11-01", "--to", "2026-11-30"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("Payer payments") && table.stdout.contains("$150.00"))
        #expect(table.stdout.split(separator: "\n").contains { $0.hasPrefix("Unmatched adjudications") && $0.hasSuffix(" 1") })

        let json = try await cli.run(["kpi", "--from", "2026-11-01", "--to", "2026-11-30", "--by", "payer", "--json"])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["from"] as? String == "2026-11-01" && object["asOf"] as? String == "2026-11-30")
        #expect(object["definitionsVersion"] is String)
        let totals = try #require(object["totals"] as? [String: Any])
        #expect(
            Set(totals.keys) == [
                "claimsSubmitted", "grossCharges", "payerPayments", "contractualAdjustments", "patientResponsibility",
                "patientPayments", "adjudicatedClaims", "initialDenials", "initialDenialRate", "initialDenialRateDollars",
                "cleanClaimRate", "netCollectionRate", "denialCauses", "paymentLagDays", "arTotal", "aging",
                "arOver90Pct", "daysInAR",
            ])
        #expect(totals["payerPayments"] as? Double == 150)
        #expect(totals["contractualAdjustments"] as? Double == 50)
        #expect(totals["cleanClaimRate"] is NSNull)
        #expect((object["reasons"] as? [String: String])?["cleanClaimRate"]?.contains("277CA") == true)
        #expect(object["unmatchedAdjudications"] as? Int == 1)
        let groups = try #require(object["groups"] as? [[String: Any]])
        #expect(groups.count == 1)
        #expect(groups.first?["by"] as? String == "payer" && groups.first?["label"] as? String == "ACME HEALTH PLAN")

        let csv = try await cli.run(["kpi", "--from", "2026-11-01", "--to", "2026-11-30", "--csv"])
        #expect(csv.status == 0)
        let lines = csv.stdout.split(whereSeparator: \.isNewline)  // RFC 4180 line ends (CRLF), like every CSV of figures
        #expect(lines.first?.hasPrefix("scope,key,label,claimsSubmitted,grossCharges,payerPayments") == true)
        #expect(lines.dropFirst().first?.hasPrefix("total,,,0,0.00,150.00,50.00") == true)
    }

    @Test(
        "bad dates are usage errors naming the flag",
        arguments: [
            (["--from", "2026-13-01", "--to", "2026-12-31"], "--from"),
            (["--from", "2026-03-01", "--to", "yesterday"], "--to"),
            (["--from", "2026-03-01", "--to", "2026-02-01"], "before"),
            (["--from", "2026-03-01", "--to", "2026-03-31", "--as-of", "2026-02-30"], "--as-of"),
            (["--from", "2026-03-01", "--to", "2026-03-31", "--by", "week"], "week"),
        ])
    func badInput(arguments: [String], mentions: String) async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let outcome = try await cli.run(["kpi"] + arguments)
        #expect(outcome.status == 64)
        #expect(outcome.stderr.contains(mentions), "\(outcome.stderr)")
    }
}

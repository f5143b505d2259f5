import Foundation
import SightlineTestSupport
import Testing

@Suite("sightline codes load")
struct CodesCommandTests {
    @Test("descriptions load from the user's CSV and show in the figures; a bad line rejects the whole file")
    func load() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        func write(_ text: String, _ name: String) throws -> String {
            let path = cli.folder.appendingPathComponent(name).path
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }
        let era = cliERA.replacingOccurrences(of: "CLP*PCN1*1*200*150*50*12*PAYER1~", with: "CLP*PCN1*4*200*0*0*12*PAYER1~")
            .replacingOccurrences(of: "CAS*CO*45*50~", with: "CAS*CO*50*200~").replacingOccurrences(of: "BPR*I*150", with: "BPR*I*0")
        #expect(try await cli.run(["import", try write(era, "denied.835")]).status == 0)

        let bad = try write("set,code,description\nCARC,50,Our words for fifty\nCARC,5O,Not a code\n", "bad.csv")
        let rejected = try await cli.run(["codes", "load", bad])
        #expect(rejected.status == 65)
        #expect(rejected.stderr.contains("line 3") && rejected.stderr.contains("'5O' is not a CARC code"), "\(rejected.stderr)")
        let before = try await cli.run(["kpi", "--from", "2026-11-01", "--to", "2026-11-30"])
        #expect(!before.stdout.contains("Our words for fifty"))

        let good = try write(
            "set,code,description\nCARC,50,\"Our words for fifty, in a test\"\nRARC,N130,Our words for a remark\n", "good.csv")
        let loaded = try await cli.run(["codes", "load", good])
        #expect(loaded.status == 0, "\(loaded.stderr)")
        #expect(loaded.stdout.contains("CARC: 1") && loaded.stdout.contains("RARC: 1"))
        let after = try await cli.run(["kpi", "--from", "2026-11-01", "--to", "2026-11-30"])
        #expect(after.stdout.contains("CO-50") && after.stdout.contains("Our words for fifty, in a test"), "\(after.stdout)")
    }

    @Test(
        "files that are not code lists are refused with the reason",
        arguments: [
            ("code,description\n50,x\n", "header"), ("set,code,description\n", "no descriptions"),
            ("set,code,description\nCPT,99213,x\n", "neither CARC nor RARC"),
            ("set,code,description\nRARC,X12,x\n", "not a RARC code"), ("set,code,description\nCARC,45,\n", "no description"),
            ("set,code,description\nCARC,45,a\nCARC,45,b\n", "twice"),
        ])
    func refused(content: String, mentions: String) async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let path = cli.folder.appendingPathComponent("codes.csv").path
        try Data(content.utf8).write(to: URL(fileURLWithPath: path))
        let outcome = try await cli.run(["codes", "load", path])
        #expect(outcome.status == 65)
        #expect(outcome.stderr.contains(mentions), "\(outcome.stderr)")
    }
}

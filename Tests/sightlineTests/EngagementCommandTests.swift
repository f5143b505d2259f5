import Foundation
import SightlineTestSupport
import Testing

@Suite("sightline engagement and period close")
struct EngagementCommandTests {
    @Test("create prints an id; show gives the contract in force; a second engagement or a wrong kind is refused; period close evaluates")
    func lifecycle() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let practice = try await cli.run(["org", "create", "--name", "Riverbend", "--kind", "practice", "--time-zone", "America/Chicago"])
            .stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let vendor = try await cli.run(["org", "create", "--name", "Acme Billing", "--kind", "vendor", "--time-zone", "UTC"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let created = try await cli.run(["engagement", "create", "--practice", practice, "--vendor", vendor, "--signed-on", "2026-01-01"])
        #expect(created.status == 0, "\(created.stderr)")
        let id = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(UUID(uuidString: id) != nil)

        let shown = try await cli.run(["engagement", "show", id, "--on", "2026-03-01"])
        #expect(shown.status == 0)
        #expect(shown.stdout.contains("Contract version 1, in force from 2026-01-01"))
        #expect(shown.stdout.contains("denial-follow-up") && shown.stdout.contains("Initial denial rate ≤ 8% (month)"))
        let json = try await cli.run(["engagement", "show", id, "--version", "1", "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["number"] as? Int == 1)

        let before = try await cli.run(["engagement", "show", id, "--on", "2025-12-31"])
        #expect(before.status == 66)
        #expect(before.stderr.contains("no contract version is in force on 2025-12-31"))
        let again = try await cli.run(["engagement", "create", "--practice", practice, "--vendor", vendor])
        #expect(again.status == 65)
        #expect(again.stderr.contains("already has an engagement"))
        let swapped = try await cli.run(["engagement", "create", "--practice", vendor, "--vendor", practice])
        #expect(swapped.status == 65)
        #expect(swapped.stderr.contains("is not a practice"))
        let missing = try await cli.run(["engagement", "show", UUID().uuidString])
        #expect(missing.status == 66)
        let same = try await cli.run(["engagement", "diff", id, "--from", "1", "--to", "1"])
        #expect(same.stdout.contains("versions 1 and 1 are the same"))

        let closed = try await cli.run(["period", "close", "--month", "2026-02"])
        #expect(closed.status == 0, "\(closed.stderr)")
        #expect(closed.stdout.contains("2026-02 closed (run 1)") && closed.stdout.contains("no data: "))
        let badMonth = try await cli.run(["period", "close", "--month", "February"])
        #expect(badMonth.status == 65)
        let log = cli.folder.appendingPathComponent("old-log.csv").path
        try Data(
            "number,opened_at,title,category,priority,status,requester_party,assignee_party\n7,2026-03-02T09:00:00-06:00,Old ticket,other,low,open,practice,vendor\n"
                .utf8
        )
        .write(to: URL(fileURLWithPath: log))
        let imported = try await cli.run(["tickets", "import", log, "--engagement", id])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("1 ticket imported"))
        let twice = try await cli.run(["tickets", "import", log, "--engagement", id])
        #expect(twice.status == 65)
        #expect(twice.stderr.contains("line 2, number: the engagement already has ticket 7"), "\(twice.stderr)")
        let swept = try await cli.run(["sla", "sweep", "--at", "2026-03-20T12:00:00-05:00", "--json"])
        #expect(swept.status == 0, "\(swept.stderr)")
        #expect(swept.stdout.contains("\"clock\":\"firstResponse\""))
        let sweptAgain = try await cli.run(["sla", "sweep", "--at", "2026-03-20T12:00:00-05:00", "--json"])
        #expect(sweptAgain.stdout.isEmpty)
        #expect(try await cli.run(["sla", "sweep", "--at", "noon"]).status == 64)
        let future = try await cli.run(["period", "close", "--month", "2099-01"])
        #expect(future.status == 65)
        #expect(future.stderr.contains("is not over yet"))
    }
}

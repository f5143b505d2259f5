import Foundation
import SightlineTestSupport
import Testing

@Suite("sightline org ticket-prefix")
struct OrgTicketPrefixCommandTests {
    @Test("a practice gets its initials; the administrator sets another, and a malformed or taken one exits 65 naming the problem")
    func showAndSet() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let first = try await cli.run([
            "org", "create", "--name", "Lakeside Pediatrics", "--kind", "practice", "--time-zone", "America/Denver",
        ])
        #expect(first.status == 0, "\(first.stderr)")
        let id = first.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let shown = try await cli.run(["org", "ticket-prefix"])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("Lakeside Pediatrics: tickets are LP-1, LP-2"))

        let second = try await cli.run([
            "org", "create", "--name", "Lakeview Physicians", "--kind", "practice", "--time-zone", "America/Denver",
        ])
        let other = second.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let collided = try await cli.run(["org", "ticket-prefix", "--practice", other])
        #expect(collided.stdout.contains("Lakeview Physicians: tickets are LP2-1"), "\(collided.stdout)")
        let ambiguous = try await cli.run(["org", "ticket-prefix"])
        #expect(ambiguous.status == 64, "several practices: --practice is needed")

        let set = try await cli.run(["org", "ticket-prefix", "--practice", id, "--set", "lake"])
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.stdout.contains("tickets are LAKE-1"))
        let taken = try await cli.run(["org", "ticket-prefix", "--practice", other, "--set", "LAKE"])
        #expect(taken.status == 65)
        #expect(taken.stderr.contains("--set 'LAKE': the ticket prefix LAKE is another practice's"))
        let malformed = try await cli.run(["org", "ticket-prefix", "--practice", other, "--set", "L"])
        #expect(malformed.status == 65)
        #expect(malformed.stderr.contains("2 to 6 characters"))
    }
}

import Foundation
import SightlineTestSupport
import Testing

@Suite("sightline org identifiers and the practice's identity at import")
struct OrgIdentifiersCommandTests {
    func write(_ text: String, _ name: String, in cli: CLI) throws -> String {
        let path = cli.folder.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// `cliERA` paid to another practice, for another claim.
    static let otherERA =
        cliERA
        .replacingOccurrences(of: "N1*PE*LAKESIDE PEDIATRICS*XX*1999999984", with: "N1*PE*HARBOR ORTHOPEDICS*XX*1912301953")
        .replacingOccurrences(of: "000000777", with: "000000778").replacingOccurrences(of: "PCN1", with: "PCN9")

    @Test("the first import teaches the practice's NPI; another practice's 835 exits 2 naming both, until its NPI is added")
    func learnRefuseAdd() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let created = try await cli.run([
            "org", "create", "--name", "Lakeside Pediatrics", "--kind", "practice", "--time-zone", "America/Denver",
        ])
        #expect(created.status == 0, "\(created.stderr)")
        let empty = try await cli.run(["org", "identifiers"])
        #expect(empty.status == 0, "\(empty.stderr)")
        #expect(empty.stdout.contains("has no NPI or TIN yet"))

        let own = try await cli.run(["import", try write(cliERA, "era.835", in: cli)])
        #expect(own.status == 0, "\(own.stderr)")
        #expect(own.stdout.contains("era.835: the practice's identifiers were learned from this file: NPI 1999999984"))
        let learned = try await cli.run(["org", "identifiers"])
        #expect(learned.stdout.contains("NPI") && learned.stdout.contains("1999999984"))
        #expect(learned.stdout.contains("learned from file era.835 on "))

        let otherPath = try write(Self.otherERA, "harbor.835", in: cli)
        let refused = try await cli.run(["import", otherPath])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("harbor.835"))
        #expect(refused.stderr.contains("HARBOR ORTHOPEDICS, carrying NPI 1912301953"))
        #expect(refused.stderr.contains("Lakeside Pediatrics bills under NPI 1999999984"))
        #expect(refused.stderr.contains("--add-npi 1912301953"))

        let bad = try await cli.run(["org", "identifiers", "--add-npi", "1912301954"])
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("--add-npi: the NPI 1912301954 does not end with its check digit"))

        let added = try await cli.run(["org", "identifiers", "--add-npi", "1912301953", "--add-tin", "12-3456789"])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.contains("Added NPI 1912301953."))
        #expect(added.stdout.contains("12-3456789") && added.stdout.contains("added on "))
        let twice = try await cli.run(["org", "identifiers", "--add-tin", "123456789"])
        #expect(twice.status == 65)
        #expect(twice.stderr.contains("already has TIN 12-3456789"))

        let accepted = try await cli.run(["import", otherPath])
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(accepted.stdout.contains("imported"))

        let removed = try await cli.run(["org", "identifiers", "--remove-tin", "12-3456789"])
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(!removed.stdout.contains("12-3456789 ") && removed.stdout.contains("Removed TIN 12-3456789."))
    }
}

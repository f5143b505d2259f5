import Foundation
import SightlineTestSupport
import Testing

@Suite("sightline keys")
struct KeysCommandTests {
    func keys(in cli: CLI) throws -> [String] {
        try String(contentsOf: cli.folder.appendingPathComponent("sightline.key"), encoding: .utf8)
            .split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") && !$0.isEmpty }
    }

    @Test("the embedded database gets its own key file; rotate --generate seals everything under a new key and retires the old one")
    func rotate() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let path = cli.folder.appendingPathComponent("era.835").path
        try Data(
            cliERA.replacingOccurrences(of: "CAS*CO*45*50~", with: "CAS*CO*45*50~\nNM1*QC*1*CANARYLAST*CANARYFIRST****MI*CANARYMEMBER~")
                .replacingOccurrences(of: "SE*8*", with: "SE*9*").utf8
        ).write(to: URL(fileURLWithPath: path))
        let imported = try await cli.run(["import", path], environment: ["SIGHTLINE_LOG_LEVEL": "trace"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(
            !(imported.stdout + imported.stderr).localizedCaseInsensitiveContains("canary"), "the import's output and logs name no patient")
        let first = try keys(in: cli)
        #expect(first.count == 1)
        let database = try #require(FileManager.default.contents(atPath: cli.folder.appendingPathComponent("sightline.sqlite").path))
        #expect(database.range(of: Data("CANARY".utf8)) == nil, "the database file holds the patient sealed")

        let status = try await cli.run(["keys", "status"])
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains("4 protected values, 0 not yet under the current key"), "\(status.stdout)")

        let rotated = try await cli.run(["keys", "rotate", "--generate"])
        #expect(rotated.status == 0, "\(rotated.stderr)")
        #expect(rotated.stdout.contains("4 values sealed again under key"), "\(rotated.stdout)")
        let second = try keys(in: cli)
        #expect(second.count == 1 && second != first, "the old key is retired from the file")
        let after = try await cli.run(["keys", "status"])
        #expect(after.stdout.contains("0 not yet under the current key"), "\(after.stdout)")
        let audit = try await cli.run(["audit", "list"])
        #expect(audit.stdout.contains("keys.rotated"), "\(audit.stdout.suffix(400))")
    }

    @Test("a shared database needs its key named: without one every command stops and says how to make one")
    func postgresNeedsKey() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let outcome = try await cli.run(
            ["org", "list"], environment: ["DATABASE_URL": "postgres://nobody@127.0.0.1:1/none", "SIGHTLINE_DATA_KEY": ""])
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("SIGHTLINE_DATA_KEY_FILE"), "\(outcome.stderr)")
        let made = try await cli.run(["keys", "new"])
        #expect(Data(base64Encoded: made.stdout.trimmingCharacters(in: .whitespacesAndNewlines))?.count == 32)
    }
}

import Foundation
import Testing

@Suite("sightline audit")
struct AuditCommandTests {
    /// A database with three accounts created from the command line: three audit records.
    static func trail() async throws -> CLI {
        let cli = try CLI()
        let org = try await cli.run([
            "org", "create", "--name", "Riverbend Family Medicine", "--kind", "practice", "--time-zone", "America/Chicago",
        ])
        let orgID = org.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        for (role, email) in [
            ("practice_admin", "owner@riverbend.example"), ("practice_staff", "desk@riverbend.example"),
            ("compliance_auditor", "audit@riverbend.example"),
        ] {
            let user = try await cli.run(["user", "create", "--org", orgID, "--role", role, "--email", email])
            #expect(user.status == 0, "\(user.stderr)")
        }
        return cli
    }

    /// Runs SQL on the SQLite file behind the database's back, with Python's sqlite3 (as someone
    /// with the file would), dropping the triggers that refuse changes first.
    func tamper(_ cli: CLI, _ statements: [String]) async throws {
        let path = try #require(cli.environment["SIGHTLINE_DATABASE_PATH"])
        let script = """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            db.execute("DROP TRIGGER IF EXISTS audit_records_no_update")
            db.execute("DROP TRIGGER IF EXISTS audit_records_no_delete")
            for statement in sys.argv[2:]:
                db.execute(statement)
            db.commit()
            """
        let process = try ChildProcess(
            executable: "/usr/bin/env", arguments: ["python3", "-c", script, path] + statements,
            environment: ProcessInfo.processInfo.environment,
            directory: FileManager.default.temporaryDirectory.path, stdinFile: "/dev/null", stdoutFile: "/dev/null", stderrFile: "/dev/null"
        )
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test("verify holds on an untouched trail and names the first altered record with exit 65")
    func altered() async throws {
        let cli = try await Self.trail()
        defer { cli.cleanUp() }
        let holds = try await cli.run(["audit", "verify"])
        #expect(holds.status == 0, "\(holds.stderr)")
        #expect(holds.stdout.contains("audit trail holds: 3 records"), "\(holds.stdout)")
        let listed = try await cli.run(["audit", "list"])
        #expect(
            listed.stdout.split(separator: "\n").count == 4 && listed.stdout.contains("permission.change")
                && listed.stdout.contains(",cli,"))
        try await tamper(cli, ["UPDATE audit_records SET detail = 'account created with role practice_staff' WHERE sequence = 1"])
        let broken = try await cli.run(["audit", "verify"])
        #expect(broken.status == 65)
        #expect(broken.stdout.contains("record 1 was altered"), "\(broken.stdout)")
    }

    @Test("a signed checkpoint catches a cut tail that verify alone cannot; a checkpoint under another key is refused")
    func checkpoint() async throws {
        let cli = try await Self.trail()
        defer { cli.cleanUp() }
        let key = cli.folder.appendingPathComponent("audit.key").path, file = cli.folder.appendingPathComponent("checkpoint.json").path
        let made = try await cli.run(["audit", "checkpoint", "--key", key, "--out", file])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stderr.contains("created audit signing key"))
        let permissions = try FileManager.default.attributesOfItem(atPath: key)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
        #expect(try await cli.run(["audit", "verify", "--checkpoint", file, "--key", key]).status == 0)

        // Cut the tail and wind the head back, as someone covering their tracks would.
        try await tamper(
            cli,
            [
                "DELETE FROM audit_records WHERE sequence >= 3",
                "UPDATE audit_head SET sequence = 2, hash = (SELECT hash FROM audit_records WHERE sequence = 2)",
            ])
        #expect(try await cli.run(["audit", "verify"]).status == 0)
        let caught = try await cli.run(["audit", "verify", "--checkpoint", file, "--key", key])
        #expect(caught.status == 65)
        #expect(caught.stdout.contains("records from 3 on are missing"), "\(caught.stdout)")

        let other = cli.folder.appendingPathComponent("other.key").path
        _ = try await cli.run(["audit", "checkpoint", "--key", other, "--out", cli.folder.appendingPathComponent("other.json").path])
        let refused = try await cli.run(["audit", "verify", "--checkpoint", file, "--key", other])
        #expect(refused.status == 78)
        #expect(refused.stderr.contains("signed with another key"))
        #expect(
            try await cli.run(["audit", "verify", "--checkpoint", cli.folder.appendingPathComponent("none.json").path, "--key", key]).status
                == 66)
    }
}

@Suite("sightline token")
struct TokenCommandTests {
    @Test("tokens get the scopes asked for (read by default), are listed without their secrets and revoked by id")
    func scopes() async throws {
        let cli = try await AuditCommandTests.trail()
        defer { cli.cleanUp() }
        let plain = try await cli.run(["token", "create", "--email", "owner@riverbend.example"])
        #expect(plain.status == 0 && plain.stderr.contains("may read"))
        let wide = try await cli.run([
            "token", "create", "--email", "owner@riverbend.example", "--scopes", "read,write,import", "--label", "nightly import",
        ])
        #expect(wide.status == 0 && wide.stderr.contains("may read,write,import"))
        let wrong = try await cli.run(["token", "create", "--email", "owner@riverbend.example", "--scopes", "read,everything"])
        #expect(wrong.status == 65 && wrong.stderr.contains("'everything' is not a token scope"))
        let listed = try await cli.run(["token", "list", "--email", "owner@riverbend.example"])
        #expect(listed.status == 0 && listed.stdout.contains("nightly import") && !listed.stdout.contains("sl_"))
        let id = try #require(
            listed.stdout.split(separator: "\n").first { $0.contains("nightly import") }?.split(separator: " ").first.map(String.init))
        #expect(try await cli.run(["token", "revoke", id]).status == 0)
        let after = try await cli.run(["token", "list", "--email", "owner@riverbend.example"])
        #expect(after.stdout.split(separator: "\n").first { $0.contains("nightly import") }?.hasSuffix("revoked") == true)
        #expect(try await cli.run(["token", "revoke", "00000000-0000-0000-0000-000000000001"]).status == 66)
    }
}

@Suite("sightline user deactivate")
struct DeactivateCommandTests {
    @Test("deactivating an account revokes its tokens at once and is on the audit trail; an unknown address is 66")
    func deactivate() async throws {
        let cli = try await AuditCommandTests.trail()
        defer { cli.cleanUp() }
        #expect(try await cli.run(["token", "create", "--email", "desk@riverbend.example"]).status == 0)
        let done = try await cli.run(["user", "deactivate", "--email", "desk@riverbend.example"])
        #expect(done.status == 0, "\(done.stderr)")
        let listed = try await cli.run(["token", "list", "--email", "desk@riverbend.example"])
        #expect(listed.stdout.split(separator: "\n").dropFirst().allSatisfy { $0.hasSuffix("revoked") })
        #expect(try await cli.run(["audit", "list"]).stdout.contains("account deactivated"))
        #expect(try await cli.run(["user", "deactivate", "--email", "nobody@riverbend.example"]).status == 66)
    }
}

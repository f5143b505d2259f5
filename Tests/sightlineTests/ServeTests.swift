import Foundation
import SightlineTestSupport
import Testing

@Suite("sightline serve")
struct ServeTests {
    @Test("serves on the embedded SQLite file, then stops cleanly on SIGTERM and on Ctrl-C", arguments: [SIGTERM, SIGINT])
    func lifecycle(signal: Int32) async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let port = try CLI.freePort()
        let server = try cli.start(["serve", "--port", "\(port)"])
        defer { if server.process.isRunning { server.process.terminate() } }
        let health = try #require(await CLI.waitUntilServing("http://127.0.0.1:\(port)/healthz"), "\(server.stderr)")
        #expect(health.0 == 200)
        #expect(health.1.contains("\"database\":\"sqlite\""))
        #expect(health.1.contains("\"status\":\"ok\""))
        #expect(FileManager.default.fileExists(atPath: cli.folder.appendingPathComponent("sightline.sqlite").path))
        let began = Date()
        kill(server.process.processIdentifier, signal)
        await CLI.waitForExit(server.process)
        // Not a speed figure: a server that waits out its minute-long background sleep, or hangs, is
        // what this catches; the bound leaves room for a machine busy with other tests.
        #expect(Date().timeIntervalSince(began) < 45)
        #expect(server.process.terminationStatus == 0)
        #expect(server.process.terminationReason == .exit)
    }

    @Test("SIGHTLINE_HOSTNAME and SIGHTLINE_PORT are honoured")
    func environment() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let port = try CLI.freePort()
        let server = try cli.start(["serve"], environment: ["SIGHTLINE_PORT": "\(port)", "SIGHTLINE_HOSTNAME": "127.0.0.1"])
        defer { if server.process.isRunning { server.process.terminate() } }
        #expect(await CLI.waitUntilServing("http://127.0.0.1:\(port)/healthz")?.0 == 200)
        server.process.terminate()
        await CLI.waitForExit(server.process)
    }

    @Test("a port in use is reported as such")
    func portInUse() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let port = try CLI.freePort()
        let first = try cli.start(["serve", "--port", "\(port)"])
        defer { if first.process.isRunning { first.process.terminate() } }
        _ = await CLI.waitUntilServing("http://127.0.0.1:\(port)/healthz")
        let second = try await cli.run(["serve", "--port", "\(port)"])
        #expect(second.status == 69)
        #expect(second.stderr.contains("port \(port) on 127.0.0.1 is already in use"), "\(second.stderr)")
        first.process.terminate()
        await CLI.waitForExit(first.process)
    }

    // An unreachable database must end start-up rather than hang (the connection has a 10-second
    // timeout); the time limit guards against a hang without asserting how fast a loaded machine is.
    @Test(
        "a malformed or unreachable DATABASE_URL ends start-up with one line", .timeLimit(.minutes(1)),
        arguments: [
            ("mysql://user:secret@127.0.0.1/sightline", "DATABASE_URL scheme 'mysql' is not supported", Int32(78)),
            ("postgres://user:secret@127.0.0.1/", "names no database", 78),
            ("postgres://user:secret@127.0.0.1:1/sightline", "cannot open the database at postgres://user:***@127.0.0.1:1/sightline", 69),
        ])
    func badDatabase(url: String, message: String, status: Int32) async throws {
        let cli = try CLI(database: url)
        defer { cli.cleanUp() }
        let outcome = try await cli.run(["serve", "--port", "\(try CLI.freePort())"])
        #expect(outcome.status == status)
        let lines = outcome.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines.first?.hasPrefix("sightline: error:") == true, "\(outcome.stderr)")
        #expect(outcome.stderr.contains(message), "\(outcome.stderr)")
        #expect(!outcome.stderr.contains("secret"))
        #expect(!outcome.stderr.contains("Fatal error") && !outcome.stderr.contains("Stack"))
    }

    @Test("--demo fills an empty database with one account per role and prints each password once")
    func demo() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let port = try CLI.freePort()
        let server = try cli.start(["serve", "--demo", "--port", "\(port)"])
        defer { if server.process.isRunning { server.process.terminate() } }
        // Seeding six months of billing files takes a while on a busy machine: a hang guard, not a timing.
        #expect(await CLI.waitUntilServing("http://127.0.0.1:\(port)/healthz", seconds: 300)?.0 == 200)
        server.process.terminate()
        await CLI.waitForExit(server.process)
        let output = server.stdout
        for role in ["practice_admin", "practice_manager", "practice_staff", "vendor_lead", "vendor_agent", "compliance_auditor"] {
            #expect(output.contains(role), "\(role) missing from: \(output)")
        }
        let token = try await cli.run(["token", "create", "--email", "lead@northgate.example"])
        #expect(token.status == 0)

        // A second start with --demo leaves the data as it is.
        let again = try cli.start(["serve", "--demo", "--port", "\(port)"])
        defer { if again.process.isRunning { again.process.terminate() } }
        #expect(await CLI.waitUntilServing("http://127.0.0.1:\(port)/healthz")?.0 == 200)
        again.process.terminate()
        await CLI.waitForExit(again.process)
        #expect(again.stdout.contains("already has data"))
        #expect(!again.stdout.contains("vendor_agent"))
    }

    @Test("with DATABASE_URL set, serve runs on PostgreSQL", .enabled(if: TestDatabase.isPostgres, "needs DATABASE_URL"))
    func postgres() async throws {
        let cli = try CLI(database: TestDatabase.postgresURL)
        defer { cli.cleanUp() }
        let port = try CLI.freePort()
        let server = try cli.start(["serve", "--port", "\(port)"])
        defer { if server.process.isRunning { server.process.terminate() } }
        let health = await CLI.waitUntilServing("http://127.0.0.1:\(port)/healthz", seconds: 300)
        #expect(health?.0 == 200, "\(server.stderr)")
        #expect(health?.1.contains("\"database\":\"postgres\"") == true)
        server.process.terminate()
        await CLI.waitForExit(server.process)
        #expect(server.process.terminationStatus == 0)
    }
}

import Foundation
import SightlineTestSupport
import Testing

@Suite("The sightline command line")
struct CommandLineTests {
    @Test("--version prints the version")
    func version() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let outcome = try await cli.run(["--version"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
    }

    @Test(
        "an unknown flag or value prints usage and exits 64",
        arguments: [
            ["serve", "--no-such-flag"], ["org", "create", "--name", "X", "--kind", "hospital"], ["frobnicate"],
            ["user", "create", "--org", "x", "--role", "owner", "--email", "a@b.example"],
        ])
    func usage(arguments: [String]) async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let outcome = try await cli.run(arguments)
        #expect(outcome.status == 64)
        #expect(outcome.stderr.contains("Usage:") || outcome.stderr.contains("Help:"))
    }

    @Test("org, user and token: create an organisation, an account and a token that the API accepts")
    func provisioning() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let org = try await cli.run([
            "org", "create", "--name", "Riverbend Family Medicine", "--kind", "practice", "--time-zone", "America/Chicago",
        ])
        #expect(org.status == 0, "\(org.stderr)")
        let orgID = org.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(UUID(uuidString: orgID) != nil)

        let user = try await cli.run(
            ["user", "create", "--org", orgID, "--role", "practice_admin", "--email", "owner@riverbend.example"],
            stdin: "correct horse battery staple\n")
        #expect(user.status == 0, "\(user.stderr)")
        #expect(user.stdout.split(separator: "\n").count == 1)
        #expect(!user.stdout.contains("correct horse"))

        let generated = try await cli.run([
            "user", "create", "--org", orgID, "--role", "practice_staff", "--email", "desk@riverbend.example",
        ])
        #expect(generated.status == 0, "\(generated.stderr)")
        let lines = generated.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.last?.hasPrefix("password: ") == true)

        let token = try await cli.run(["token", "create", "--email", "owner@riverbend.example", "--expires-in", "30d"])
        #expect(token.status == 0, "\(token.stderr)")
        let secret = token.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(secret.hasPrefix("sl_"))

        let list = try await cli.run(["org", "list"])
        #expect(list.stdout.contains("Riverbend Family Medicine"))
        #expect(list.stdout.contains("America/Chicago"))

        let port = try CLI.freePort()
        let server = try cli.start(["serve", "--port", "\(port)"])
        defer { if server.process.isRunning { server.process.terminate() } }
        let health = await CLI.waitUntilServing("http://127.0.0.1:\(port)/healthz")
        #expect(health?.0 == 200)
        let me = await CLI.get("http://127.0.0.1:\(port)/api/v1/me", bearer: secret)
        #expect(me?.0 == 200)
        #expect(me?.1.contains("\"practice_admin\"") == true)
        #expect(me?.1.contains(orgID.lowercased()) == true)
        server.process.terminate()
        await CLI.waitForExit(server.process)
    }

    @Test(
        "bad input names the problem in one line and changes nothing",
        arguments: [
            (["org", "create", "--name", "  ", "--kind", "practice"], "organisation name is empty", Int32(65)),
            (["org", "create", "--name", "X", "--kind", "vendor", "--time-zone", "EST"], "'EST' is not an IANA time zone", 65),
            (
                ["user", "create", "--org", "not-an-id", "--role", "practice_staff", "--email", "a@b.example"], "is not an organisation id",
                65
            ),
            (
                ["user", "create", "--org", "00000000-0000-0000-0000-000000000001", "--role", "practice_staff", "--email", "a@b.example"],
                "no organisation with id", 66
            ),
            (
                ["user", "create", "--org", "00000000-0000-0000-0000-000000000001", "--role", "practice_staff", "--email", "a-b.example"],
                "is not an e-mail address", 65
            ),
            (["token", "create", "--email", "nobody@x.example"], "no user with e-mail nobody@x.example", 66),
            (["token", "create", "--email", "nobody@x.example", "--expires-in", "forever"], "is not a lifetime", 65),
        ])
    func badInput(arguments: [String], message: String, status: Int32) async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let outcome = try await cli.run(arguments, stdin: "")
        #expect(outcome.status == status)
        let lines = outcome.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(outcome.stderr)")
        #expect(outcome.stderr.contains(message), "\(outcome.stderr)")
        #expect(outcome.stdout.isEmpty)
    }

    @Test("a role from the other side of the engagement is refused")
    func wrongSide() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let org = try await cli.run(["org", "create", "--name", "Northgate", "--kind", "vendor", "--time-zone", "UTC"])
        let orgID = org.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let outcome = try await cli.run(
            ["user", "create", "--org", orgID, "--role", "practice_admin", "--email", "x@y.example"],
            stdin: "a long enough password\n")
        #expect(outcome.status == 65)
        #expect(outcome.stderr.contains("role practice_admin belongs to a practice organisation, not a vendor"))
    }

    @Test("a weak password from stdin is refused without echoing it")
    func weakPassword() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let org = try await cli.run(["org", "create", "--name", "Riverbend", "--kind", "practice", "--time-zone", "UTC"])
        let orgID = org.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let outcome = try await cli.run(
            ["user", "create", "--org", orgID, "--role", "practice_staff", "--email", "x@y.example"],
            stdin: "hunter2\n")
        #expect(outcome.status == 65)
        #expect(outcome.stderr.contains("at least 8"))
        #expect(!outcome.stderr.contains("hunter2"))
    }
}

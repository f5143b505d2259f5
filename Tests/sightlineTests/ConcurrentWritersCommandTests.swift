import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Several processes writing one embedded SQLite file, as people do: two imports at once, an
/// import beside a serving server, a first start killed half-way.
@Suite("Writers beside each other on one SQLite file")
struct ConcurrentWritersCommandTests {
    /// Synthetic billing files of one practice, written to `folder/name`.
    static func synth(_ cli: CLI, into name: String, seed: Int) async throws -> [String] {
        let out = cli.folder.appendingPathComponent(name)
        let made = try await cli.run(["synth", "--out", out.path, "--claims-per-day", "2", "--months", "1", "--seed", "\(seed)"])
        #expect(made.status == 0, "\(made.stderr)")
        return try FileManager.default.contentsOfDirectory(atPath: out.path).sorted().map { out.appendingPathComponent($0).path }
    }

    @Test("two imports started together on an empty file both succeed, into one practice")
    func twoImports() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let files = try await Self.synth(cli, into: "files", seed: 3)
        #expect(files.count >= 4)
        let halves = [
            files.enumerated().filter { $0.offset % 2 == 0 }.map(\.element),
            files.enumerated().filter { $0.offset % 2 == 1 }.map(\.element),
        ]
        let running = try halves.map { try cli.start(["import"] + $0) }
        for process in running { await CLI.waitForExit(process.process) }
        for process in running { #expect(process.process.terminationStatus == 0, "\(process.stderr)") }
        let list = try await cli.run(["org", "list"])
        #expect(list.stdout.split(separator: "\n").filter { $0.contains(" practice ") }.count == 1, "\(list.stdout)")
        let again = try await cli.run(["import"] + files)
        #expect(again.status == 0 && !again.stdout.contains("rejected"), "\(again.stdout)")
    }

    @Test("imports beside a serving server that takes uploads at the same time all succeed, each file with its result")
    func besideTheServer() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let first = try await Self.synth(cli, into: "first", seed: 5)
        #expect(try await cli.run(["import", first[0]]).status == 0)
        let org = try await cli.run(["org", "list"])
        let practice = try #require(
            org.stdout.split(separator: "\n").first { $0.contains(" practice ") }?.split(whereSeparator: \.isWhitespace).first.map(
                String.init), "\(org.stdout)")
        let created = try await cli.run([
            "user", "create", "--org", practice, "--role", "practice_admin", "--email", "owner@riverbend.example", "--generate-password",
        ])
        #expect(created.status == 0, "\(created.stderr)")
        let token = try await cli.run(["token", "create", "--email", "owner@riverbend.example", "--scopes", "read,write,import"])
        let secret = token.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(token.status == 0 && !secret.isEmpty, "\(token.stderr)")
        let port = try CLI.freePort()
        let server = try cli.start(["serve", "--port", "\(port)"])
        defer { if server.process.isRunning { server.process.terminate() } }
        #expect(await CLI.waitUntilServing("http://127.0.0.1:\(port)/healthz")?.0 == 200, "\(server.stderr)")
        let second = try await Self.synth(cli, into: "second", seed: 6)
        let rest = Array(first.dropFirst())
        // The command imports the first set while three uploads of the second reach the server.
        let command = try cli.start(["import"] + rest)
        let statuses = await withTaskGroup(of: (Int, String).self) { group in
            for (index, file) in second.prefix(3).enumerated() {
                group.addTask {
                    await Self.upload(file, to: "http://127.0.0.1:\(port)/api/v1/imports", bearer: secret, boundary: "b\(index)")
                }
            }
            var all: [(Int, String)] = []
            for await answer in group { all.append(answer) }
            return all
        }
        await CLI.waitForExit(command.process)
        #expect(command.process.terminationStatus == 0, "\(command.stderr)")
        for (status, body) in statuses {
            #expect(status == 200, "\(body.prefix(300))")
            #expect(body.contains("\"outcome\":\"imported\""), "\(body.prefix(300))")
        }
        server.process.terminate()
        await CLI.waitForExit(server.process)
    }

    static func upload(_ path: String, to url: String, bearer: String, boundary: String) async -> (Int, String) {
        guard let url = URL(string: url), let bytes = FileManager.default.contents(atPath: path) else { return (0, "no file") }
        var body = Data(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"files\"; filename=\"\(URL(fileURLWithPath: path).lastPathComponent)\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                .utf8)
        body.append(bytes)
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        var request = URLRequest(url: url, timeoutInterval: 120)
        request.httpMethod = "POST"
        request.setValue("Bearer \(bearer)", forHTTPHeaderField: "Authorization")
        request.setValue("multipart/form-data; boundary=\(boundary)", forHTTPHeaderField: "Content-Type")
        request.httpBody = body
        guard let (data, response) = try? await URLSession.shared.data(for: request), let http = response as? HTTPURLResponse else {
            return (0, "no answer")
        }
        return (http.statusCode, String(decoding: data, as: UTF8.self))
    }

    /// Starts the executable with `posix_spawn`, output to `log`: the kill loop starts and reaps
    /// 150 processes, which is kinder to Foundation's `Process` (and the tests beside this one)
    /// when left to plain system calls.
    static func spawn(_ arguments: [String], environment: [String: String], log: String) throws -> pid_t {
        let path = try CLI.executable.path
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0)=\($1)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, log, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        var pid: pid_t = 0
        let result = posix_spawn(&pid, path, &actions, nil, argv, envp)
        guard result == 0 else { throw CLIError.executableNotFound }
        return pid
    }

    /// Waits for `pid`; its exit status, or 128 + the signal that ended it.
    static func reap(_ pid: pid_t) async -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) == 0 { try? await Task.sleep(for: .milliseconds(10)) }
        return status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }

    @Test("a first start killed at a random moment leaves a file the next start completes (50 kills)")
    func killedFirstStarts() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let log = cli.folder.appendingPathComponent("kills.log").path
        func environment(_ file: String) -> [String: String] {
            cli.environment.merging(["SIGHTLINE_DATABASE_PATH": cli.folder.appendingPathComponent(file).path]) { $1 }
        }
        // How long a whole first start takes here, to spread the kills over it.
        let began = ContinuousClock.now
        #expect(await Self.reap(try Self.spawn(["migrate"], environment: environment("whole.sqlite"), log: log)) == 0)
        let span = max(
            0.05,
            Double((ContinuousClock.now - began).components.seconds) + Double((ContinuousClock.now - began).components.attoseconds) / 1e18)
        var generator = SystemRandomNumberGenerator()
        for kill in 0..<50 {
            let file = "killed-\(kill).sqlite"
            let started = try Self.spawn(["migrate"], environment: environment(file), log: log)
            try await Task.sleep(for: .milliseconds(Int(Double.random(in: 0...span, using: &generator) * 1_000)))
            Foundation.kill(started, SIGKILL)
            _ = await Self.reap(started)
            let next = await Self.reap(try Self.spawn(["migrate"], environment: environment(file), log: log))
            let listed = await Self.reap(try Self.spawn(["org", "list"], environment: environment(file), log: log))
            #expect(next == 0 && listed == 0, "kill \(kill): \((try? String(contentsOfFile: log, encoding: .utf8))?.suffix(400) ?? "")")
        }
    }
}

import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Runs the real `sightline` executable, as a person or a script would.
struct CLI {
    /// Result of one run.
    struct Outcome {
        let status: Int32
        let stdout: String
        let stderr: String
        let seconds: Double
    }

    /// The built executable, beside the test bundle in the build folder.
    static var executable: URL {
        get throws {
            var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            for _ in 0..<4 {
                let candidate = directory.appendingPathComponent("sightline")
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
                directory.deleteLastPathComponent()
            }
            throw CLIError.executableNotFound
        }
    }

    /// A private working folder with its own SQLite file.
    let folder: URL
    var environment: [String: String]

    init(database: String? = nil) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sightline-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "DATABASE_URL")
        environment["SIGHTLINE_DATABASE_PATH"] = folder.appendingPathComponent("sightline.sqlite").path
        environment.removeValue(forKey: "SIGHTLINE_DATA_KEY")
        environment.removeValue(forKey: "SIGHTLINE_DATA_KEY_FILE")
        if let database {
            environment["DATABASE_URL"] = database
            // A shared database has its key configured; the embedded one makes its own beside the file.
            environment["SIGHTLINE_DATA_KEY"] = "c2lnaHRsaW5lIHRlc3RzIG9ubHk6IDMyQiBrZXkhISE="
        }
        self.environment = environment
    }

    func cleanUp() { try? FileManager.default.removeItem(at: folder) }

    /// A started process and the files its output goes to (files, not pipes: a server that
    /// logs while nobody reads must never block on a full pipe).
    struct Running {
        let process: ChildProcess
        let stdoutFile: URL
        let stderrFile: URL

        var stdout: String { (try? String(contentsOf: stdoutFile, encoding: .utf8)) ?? "" }
        var stderr: String { (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? "" }
    }

    /// Starts the executable without waiting.
    func start(_ arguments: [String], stdin: String? = nil, environment extra: [String: String] = [:]) throws -> Running {
        let name = UUID().uuidString
        let stdoutFile = folder.appendingPathComponent("\(name).out"), stderrFile = folder.appendingPathComponent("\(name).err")
        let stdinFile = folder.appendingPathComponent("\(name).in")
        _ = FileManager.default.createFile(atPath: stdoutFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stdinFile.path, contents: Data((stdin ?? "").utf8))
        let process = try ChildProcess(
            executable: try Self.executable.path, arguments: arguments, environment: environment.merging(extra) { $1 },
            directory: folder.path, stdinFile: stdinFile.path, stdoutFile: stdoutFile.path, stderrFile: stderrFile.path)
        return Running(process: process, stdoutFile: stdoutFile, stderrFile: stderrFile)
    }

    /// Runs the executable to completion.
    func run(_ arguments: [String], stdin: String? = nil, environment extra: [String: String] = [:]) async throws -> Outcome {
        let began = Date()
        let running = try start(arguments, stdin: stdin, environment: extra)
        await Self.waitForExit(running.process)
        return Outcome(
            status: running.process.terminationStatus, stdout: running.stdout, stderr: running.stderr,
            seconds: Date().timeIntervalSince(began))
    }

    static func waitForExit(_ process: ChildProcess) async {
        while process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
    }

    /// A TCP port nobody listens on right now.
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard bound else { throw CLIError.noFreePort }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// GET `url`, or `nil` while nothing answers.
    static func get(_ url: String, bearer: String? = nil) async -> (Int, String)? {
        guard let url = URL(string: url) else { return nil }
        var request = URLRequest(url: url, timeoutInterval: 2)
        if let bearer { request.setValue("Bearer \(bearer)", forHTTPHeaderField: "Authorization") }
        guard let (data, response) = try? await URLSession.shared.data(for: request),
            let http = response as? HTTPURLResponse
        else { return nil }
        return (http.statusCode, String(decoding: data, as: UTF8.self))
    }

    /// Polls `url` until it answers or `seconds` pass.
    static func waitUntilServing(_ url: String, seconds: Double = 60) async -> (Int, String)? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let answer = await get(url) { return answer }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return nil
    }
}

enum CLIError: Error {
    case executableNotFound
    case noFreePort
}

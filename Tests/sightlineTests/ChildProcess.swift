import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A child process started with `posix_spawn`. Foundation's `Process.run()` on Linux (Swift 6.3)
/// over-reads a directory entry while it lists `/proc/self/fd`, and crashes the test run now and
/// then when the suite holds many files open (swift-corelibs-foundation pull request 5472); this
/// starts the child without listing anything.
final class ChildProcess: @unchecked Sendable {
    /// How the child ended.
    enum TerminationReason: Equatable {
        case exit
        case uncaughtSignal
    }

    let processIdentifier: pid_t
    private let lock = NSLock()
    private var waitStatus: Int32?

    /// Starts `executable` with `arguments` in `directory`, standard input read from `stdinFile`
    /// and standard output and error written to the two files.
    init(
        executable: String, arguments: [String], environment: [String: String], directory: String,
        stdinFile: String, stdoutFile: String, stderrFile: String
    ) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdinFile, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutFile, O_WRONLY | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderrFile, O_WRONLY | O_TRUNC, 0o644)
        // `cd` then `exec`: the shell becomes the program, so its pid and signals are the program's.
        let shell = "/bin/sh"
        let argv = ([shell, "-c", "cd \"$0\" && exec \"$@\"", directory, executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid = pid_t()
        let result = posix_spawn(&pid, shell, &actions, nil, argv, envp)
        guard result == 0 else { throw SpawnError(code: result, executable: executable) }
        processIdentifier = pid
    }

    struct SpawnError: Error, CustomStringConvertible {
        let code: Int32
        let executable: String
        var description: String { "cannot start \(executable): \(String(cString: strerror(code)))" }
    }

    /// Whether the child still runs (reaps it when it has ended).
    var isRunning: Bool {
        lock.lock()
        defer { lock.unlock() }
        if waitStatus != nil { return false }
        var status: Int32 = 0
        let reaped = waitpid(processIdentifier, &status, WNOHANG)
        if reaped == processIdentifier { waitStatus = status; return false }
        return reaped == 0
    }

    /// Blocks until the child ends.
    func waitUntilExit() {
        lock.lock()
        defer { lock.unlock() }
        guard waitStatus == nil else { return }
        var status: Int32 = 0
        while waitpid(processIdentifier, &status, 0) == -1 && errno == EINTR {}
        waitStatus = status
    }

    /// Asks the child to stop (SIGTERM).
    func terminate() { kill(processIdentifier, SIGTERM) }

    private var status: Int32 {
        waitUntilExit()
        lock.lock()
        defer { lock.unlock() }
        return waitStatus ?? 0
    }

    /// The exit code, or the signal that ended the child.
    var terminationStatus: Int32 {
        let status = status
        return status & 0x7f == 0 ? (status >> 8) & 0xff : status & 0x7f
    }

    var terminationReason: TerminationReason { status & 0x7f == 0 ? .exit : .uncaughtSignal }
}

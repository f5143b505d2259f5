import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a password without echoing it: from a pipe, the first line; on a terminal, a prompt.
enum PasswordInput {
    /// The password given, or `nil` when none was (empty input: generate one).
    static func read() throws -> String? {
        if isatty(STDIN_FILENO) == 0 {
            guard let line = readLine(strippingNewline: true), !line.isEmpty else { return nil }
            return line
        }
        let first = try prompt("Password (leave empty to generate one): ")
        guard !first.isEmpty else { return nil }
        let second = try prompt("Password again: ")
        guard first == second else { throw CommandInputError(description: "the two passwords differ") }
        return first
    }

    private static func prompt(_ text: String) throws -> String {
        FileHandle.standardError.write(Data(text.utf8))
        var original = termios()
        tcgetattr(STDIN_FILENO, &original)
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &original)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        return readLine(strippingNewline: true) ?? ""
    }
}

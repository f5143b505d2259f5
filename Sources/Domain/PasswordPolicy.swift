/// The rules a chosen password must meet (NIST SP 800-63B: length over composition rules).
public enum PasswordPolicy {
    /// Fewest characters accepted.
    public static let minimumLength = 12
    /// Most UTF-8 bytes accepted: bcrypt ignores everything past 72 bytes.
    public static let maximumBytes = 72

    /// Checks `password`; the error never repeats the password.
    public static func validate(_ password: String) throws(PasswordPolicyError) {
        guard password.count >= minimumLength else { throw .tooShort(length: password.count) }
        guard password.utf8.count <= maximumBytes else { throw .tooLong }
        guard !password.contains(where: { $0.isNewline }) else { throw .containsLineBreak }
        guard Set(password).count >= 4 else { throw .tooRepetitive }
    }

    /// The alphabet generated passwords draw from: no look-alikes (0/O, 1/l/I).
    public static let generatorAlphabet = Array("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")

    /// Builds a password of `length` characters from `randomIndex`, which must return a uniform
    /// index below its argument (the caller supplies a cryptographic source).
    public static func generate(length: Int = 20, randomIndex: (Int) -> Int) -> String {
        String((0..<length).map { _ in generatorAlphabet[randomIndex(generatorAlphabet.count)] })
    }
}

/// Why a password was refused. The password itself is never part of the message.
public enum PasswordPolicyError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Fewer than ``PasswordPolicy/minimumLength`` characters.
    case tooShort(length: Int)
    /// More than ``PasswordPolicy/maximumBytes`` bytes.
    case tooLong
    /// Contains a line break, which would be lost when typed or read from a line.
    case containsLineBreak
    /// Fewer than four distinct characters.
    case tooRepetitive

    public var description: String {
        switch self {
        case .tooShort(let length):
            "password has \(length) characters; at least \(PasswordPolicy.minimumLength) are required"
        case .tooLong: "password is longer than \(PasswordPolicy.maximumBytes) bytes"
        case .containsLineBreak: "password contains a line break"
        case .tooRepetitive: "password repeats too few characters (at least 4 different ones are required)"
        }
    }
}

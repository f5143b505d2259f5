/// The rules a chosen password must meet (NIST SP 800-63B: length over composition rules).
public enum PasswordPolicy {
    /// Fewest characters accepted.
    public static let minimumLength = 8
    /// Most UTF-8 bytes accepted: bcrypt ignores everything past 72 bytes.
    public static let maximumBytes = 72

    /// Checks `password`; the error never repeats the password.
    public static func validate(_ password: String) throws(PasswordPolicyError) {
        guard password.count >= minimumLength else { throw .tooShort(length: password.count) }
        guard password.utf8.count <= maximumBytes else { throw .tooLong }
        guard !password.contains(where: { $0.isNewline }) else { throw .containsLineBreak }
        guard Set(password).count >= 4 else { throw .tooRepetitive }
        guard !isCommon(password) else { throw .tooCommon }
    }

    /// Whether `password` is one of the passwords tried first by anyone guessing: a common one
    /// (whatever its case), one with digits or symbols added before or after, a run of the
    /// keyboard or the alphabet, or the name of this system.
    public static func isCommon(_ password: String) -> Bool {
        let lower = password.lowercased()
        let core = String(lower.drop { !$0.isLetter }.reversed().drop { !$0.isLetter }.reversed())
        let folded = String(core.map { leet[$0] ?? $0 })
        if common.contains(lower) || (core.count >= 4 && (common.contains(core) || common.contains(folded))) { return true }
        let compact = lower.filter { !$0.isWhitespace }
        return runs.contains { $0.contains(compact) || String($0.reversed()).contains(compact) } || core.contains("sightline")
    }

    /// Digits typed for letters (`p4ssw0rd`).
    static let leet: [Character: Character] = ["0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"]

    /// Rows of the keyboard and the alphabet and digits in order: any stretch of one is refused.
    static let runs = [
        "1234567890", "abcdefghijklmnopqrstuvwxyz", "qwertyuiop", "asdfghjkl", "zxcvbnm", "qwertzuiop", "azertyuiop", "1qaz2wsx3edc",
        "01234567890",
    ]

    /// Passwords and words that head every guessing list, and words of this trade.
    static let common: Set<String> = [
        "password", "passwort", "passwd", "pass", "letmein", "welcome", "admin", "administrator", "login", "logon", "iloveyou", "loveme",
        "monkey", "dragon", "football", "baseball", "basketball", "soccer", "hockey", "sunshine", "princess", "master", "shadow",
        "superman",
        "batman", "spiderman", "starwars", "trustno", "trustnoone", "hello", "hellothere", "freedom", "whatever", "computer", "internet",
        "changeme", "default", "secret", "summer", "winter", "spring", "autumn", "qwerty", "qwertyuiop", "asdfgh", "asdfghjkl", "zxcvbnm",
        "abc", "abcd", "abcdef", "abcdefg", "abcdefgh", "iloveu", "lovely", "flower", "charlie", "jordan", "michael", "jennifer", "jessica",
        "ashley", "daniel", "thomas", "robert", "matthew", "andrew", "joshua", "anthony", "william", "nicole", "hannah", "michelle",
        "buster",
        "ginger", "pepper", "cookie", "chocolate", "cheese", "banana", "orange", "purple", "yellow", "silver", "golden", "diamond", "angel",
        "killer", "hunter", "ranger", "tigger", "soccer", "mustang", "harley", "corvette", "ferrari", "porsche", "mercedes", "yankees",
        "cowboys", "eagles", "liverpool", "chelsea", "arsenal", "america", "england", "london", "newyork", "chicago", "texas", "florida",
        "google", "facebook", "twitter", "linkedin", "microsoft", "apple", "samsung", "windows", "access", "system", "server", "network",
        "security", "private", "temp", "temporary", "test", "testing", "tester", "guest", "user", "username", "root", "toor", "super",
        "superuser", "manager", "office", "company", "business", "money", "dollar", "business", "family", "friends", "forever", "together",
        "blessed", "jesus", "christ", "heaven", "faith", "matrix", "ninja", "pokemon", "minecraft", "fortnite", "gaming", "player",
        "doctor", "nurse", "clinic", "medical", "medicine", "health", "healthcare", "hospital", "patient", "patients", "billing",
        "practice",
        "insurance", "claims", "payer", "coding", "physician", "pharmacy", "dental", "family medicine", "frontdesk", "reception",
        "iloveyou2", "letmein2", "welcome2", "passw0rd", "p@ssword", "p@ssw0rd", "pa55word", "qazwsx", "zaq1xsw2", "1q2w3e4r", "1q2w3e",
        "q1w2e3r4", "aaaaaa", "abc123", "a1b2c3", "123abc", "111111", "000000", "121212", "123123", "654321", "666666", "696969", "777777",
        "888888", "987654321", "11111111", "12341234", "1234qwer", "qwer1234", "password1", "password12", "password123", "123456789",
        "1234567890", "12345678", "87654321", "11223344", "00000000", "99999999", "31415926",
    ]

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
    /// Among the passwords guessed first (see ``PasswordPolicy/isCommon(_:)``).
    case tooCommon

    public var description: String {
        switch self {
        case .tooShort(let length):
            "password has \(length) characters; at least \(PasswordPolicy.minimumLength) are required"
        case .tooLong: "password is longer than \(PasswordPolicy.maximumBytes) bytes"
        case .containsLineBreak: "password contains a line break"
        case .tooRepetitive: "password repeats too few characters (at least 4 different ones are required)"
        case .tooCommon:
            "password is one of the most common passwords (or one with digits or symbols added): anyone guessing tries it first; choose a phrase of your own"
        }
    }
}

extension PasswordPolicyError: CataloguedError {
    public var failureKind: FailureKind {
        .invalid
    }
}

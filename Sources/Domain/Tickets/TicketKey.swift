import Foundation

/// How people name a ticket: the practice's short prefix and the ticket's number (`RFM-12`), so
/// that two practices' first tickets never look alike in a vendor's queue across practices.
public enum TicketKey {
    /// The prefix of tickets before practices had their own (`T-12`); such keys still resolve.
    public static let legacyPrefix = "T"

    /// The longest prefix a practice may have.
    public static let maximumLength = 6

    /// Words that carry no initial of their own in a practice's name.
    static let minorWords: Set<String> = [
        "a", "an", "and", "at", "for", "in", "of", "on", "the", "to", "llc", "pc", "pa", "inc", "ltd", "pllc",
    ]

    /// The prefix a practice's name suggests: the initials of its words ("Riverbend Family
    /// Medicine" → `RFM`), at most four; a single word gives its first two letters ("Lakeside" →
    /// `LA`); a name with fewer than two letters gives `PR`.
    public static func suggestedPrefix(forName name: String) -> String {
        // Accents folded ("Ärzte" → "Arzte"), then words of ASCII letters only.
        let folded = name.folding(options: [.diacriticInsensitive, .widthInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        let words = folded.split(whereSeparator: { !($0.isASCII && $0.isLetter) }).map(String.init)
        let significant = words.filter { !minorWords.contains($0.lowercased()) }
        let chosen = significant.isEmpty ? words : significant
        var prefix = String(chosen.prefix(4).compactMap(\.first)).uppercased()
        if prefix.count < 2, let first = chosen.first { prefix = String(first.prefix(2)).uppercased() }
        return prefix.count < 2 ? "PR" : prefix
    }

    /// The first of `base`, `base2`, `base3`, … that `isTaken` does not report as taken.
    public static func unique(_ base: String, isTaken: (String) -> Bool) -> String {
        if !isTaken(base) { return base }
        let stem = String(base.prefix(maximumLength - 1))
        for suffix in 2... {
            let candidate = String(stem.prefix(maximumLength - String(suffix).count)) + String(suffix)
            if !isTaken(candidate) { return candidate }
        }
        return base
    }

    /// A prefix as an administrator typed it, upper-cased: 2 to 6 letters and digits, starting
    /// with a letter, and not the old `T`.
    public static func validatedPrefix(_ text: String) throws(TicketKeyError) -> String {
        let prefix = text.trimmingCharacters(in: .whitespaces).uppercased()
        guard (2...maximumLength).contains(prefix.count) else { throw .prefixLength(prefix.count) }
        guard prefix.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }), prefix.first?.isLetter == true else {
            throw .prefixCharacters
        }
        return prefix
    }

    /// A key as typed or linked: `RFM-12`, `rfm-12`, `T-12`, `#12` or `12`.
    public struct Parsed: Sendable, Equatable {
        /// The prefix, upper-cased; `nil` for a bare number.
        public var prefix: String?
        public var number: Int

        public init(prefix: String?, number: Int) {
            self.prefix = prefix
            self.number = number
        }
    }

    /// Reads a key; `nil` when the text is not one.
    public static func parse(_ text: String) -> Parsed? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        let digits = String(parts.count == 2 ? parts[1] : (trimmed.hasPrefix("#") ? trimmed.dropFirst() : Substring(trimmed)))
        guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(digits), number > 0
        else { return nil }
        guard parts.count == 2 else { return Parsed(prefix: nil, number: number) }
        let prefix = parts[0].uppercased()
        guard (1...maximumLength).contains(prefix.count), prefix.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            return nil
        }
        return Parsed(prefix: prefix, number: number)
    }
}

/// Why a ticket prefix cannot be used.
public enum TicketKeyError: Error, Sendable, Equatable, CustomStringConvertible {
    case prefixLength(Int)
    case prefixCharacters
    /// Another practice has it.
    case prefixTaken(String)
    /// An old key (`T-12`) or a bare number that several tickets the caller sees carry.
    case ambiguous(key: String, candidates: [String])

    public var description: String {
        switch self {
        case .prefixLength(let count): "a ticket prefix has 2 to \(TicketKey.maximumLength) characters, not \(count)"
        case .prefixCharacters: "a ticket prefix is letters and digits only, starting with a letter"
        case .prefixTaken(let prefix): "the ticket prefix \(prefix) is another practice's; choose another"
        case .ambiguous(let key, let candidates): "\(key) could be any of \(candidates.joined(separator: ", ")); use the full key"
        }
    }
}

extension TicketKeyError: CataloguedError {
    public var failureKind: FailureKind {
        switch self {
        case .ambiguous: .notFound
        case .prefixTaken: .conflict
        case .prefixLength, .prefixCharacters: .invalid
        }
    }
}

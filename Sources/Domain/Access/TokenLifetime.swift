/// How long an API token stays valid, written as `90d`, `12h`, `30m` or `2w`.
public struct TokenLifetime: Equatable, Sendable, CustomStringConvertible {
    /// The lifetime in seconds.
    public let seconds: Int

    /// Lifetime used when none is given.
    public static let standard = TokenLifetime(seconds: 90 * 86_400)
    /// Longest lifetime accepted: tokens must be rotated at least yearly.
    public static let maximum = TokenLifetime(seconds: 366 * 86_400)

    private init(seconds: Int) { self.seconds = seconds }

    /// Parses `<number><unit>` with unit `m`, `h`, `d` or `w`.
    public init(parsing text: String) throws(TokenLifetimeError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let unit = trimmed.last, let number = Int(trimmed.dropLast()), number > 0 else {
            throw .malformed(text)
        }
        let unitSeconds: Int
        switch unit {
        case "m": unitSeconds = 60
        case "h": unitSeconds = 3_600
        case "d": unitSeconds = 86_400
        case "w": unitSeconds = 7 * 86_400
        default: throw .malformed(text)
        }
        let (total, overflow) = number.multipliedReportingOverflow(by: unitSeconds)
        guard !overflow, total <= Self.maximum.seconds else { throw .tooLong(text) }
        self.seconds = total
    }

    public var description: String {
        if seconds % 86_400 == 0 { return "\(seconds / 86_400)d" }
        if seconds % 3_600 == 0 { return "\(seconds / 3_600)h" }
        return "\(seconds / 60)m"
    }
}

/// Why a token lifetime was refused.
public enum TokenLifetimeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not a positive number followed by m, h, d or w.
    case malformed(String)
    /// Longer than ``TokenLifetime/maximum``.
    case tooLong(String)

    public var description: String {
        switch self {
        case .malformed(let text): "'\(text)' is not a lifetime; write a number and a unit: 30m, 12h, 30d or 2w"
        case .tooLong(let text): "'\(text)' is longer than the longest token lifetime, 366d"
        }
    }
}

extension TokenLifetimeError: CataloguedError {
    public var failureKind: FailureKind {
        .invalid
    }
}

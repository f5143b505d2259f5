/// A sign-in e-mail address, trimmed and lower-cased so that one person has one account.
public struct EmailAddress: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The normalised address.
    public let value: String

    /// Longest address accepted (RFC 5321 path limit).
    public static let maximumLength = 254

    /// Validates and normalises `raw`.
    public init(_ raw: String) throws(EmailAddressError) {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard !trimmed.isEmpty else { throw .empty }
        guard trimmed.count <= Self.maximumLength else { throw .tooLong }
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, let local = parts.first, let domain = parts.last,
            !local.isEmpty, local.count <= 64,
            domain.contains("."), !domain.hasPrefix("."), !domain.hasSuffix("."), !domain.contains("..")
        else { throw .malformed(trimmed) }
        let forbidden: Set<Character> = [" ", "\t", "<", ">", "(", ")", ",", ";", ":", "\\", "\"", "[", "]"]
        guard !trimmed.contains(where: { forbidden.contains($0) || $0.isNewline }) else { throw .malformed(trimmed) }
        self.value = trimmed
    }

    public var description: String { value }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        try self.init(text)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

/// Why an e-mail address was refused.
public enum EmailAddressError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nothing was given.
    case empty
    /// Longer than ``EmailAddress/maximumLength``.
    case tooLong
    /// Not of the form `name@domain.tld`.
    case malformed(String)

    public var description: String {
        switch self {
        case .empty: "e-mail address is empty"
        case .tooLong: "e-mail address is longer than \(EmailAddress.maximumLength) characters"
        case .malformed(let text): "'\(text)' is not an e-mail address of the form name@example.com"
        }
    }
}

extension EmailAddressError: CataloguedError {
    public var failureKind: FailureKind {
        .invalid
    }
}

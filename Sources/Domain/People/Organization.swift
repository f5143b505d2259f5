import Foundation

/// A party to an engagement: the medical practice, or the vendor it outsources work to.
public struct Organization: Sendable, Equatable, Codable, Identifiable {
    /// Identifies an organisation.
    public typealias ID = EntityID<Organization>

    /// Which side of an engagement an organisation is on.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// A medical practice: owns the patients, the contract and the data.
        case practice
        /// A billing company, BPO or staffing partner doing the practice's work.
        case vendor
    }

    /// Stable identifier.
    public var id: ID
    /// Display name, validated by ``OrganizationName``.
    public var name: String
    /// Practice or vendor.
    public var kind: Kind
    /// IANA time zone the organisation's calendars and dates are read in.
    public var timeZone: String

    /// Creates an organisation value; use ``Organization/validated(name:kind:timeZone:)`` for input.
    public init(id: ID = ID(), name: String, kind: Kind, timeZone: String) {
        self.id = id
        self.name = name
        self.kind = kind
        self.timeZone = timeZone
    }

    /// Builds an organisation from user input, normalising the name and checking the time zone.
    public static func validated(name: String, kind: Kind, timeZone: String) throws(OrganizationError) -> Organization {
        let cleanName = try OrganizationName.normalize(name)
        let zone = try IANATimeZone.validate(timeZone)
        return Organization(name: cleanName, kind: kind, timeZone: zone)
    }
}

/// Why organisation input was refused.
public enum OrganizationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The name was empty after trimming.
    case emptyName
    /// The name is longer than ``OrganizationName/maximumLength``.
    case nameTooLong(length: Int)
    /// The name contains control characters.
    case nameHasControlCharacters
    /// The time zone is not an IANA identifier this system knows.
    case unknownTimeZone(String)

    public var description: String {
        switch self {
        case .emptyName: "organisation name is empty"
        case .nameTooLong(let length):
            "organisation name is \(length) characters; at most \(OrganizationName.maximumLength) are allowed"
        case .nameHasControlCharacters: "organisation name contains control characters"
        case .unknownTimeZone(let zone):
            "'\(zone)' is not an IANA time zone (examples: America/Chicago, America/Los_Angeles, UTC)"
        }
    }
}

/// The rules for an organisation's display name.
public enum OrganizationName {
    /// Longest name accepted, in characters.
    public static let maximumLength = 200

    /// Trims surrounding white space and folds inner runs of white space to one space.
    public static func normalize(_ raw: String) throws(OrganizationError) -> String {
        if raw.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) && $0 != "\t" }) {
            throw .nameHasControlCharacters
        }
        let folded = raw.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard !folded.isEmpty else { throw .emptyName }
        guard folded.count <= maximumLength else { throw .nameTooLong(length: folded.count) }
        return folded
    }
}

/// Validation of IANA time zone identifiers.
public enum IANATimeZone {
    /// Returns the identifier when the system's zone database knows it.
    public static func validate(_ identifier: String) throws(OrganizationError) -> String {
        let trimmed = identifier.trimmingCharacters(in: .whitespaces)
        // Foundation also accepts abbreviations such as "EST"; only region identifiers are kept,
        // because abbreviations do not say which daylight-saving rules apply.
        guard !trimmed.isEmpty,
            trimmed == "UTC" || trimmed.contains("/"),
            TimeZone(identifier: trimmed) != nil
        else { throw .unknownTimeZone(identifier) }
        // The name as given: Foundation reports some zones under an alias ("UTC" as "GMT").
        return trimmed
    }
}

extension OrganizationError: CataloguedError {
    public var failureKind: FailureKind {
        .invalid
    }
}

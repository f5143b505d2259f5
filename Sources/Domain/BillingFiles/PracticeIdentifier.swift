import Foundation

/// An identifier a practice bills under: a National Provider Identifier or a taxpayer
/// identification number (EIN). Neither is patient data, so both may be named in messages.
public struct PracticeIdentifier: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// Which register the number belongs to.
    public enum Kind: String, Sendable, Codable, CaseIterable, Comparable {
        /// National Provider Identifier: ten digits, the last a Luhn check digit over the `80840` prefix.
        case npi
        /// Taxpayer identification number (an EIN): nine digits.
        case tin

        /// How the kind is written for people.
        public var label: String {
            switch self {
            case .npi: "NPI"
            case .tin: "TIN"
            }
        }

        public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// NPI or TIN.
    public let kind: Kind
    /// The number as digits only (a TIN's hyphen removed); may be malformed when read from a file.
    public let value: String

    /// An identifier as read, not checked; see ``isWellFormed`` and ``validated(kind:_:)``.
    public init(kind: Kind, value: String) {
        self.kind = kind
        self.value = Self.normalize(value)
    }

    /// Whether the number has the shape its register gives it (and, for an NPI, its check digit).
    public var isWellFormed: Bool { Self.problem(kind: kind, value) == nil }

    /// `NPI 1234567893`, `TIN 12-3456789`.
    public var description: String { "\(kind.label) \(shown)" }

    /// The number as people write it: a TIN with its hyphen after two digits.
    public var shown: String {
        if kind == .tin, value.count == 9, value.allSatisfy(\.isASCIIDigit) {
            return "\(value.prefix(2))-\(value.dropFirst(2))"
        }
        return value
    }

    public static func < (lhs: PracticeIdentifier, rhs: PracticeIdentifier) -> Bool {
        lhs.kind != rhs.kind ? lhs.kind < rhs.kind : lhs.value < rhs.value
    }

    /// Checks input (a form, a command's option) and returns the identifier, or says what is wrong.
    public static func validated(kind: Kind, _ raw: String) throws(PracticeIdentifierError) -> PracticeIdentifier {
        let identifier = PracticeIdentifier(kind: kind, value: raw)
        if let problem = problem(kind: kind, identifier.value) { throw problem }
        return identifier
    }

    /// Digits with the separators people type (spaces, hyphens) removed; anything else is kept so it can be refused.
    static func normalize(_ raw: String) -> String {
        String(raw.trimmingCharacters(in: .whitespaces).filter { $0 != "-" && $0 != " " })
    }

    static func problem(kind: Kind, _ value: String) -> PracticeIdentifierError? {
        guard !value.isEmpty else { return .empty(kind) }
        guard value.allSatisfy(\.isASCIIDigit) else { return .notDigits(kind, value) }
        switch kind {
        case .npi:
            guard value.count == 10 else { return .wrongLength(kind, value, expected: 10) }
            guard NPICheckDigit.isValid(value) else { return .checkDigit(value) }
        case .tin:
            guard value.count == 9 else { return .wrongLength(kind, value, expected: 9) }
        }
        return nil
    }
}

/// The check digit NPPES gives every NPI: Luhn's formula over the nine digits prefixed with `80840`.
public enum NPICheckDigit {
    /// Whether the ten digits end with the check digit of the first nine.
    public static func isValid(_ npi: String) -> Bool {
        guard npi.count == 10, npi.allSatisfy(\.isASCIIDigit), let last = npi.last?.wholeNumberValue else { return false }
        return digit(for: String(npi.prefix(9))) == last
    }

    /// The check digit of nine digits, or `nil` when they are not nine digits.
    public static func digit(for nineDigits: String) -> Int? {
        guard nineDigits.count == 9, nineDigits.allSatisfy(\.isASCIIDigit) else { return nil }
        let digits = ("80840" + nineDigits).compactMap(\.wholeNumberValue)
        var sum = 0
        // The payload's last digit is doubled: the check digit will stand to its right.
        for (offset, digit) in digits.reversed().enumerated() {
            if offset % 2 == 0 {
                let doubled = digit * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            } else {
                sum += digit
            }
        }
        return (10 - sum % 10) % 10
    }
}

/// Why an identifier was refused; the number itself is not patient data and is named.
public enum PracticeIdentifierError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nothing was given.
    case empty(PracticeIdentifier.Kind)
    /// Characters other than digits (and the hyphens and spaces people type).
    case notDigits(PracticeIdentifier.Kind, String)
    /// Not the register's number of digits.
    case wrongLength(PracticeIdentifier.Kind, String, expected: Int)
    /// An NPI whose last digit is not the check digit of the others.
    case checkDigit(String)
    /// The kind is neither NPI nor TIN.
    case unknownKind(String)

    public var description: String {
        switch self {
        case .empty(let kind): "the \(kind.label) is empty"
        case .notDigits(let kind, let value): "the \(kind.label) '\(value.prefix(40))' has characters other than digits"
        case .wrongLength(let kind, let value, let expected):
            "the \(kind.label) \(value) has \(value.count) digits; \(kind == .npi ? "an NPI" : "a TIN") has \(expected)"
        case .checkDigit(let value):
            "the NPI \(value) does not end with its check digit (Luhn over the 80840 prefix, as NPPES assigns them); check it for a typing error"
        case .unknownKind(let raw): "'\(raw.prefix(40))' is not a kind of identifier; use npi or tin"
        }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

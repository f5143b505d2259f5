import Domain
import Vapor

/// Errors the web layer raises itself, each with its HTTP status.
enum APIError: CataloguedError {
    /// No or bad credentials (401).
    case unauthenticated(String)
    /// Form or body input that cannot be used (422), with the field it concerns.
    case invalidInput(field: String, reason: String)

    var failureKind: FailureKind {
        switch self {
        case .unauthenticated: .unauthorized
        case .invalidInput: .invalid
        }
    }

    var description: String {
        switch self {
        case .unauthenticated(let reason): reason
        case .invalidInput(let field, let reason): "\(field): \(reason)"
        }
    }
}

extension APIError {
    /// A date parameter or field: `nil` when absent (or empty, for form fields, where empty means
    /// not given); a 422 naming `field` when it is not `YYYY-MM-DD`.
    static func date(_ text: String?, field: String, emptyIsAbsent: Bool = false) throws -> CalendarDate? {
        guard let text, !(emptyIsAbsent && text.isEmpty) else { return nil }
        guard let date = CalendarDate(text) else {
            throw APIError.invalidInput(field: field, reason: "'\(text)' is not a date (YYYY-MM-DD)")
        }
        return date
    }

    /// A date that must be given.
    static func requiredDate(_ text: String?, field: String) throws -> CalendarDate {
        guard let date = try date(text ?? "", field: field) else {
            throw APIError.invalidInput(field: field, reason: "is required (YYYY-MM-DD)")
        }
        return date
    }

    /// A month (`YYYY-MM`) that must be given; a 422 naming `field` otherwise.
    static func month(_ text: String?, field: String = "month") throws -> CalendarMonth {
        guard let month = CalendarMonth(text ?? "") else {
            throw APIError.invalidInput(field: field, reason: "'\(text ?? "")' is not a month (YYYY-MM)")
        }
        return month
    }

    /// The largest page number a list takes.
    static let largestPage = 1_000_000

    /// A whole number within `range`; a 422 naming `field` and the range otherwise. Every number a
    /// route takes from a path or a query passes here, so none reaches arithmetic unbounded.
    static func integer(_ text: String, field: String, in range: ClosedRange<Int>) throws -> Int {
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)), range.contains(value) else {
            throw APIError.invalidInput(
                field: field,
                reason:
                    "'\(text.prefix(40))' is not a whole number from \(range.lowerBound.formatted(.number)) to \(range.upperBound.formatted(.number))"
            )
        }
        return value
    }
}

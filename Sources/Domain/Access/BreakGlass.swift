import Foundation

/// An emergency grant: a person whose role does not see a practice's patient data opens it for
/// themselves, for at most four hours, with a reason. Every read under it is audited at high
/// severity and the practice's administrators are told.
public struct BreakGlassGrant: Sendable, Equatable, Codable {
    public typealias ID = EntityID<BreakGlassGrant>

    public var id: ID
    public var userID: User.ID
    public var practiceID: Organization.ID
    public var reason: String
    public var openedAt: Date
    public var expiresAt: Date
    public var endedAt: Date?

    public init(
        id: ID = ID(), userID: User.ID, practiceID: Organization.ID, reason: String, openedAt: Date, expiresAt: Date, endedAt: Date? = nil
    ) {
        self.id = id
        self.userID = userID
        self.practiceID = practiceID
        self.reason = reason
        self.openedAt = openedAt
        self.expiresAt = expiresAt
        self.endedAt = endedAt
    }

    /// Whether the grant opens patient data at `now`.
    public func isActive(at now: Date) -> Bool { endedAt == nil && now < expiresAt }

    /// The longest a grant lasts.
    public static let longest: TimeInterval = 4 * 3_600
    /// The shortest reason taken.
    public static let shortestReason = 10

    /// Checks a request to break the glass and gives the grant's length.
    public static func validate(
        role: Role, reason: String, hours: Double?
    ) throws(BreakGlassError) -> (reason: String, length: TimeInterval) {
        guard Policy.allows(role, .openBreakGlass) else { throw .notEligible(role) }
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard reason.count >= shortestReason, reason.count <= 500 else { throw .reason }
        let length = (hours ?? 1) * 3_600
        guard length >= 15 * 60, length <= longest else { throw .length(hours ?? 1) }
        return (reason, length)
    }
}

/// Why the glass was not broken.
public enum BreakGlassError: Error, Equatable, Sendable, CustomStringConvertible {
    case notEligible(Role)
    case reason
    case length(Double)
    /// A vendor engaged by several practices names the one it needs.
    case choosePractice([String])

    public var description: String {
        switch self {
        case .notEligible(let role):
            "your role (\(role.rawValue)) does not break the glass: it sees the practice's patient data already, or never does"
        case .reason: "reason: say why, in 10 to 500 characters; it is on record and the practice's administrators are told"
        case .length(let hours): "hours: \(hours) is not between 0.25 and 4"
        case .choosePractice(let choices): "practiceId: choose the practice (\(choices.joined(separator: ", ")))"
        }
    }
}

extension BreakGlassError: CataloguedError {
    public var failureKind: FailureKind {
        if case .notEligible = self { return .forbidden }
        return .invalid
    }
}

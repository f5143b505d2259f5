import Foundation

/// A mover: a change of someone's role, asked for by one person and approved by another of the
/// same organisation who proves it is them with a fresh authenticator code.
public struct RoleChange: Sendable, Equatable, Codable {
    public typealias ID = EntityID<RoleChange>

    public enum Status: String, Sendable, Codable, CaseIterable {
        case requested, approved, rejected
    }

    public var id: ID
    public var userID: User.ID
    public var email: String
    public var from: Role
    public var to: Role
    public var reason: String
    public var requestedBy: User.ID
    public var requestedAt: Date
    public var status: Status
    public var decidedBy: User.ID?
    public var decidedAt: Date?

    public init(
        id: ID, userID: User.ID, email: String, from: Role, to: Role, reason: String, requestedBy: User.ID, requestedAt: Date,
        status: Status, decidedBy: User.ID? = nil, decidedAt: Date? = nil
    ) {
        self.id = id
        self.userID = userID
        self.email = email
        self.from = from
        self.to = to
        self.reason = reason
        self.requestedBy = requestedBy
        self.requestedAt = requestedAt
        self.status = status
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
    }

}

/// Why a role change was refused.
public enum RoleChangeError: Error, Equatable, Sendable, CustomStringConvertible {
    case notAllowed(Role, String)
    case sameRole
    case ownRequest
    case freshCodeNeeded
    case notPending(RoleChange.Status)
    case reason
    /// The person's role changed since the request, or they left.
    case stale

    public var description: String {
        switch self {
        case .notAllowed(let role, let action): role.mayNot(action)
        case .sameRole: "role: the person has that role already"
        case .ownRequest: "a role change is approved by someone other than the person who asked for it"
        case .freshCodeNeeded: "code: approving a role change needs a current code from your authenticator"
        case .notPending(let status): "the request was \(status.rawValue) already"
        case .reason: "reason: say why, in 10 to 500 characters"
        case .stale: "the person's role changed since this request, or they left: refuse it and ask again"
        }
    }
}

extension RoleChangeError: CataloguedError {
    public var failureKind: FailureKind {
        switch self {
        case .notAllowed, .ownRequest: .forbidden
        case .notPending, .stale: .conflict
        case .sameRole, .freshCodeNeeded, .reason: .invalid
        }
    }
}

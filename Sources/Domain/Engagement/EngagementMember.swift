import Foundation

/// One of a vendor's people on one engagement. A vendor person sees an engagement, its tickets
/// and its contract only while active here. The team at signing is in from the start; a joiner
/// is requested by the vendor's lead and approved (or refused) by the practice's administrator.
public struct EngagementMember: Sendable, Equatable, Codable {
    public typealias ID = EntityID<EngagementMember>

    public enum Status: String, Sendable, Codable, CaseIterable {
        /// Asked for by the vendor's lead, waiting for the practice.
        case requested
        case active
        case rejected
        /// Taken off the engagement (a leaver, or an access review's revoke).
        case removed
    }

    public var id: ID
    public var engagementID: Engagement.ID
    public var userID: User.ID
    public var email: String
    public var role: Role
    public var status: Status
    public var reason: String
    public var requestedAt: Date
    public var decidedAt: Date?
    public var note: String?

    public init(
        id: ID, engagementID: Engagement.ID, userID: User.ID, email: String, role: Role, status: Status, reason: String,
        requestedAt: Date, decidedAt: Date? = nil, note: String? = nil
    ) {
        self.id = id
        self.engagementID = engagementID
        self.userID = userID
        self.email = email
        self.role = role
        self.status = status
        self.reason = reason
        self.requestedAt = requestedAt
        self.decidedAt = decidedAt
        self.note = note
    }

}

/// Why a membership change was refused.
public enum MembershipError: Error, Equatable, Sendable, CustomStringConvertible {
    case notAllowed(Role, String)
    case notOfVendor(String)
    case already(EngagementMember.Status)
    case notPending(EngagementMember.Status)
    case reason

    public var description: String {
        switch self {
        case .notAllowed(let role, let action): role.mayNot(action)
        case .notOfVendor(let email): "\(email) is not an active person of the engagement's vendor"
        case .already(let status):
            "that person is \(status == .active ? "on the engagement already" : "already waiting for the practice's decision")"
        case .notPending(let status): "the request was \(status.rawValue) already"
        case .reason: "reason: say why this person needs the engagement, in 10 to 500 characters"
        }
    }
}

extension MembershipError: CataloguedError {
    public var failureKind: FailureKind {
        switch self {
        case .notAllowed: .forbidden
        case .already, .notPending: .conflict
        case .notOfVendor, .reason: .invalid
        }
    }
}

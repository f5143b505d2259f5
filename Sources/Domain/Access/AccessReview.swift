import Foundation

/// Access one of the vendor's people holds in one of the practice's other systems — its billing
/// system, clearinghouse portal or EHR — recorded so that access reviews cover it too. Sightline
/// cannot reach into those systems: a grant is what the practice says exists, and revoking one
/// records (with evidence) that the account was closed there.
public struct AccessGrant: Sendable, Equatable, Codable {
    public typealias ID = EntityID<AccessGrant>

    public enum System: String, Sendable, Codable, CaseIterable {
        case billingSystem = "billing_system"
        case clearinghouse
        case ehr
        case other

        /// How a page names the kind of system.
        public var label: String {
            switch self {
            case .billingSystem: "Billing system"
            case .clearinghouse: "Clearinghouse portal"
            case .ehr: "EHR"
            case .other: "Other system"
            }
        }
    }

    public var id: ID
    public var engagementID: Engagement.ID
    public var userID: User.ID
    public var email: String
    public var system: System
    /// The product or site: "Availity", "athenaOne".
    public var systemName: String
    /// The account's sign-in name in that system.
    public var account: String
    /// What the account may do there: "read-only claims", "full billing".
    public var accessLevel: String
    public var recordedAt: Date
    public var revokedAt: Date?
    public var revokeNote: String?

    public init(
        id: ID, engagementID: Engagement.ID, userID: User.ID, email: String, system: System, systemName: String, account: String,
        accessLevel: String, recordedAt: Date, revokedAt: Date? = nil, revokeNote: String? = nil
    ) {
        self.id = id
        self.engagementID = engagementID
        self.userID = userID
        self.email = email
        self.system = system
        self.systemName = systemName
        self.account = account
        self.accessLevel = accessLevel
        self.recordedAt = recordedAt
        self.revokedAt = revokedAt
        self.revokeNote = revokeNote
    }

    /// `Clearinghouse portal Availity, account jdoe (read-only claims)`.
    public var summary: String {
        "\(system.label) \(systemName), account \(account)" + (accessLevel.isEmpty ? "" : " (\(accessLevel))")
    }

}

/// An access-review campaign: the practice's reviewer keeps or revokes, with evidence, every
/// access the vendor's people hold on one engagement — in Sightline and in the practice's other
/// systems — by a due date. An overdue campaign opens a ticket that escalates like any other.
public struct AccessReview: Sendable, Equatable, Codable {
    public typealias ID = EntityID<AccessReview>

    public enum Status: String, Sendable, Codable, CaseIterable {
        case open, completed
    }

    public var id: ID
    public var engagementID: Engagement.ID
    public var title: String
    public var reviewerID: User.ID
    public var reviewerEmail: String
    /// The last day to decide, in the practice's time zone; the campaign is overdue from the next
    /// day's midnight there (`dueAt`).
    public var dueOn: CalendarDate
    public var dueAt: Date
    public var status: Status
    public var createdAt: Date
    public var completedAt: Date?
    /// The ticket an overdue campaign opened.
    public var ticketID: Ticket.ID?
    public var items: [AccessReviewItem]

    public init(
        id: ID, engagementID: Engagement.ID, title: String, reviewerID: User.ID, reviewerEmail: String, dueOn: CalendarDate, dueAt: Date,
        status: Status, createdAt: Date, completedAt: Date? = nil, ticketID: Ticket.ID? = nil, items: [AccessReviewItem] = []
    ) {
        self.id = id
        self.engagementID = engagementID
        self.title = title
        self.reviewerID = reviewerID
        self.reviewerEmail = reviewerEmail
        self.dueOn = dueOn
        self.dueAt = dueAt
        self.status = status
        self.createdAt = createdAt
        self.completedAt = completedAt
        self.ticketID = ticketID
        self.items = items
    }

    public var decided: Int { items.filter { $0.decision != nil }.count }

    public func isOverdue(at now: Date) -> Bool { status == .open && now >= dueAt }

}

/// One access under review: a vendor person's membership of the engagement, or one of their grants.
public struct AccessReviewItem: Sendable, Equatable, Codable {
    public typealias ID = EntityID<AccessReviewItem>

    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// Being on the engagement in Sightline.
        case sightline
        /// An access grant in another of the practice's systems.
        case grant
    }

    public enum Decision: String, Sendable, Codable, CaseIterable {
        case keep, revoke
    }

    public var id: ID
    public var kind: Kind
    public var userID: User.ID
    public var email: String
    public var role: Role
    /// What is under review: `Sightline: vendor_agent on the engagement`, or the grant's summary.
    public var access: String
    public var decision: Decision?
    public var evidence: String?
    public var decidedByEmail: String?
    public var decidedAt: Date?

    public init(
        id: ID, kind: Kind, userID: User.ID, email: String, role: Role, access: String, decision: Decision? = nil,
        evidence: String? = nil, decidedByEmail: String? = nil, decidedAt: Date? = nil
    ) {
        self.id = id
        self.kind = kind
        self.userID = userID
        self.email = email
        self.role = role
        self.access = access
        self.decision = decision
        self.evidence = evidence
        self.decidedByEmail = decidedByEmail
        self.decidedAt = decidedAt
    }
}

/// Why an access grant or review change was refused.
public enum AccessReviewError: Error, Equatable, Sendable, CustomStringConvertible {
    case notAllowed(Role, String)
    case notOfVendor(String)
    case field(String, String)
    case reviewer(String)
    case dueInPast(CalendarDate)
    case alreadyOpen
    case nothingToReview
    case decided(AccessReviewItem.Decision)
    case closed
    case revoked

    /// Whether the refusal is the state of things (409) rather than the request's content (422) or the role (403).
    public var isConflict: Bool {
        switch self {
        case .alreadyOpen, .decided, .closed, .revoked: true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .notAllowed(let role, let action): role.mayNot(action)
        case .notOfVendor(let email): "\(email) is not an active person of the engagement's vendor"
        case .field(let name, let problem): "\(name): \(problem)"
        case .reviewer(let email):
            "reviewer: \(email) is not an active practice administrator, manager or compliance auditor of the practice"
        case .dueInPast(let today): "dueOn: the due date must be today (\(today)) or later"
        case .alreadyOpen: "an access review of this engagement is open already: finish it before opening another"
        case .nothingToReview: "no vendor person has access to this engagement: there is nothing to review"
        case .decided(let decision): "this access was decided already (\(decision.rawValue)); decisions are final"
        case .closed: "the access review is completed; nothing more can be decided in it"
        case .revoked: "the access grant was revoked already"
        }
    }
}

extension AccessReviewError: CataloguedError {
    public var failureKind: FailureKind {
        if case .notAllowed = self { return .forbidden }
        return isConflict ? .conflict : .invalid
    }
}

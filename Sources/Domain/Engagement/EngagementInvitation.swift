import Foundation

/// A practice's invitation to a vendor, addressed to the vendor's lead by e-mail. Until the lead
/// accepts it there is no engagement: none of the vendor's people are on anything, nothing can be
/// opened against the vendor, and the practice learns nothing about it — not even whether the
/// address belongs to anyone. Accepting makes the engagement (a draft contract, or, when the
/// practice says it was signed outside Sightline, the signed one once the lead confirms the date).
public struct EngagementInvitation: Sendable, Equatable, Codable, Identifiable {
    /// Identifies an invitation.
    public typealias ID = EntityID<EngagementInvitation>

    /// Where the invitation stands.
    public enum Status: String, Sendable, Codable, CaseIterable {
        /// Waiting for the vendor's lead.
        case pending
        /// The lead accepted: the engagement exists.
        case accepted
        /// The lead refused (with a reason the practice sees, when one was given).
        case refused
        /// The practice took it back before an answer.
        case withdrawn
        /// Nobody answered within ``EngagementInvitation/lifetime``.
        case expired

        /// In plain words, for pages.
        public var label: String {
            switch self {
            case .pending: "waiting for an answer"
            case .accepted: "accepted"
            case .refused: "refused"
            case .withdrawn: "withdrawn"
            case .expired: "expired without an answer"
            }
        }
    }

    /// How long an invitation waits for an answer.
    public static let lifetime: TimeInterval = 30 * 86_400

    public var id: ID
    public var practiceID: Organization.ID
    /// The address the practice wrote: all the practice knows about the vendor until it accepts.
    public var email: String
    /// Stored as `pending` while waiting; see ``status(at:)`` for expiry.
    public var status: Status
    /// The day the practice says the agreement was signed outside Sightline; the lead confirms it on accepting.
    public var signedOn: CalendarDate?
    public var template: String
    public var invitedBy: User.ID
    public var invitedAt: Date
    public var decidedAt: Date?
    /// Why the vendor refused, as its lead wrote it.
    public var reason: String?
    /// The engagement made on acceptance.
    public var engagementID: Engagement.ID?

    public init(
        id: ID = ID(), practiceID: Organization.ID, email: String, status: Status = .pending, signedOn: CalendarDate?, template: String,
        invitedBy: User.ID, invitedAt: Date, decidedAt: Date? = nil, reason: String? = nil, engagementID: Engagement.ID? = nil
    ) {
        self.id = id
        self.practiceID = practiceID
        self.email = email
        self.status = status
        self.signedOn = signedOn
        self.template = template
        self.invitedBy = invitedBy
        self.invitedAt = invitedAt
        self.decidedAt = decidedAt
        self.reason = reason
        self.engagementID = engagementID
    }

    /// The status at `now`: a pending invitation past its lifetime has expired.
    public func status(at now: Date) -> Status {
        status == .pending && now >= invitedAt.addingTimeInterval(Self.lifetime) ? .expired : status
    }

    /// Whether it still waits for an answer at `now`.
    public func isOpen(at now: Date) -> Bool { status(at: now) == .pending }

    /// A refusal's reason as kept: trimmed, at most 500 characters, `nil` when empty.
    public static func reason(_ text: String?) -> String? {
        let trimmed = (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : String(trimmed.prefix(500))
    }
}

/// Why an invitation could not be made or answered.
public enum InvitationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The caller's role may not do this.
    case notAllowed(Role, String)
    /// The invitation was answered, withdrawn or expired already.
    case notOpen(EngagementInvitation.Status)
    /// The practice recorded an agreement signed outside Sightline; the lead must confirm its date to accept.
    case signatureNotConfirmed(CalendarDate)
    /// The practice has invited this address already and waits for the answer.
    case alreadyInvited(String)

    public var description: String {
        switch self {
        case .notAllowed(let role, let action): role.mayNot(action)
        case .notOpen(let status): "the invitation is \(status.label) already"
        case .signatureNotConfirmed(let date):
            "signedOn: the practice says the agreement was signed outside Sightline on \(date); confirm that date to accept, or refuse the invitation and say why"
        case .alreadyInvited(let email): "email: \(email) has been invited already and the answer is still awaited"
        }
    }
}

import Domain
import Foundation

/// The engagement page's People section: the vendor's people on it, requests waiting for the
/// practice, and what the signed-in person may do about them.
struct PeopleSection: Encodable, Equatable {
    struct Line: Encodable, Equatable {
        let email, role, status, reason, since: String
        let approveLink, rejectLink, removeLink: String?
    }

    let lines: [Line]
    let pending: Int
    /// The vendor's lead asks for a joiner here; the practice's administrator puts one on directly.
    let canRequest: Bool
    let requestLabel: String
    /// The engagement's access grants and reviews, for the practice's readers and the vendor's lead.
    let accessLink: String?

    init(_ members: [EngagementMember], engagementPath: String, caller: Caller) {
        let decides = Policy.allows(caller.user.role, .approveMember) && caller.organization.kind == .practice
        let removes = Policy.allows(caller.user.role, .removeMember)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        lines = members.filter { $0.status == .active || $0.status == .requested }.map { member in
            let base = "\(engagementPath)/members/\(member.id)"
            let pending = member.status == .requested
            return Line(
                email: member.email, role: member.role.label, status: pending ? "waiting for the practice" : "on the engagement",
                reason: member.reason, since: formatter.string(from: member.decidedAt ?? member.requestedAt),
                approveLink: pending && decides ? "\(base)/approve" : nil, rejectLink: pending && decides ? "\(base)/reject" : nil,
                removeLink: removes ? "\(base)/remove" : nil)
        }
        pending = members.filter { $0.status == .requested }.count
        canRequest = Policy.allows(caller.user.role, .requestMember) || decides
        accessLink =
            (caller.organization.kind == .practice && Policy.allows(caller.user.role, .readAccessReviews))
                || caller.user.role == .vendorLead
            ? "\(engagementPath)/access" : nil
        requestLabel = decides ? "Put one of the vendor's people on this engagement" : "Ask for someone of my organisation to join"
    }
}

import Domain
import Foundation
import Persistence

/// `/engagements`: the caller's engagements; the practice's invitations to vendors (and, for its
/// administrator, the form to invite one by its lead's e-mail address); for a vendor's lead, the
/// invitations to answer. No vendor is listed to a practice that has not engaged it.
struct EngagementListPageModel: Encodable, Equatable {
    struct Row: Encodable, Equatable {
        let id: String
        let practice: String
        let vendor: String
        let status: String
        let contract: String
        let openChangeRequests: Int
        let openTickets: Int
    }

    /// One invitation as its reader sees it.
    struct Invitation: Encodable, Equatable {
        let id: String
        /// The practice's side: the address it wrote (and the vendor once it accepted); the vendor's: the practice and who wrote.
        let who: String
        let status: String
        let isOpen: Bool
        let sent: String
        let expires: String
        /// "signed outside Sightline on DATE", or that the contract is drafted in Sightline.
        let agreement: String
        let signedOn: String?
        let reason: String?
        let engagementLink: String?
        let canWithdraw: Bool
        let canAnswer: Bool
        let acceptAction: String
        let refuseAction: String
        let withdrawAction: String
        /// A refused answer's problem, shown by its field.
        let error: String?
    }

    let chrome: PageChrome
    let rows: [Row]
    let hasRows: Bool
    let invitations: [Invitation]
    let showsInvitations: Bool
    /// Whether the caller answers for a vendor (the list reads as invitations received).
    let answers: Bool
    let canInvite: Bool
    /// The invitation form's values and its errors by field (`email`, `signedOn`).
    let form: [String: String]
    let errors: [String: String]
    /// A line at the top of the page: what was just done, or a problem not tied to a field.
    let notice: String?
    let error: String?

    struct Input {
        var chrome: PageChrome
        var caller: Caller
        var rows: [Row]
        var invitations: [InvitationListing]
        var showsInvitations: Bool
        var now: Date
        var form: [String: String] = [:]
        var errors: [String: String] = [:]
        /// An answer's problem, by invitation id.
        var answerErrors: [String: String] = [:]
        var notice: String?
        var error: String?
    }

    init(_ input: Input) {
        chrome = input.chrome
        rows = input.rows
        hasRows = !input.rows.isEmpty
        let role = input.caller.user.role
        let isVendor = input.caller.organization.kind == .vendor
        answers = isVendor
        canInvite = !isVendor && Policy.allows(role, .inviteVendor)
        showsInvitations = input.showsInvitations
        form = input.form
        errors = input.errors
        notice = input.notice
        error = input.error
        let zone = input.caller.organization.timeZone
        func day(_ date: Date) -> String { CalendarDate.on(date, in: zone)?.description ?? "" }
        invitations = input.invitations.map { listing in
            let invitation = listing.invitation
            let id = invitation.id.description
            let open = listing.status == .pending
            let who =
                isVendor
                ? "\(listing.practiceName) (\(listing.invitedByEmail))"
                : listing.vendorName.map { "\($0) (\(invitation.email))" } ?? invitation.email
            return Invitation(
                id: id, who: who, status: listing.status.label, isOpen: open, sent: day(invitation.invitedAt),
                expires: day(invitation.invitedAt.addingTimeInterval(EngagementInvitation.lifetime)),
                agreement: invitation.signedOn.map { "signed outside Sightline on \($0)" } ?? "contract drafted and accepted in Sightline",
                signedOn: invitation.signedOn?.description, reason: listing.status == .refused ? invitation.reason : nil,
                engagementLink: listing.status == .accepted ? invitation.engagementID.map { "/engagements/\($0)" } : nil,
                canWithdraw: open && !isVendor && Policy.allows(role, .inviteVendor),
                canAnswer: open && isVendor && Policy.allows(role, .answerInvitation),
                acceptAction: "/invitations/\(id)/accept", refuseAction: "/invitations/\(id)/refuse",
                withdrawAction: "/invitations/\(id)/withdraw",
                error: input.answerErrors[id])
        }
    }

    static func contractLabel(versions: [ContractVersion], today: CalendarDate?) -> String {
        if let today, let current = ContractVersion.inForce(on: today, among: versions) {
            return "version \(current.number), in force from \(current.effectiveFrom?.description ?? "?")"
        }
        if let draft = versions.last, draft.status == .draft {
            let accepted = draft.acceptances.map(\.party.rawValue).joined(separator: " and ")
            return accepted.isEmpty ? "draft, not yet accepted" : "draft, accepted by the \(accepted)"
        }
        if let next = versions.first(where: { $0.status == .accepted }) {
            return "version \(next.number) from \(next.effectiveFrom?.description ?? "?")"
        }
        return "no contract"
    }
}

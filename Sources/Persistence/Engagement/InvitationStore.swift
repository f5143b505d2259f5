import Domain
import FluentKit
import Foundation

/// Table `engagement_invitations`.
final class InvitationModel: Model, @unchecked Sendable {
    static let schema = "engagement_invitations"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "email") var email: String
    /// The vendor whose active lead the address is; never shown to the practice before acceptance.
    @OptionalField(key: "vendor_id") var vendorID: UUID?
    @Field(key: "status") var status: String
    @OptionalField(key: "signed_on") var signedOn: String?
    @Field(key: "template") var template: String
    @Field(key: "invited_by") var invitedBy: UUID
    @Field(key: "invited_at") var invitedAt: Date
    @OptionalField(key: "decided_by") var decidedBy: UUID?
    @OptionalField(key: "decided_at") var decidedAt: Date?
    @OptionalField(key: "reason") var reason: String?
    @OptionalField(key: "engagement_id") var engagementID: UUID?

    init() {}

    func domain() throws(StoreError) -> EngagementInvitation {
        guard let id, let status = EngagementInvitation.Status(rawValue: status) else {
            throw .corruptRow(table: Self.schema, detail: "status '\(status)'")
        }
        var signed: CalendarDate?
        if let signedOn {
            guard let date = CalendarDate(signedOn) else { throw .corruptRow(table: Self.schema, detail: "signed_on") }
            signed = date
        }
        return EngagementInvitation(
            id: .init(id), practiceID: .init(practiceID), email: email, status: status, signedOn: signed, template: template,
            invitedBy: .init(invitedBy), invitedAt: invitedAt, decidedAt: decidedAt, reason: reason,
            engagementID: engagementID.map { .init($0) })
    }
}

/// An invitation as its reader may see it: the practice sees the vendor's name only once the
/// vendor accepted; the vendor's lead sees who invited them.
public struct InvitationListing: Sendable, Equatable {
    public let invitation: EngagementInvitation
    /// The status at the time of reading (a pending one past its lifetime has expired).
    public let status: EngagementInvitation.Status
    public let practiceName: String
    /// The vendor's name: for the practice only after acceptance.
    public let vendorName: String?
    /// Who of the practice sent it.
    public let invitedByEmail: String
}

/// Invitations from a practice to a vendor, and the vendor lead's answer. Making one answers the
/// same whether or not the address belongs to a vendor's lead: only the lead's own sign-in shows it.
public struct InvitationStore: Sendable {
    let database: any Database

    public init(_ database: any Database) { self.database = database }

    /// The practice's administrator invites the vendor whose lead has `email`. Nothing about the
    /// address is checked against the people of Sightline in a way the practice could observe:
    /// the invitation, its audit record and the answer are the same for an address nobody has.
    /// When the address is an active vendor lead's, the lead is e-mailed and sees the invitation.
    public func invite(
        _ email: EmailAddress, signedOn: CalendarDate?, template: ContractTemplate, by caller: Caller, now: Date
    ) async throws -> EngagementInvitation {
        guard Policy.allows(caller.user.role, .inviteVendor), caller.organization.kind == .practice else {
            throw InvitationError.notAllowed(caller.user.role, "invite vendors")
        }
        return try await database.atomically { transaction in
            let practiceID = caller.organization.id.rawValue
            let waiting = try await InvitationModel.query(on: transaction).filter(\.$practiceID == practiceID).filter(
                \.$email == email.value
            )
            .filter(\.$status == EngagementInvitation.Status.pending.rawValue).all().map { try $0.domain() }
            guard !waiting.contains(where: { $0.isOpen(at: now) }) else { throw InvitationError.alreadyInvited(email.value) }
            let lead = try await Self.lead(email, on: transaction)
            let row = InvitationModel()
            row.id = UUID()
            row.practiceID = practiceID
            row.email = email.value
            row.vendorID = lead?.$organization.id
            row.status = EngagementInvitation.Status.pending.rawValue
            row.signedOn = signedOn?.description
            row.template = template.rawValue
            row.invitedBy = caller.user.id.rawValue
            row.invitedAt = now
            try await row.create(on: transaction)
            let invitation = try row.domain()
            // The practice reads its own trail: the record must not say whether anyone has the address.
            try await AuditTrail(transaction).record(
                AuditEntry(
                    "engagement.invited", practice: practiceID, object: "invitation:\(invitation.id)",
                    detail: "invited \(email.value) to an engagement, "
                        + (signedOn.map { "agreement signed outside Sightline on \($0)" } ?? "contract to be drafted")), at: now)
            if let lead {
                let signed =
                    signedOn.map { " It says your agreement was signed outside Sightline on \($0); you confirm that date when you accept." }
                    ?? ""
                try await MailOutbox(transaction).enqueue(
                    MailMessage(
                        to: lead.email, subject: "\(caller.organization.name) invites you to an engagement in Sightline",
                        body:
                            "\(caller.organization.name) (\(caller.user.email.value)) invites your organisation to work with it in Sightline.\(signed) Sign in and open Engagements to accept or refuse; nothing of yours is shared until you accept. The invitation expires in 30 days."
                    ),
                    practiceID: caller.organization.id, now: now)
            }
            return invitation
        }
    }

    /// The active vendor lead with `email`, if there is one.
    static func lead(_ email: EmailAddress, on database: any Database) async throws -> UserModel? {
        try await UserModel.query(on: database).filter(\.$email == email.value).filter(\.$role == Role.vendorLead.rawValue)
            .filter(\.$deactivatedAt == nil).first()
    }

    /// The invitations the caller sees, newest first: their practice's (administrator, manager,
    /// compliance auditor), or those addressed to their vendor's leads (vendor lead).
    public func list(visibleTo caller: Caller, now: Date) async throws -> [InvitationListing] {
        let organization = caller.organization.id.rawValue
        let query = InvitationModel.query(on: database)
        switch caller.organization.kind {
        case .practice:
            guard Policy.allows(caller.user.role, .readInvitations) else {
                throw InvitationError.notAllowed(caller.user.role, "see the practice's invitations")
            }
            query.filter(\.$practiceID == organization)
        case .vendor:
            guard Policy.allows(caller.user.role, .answerInvitation) else {
                throw InvitationError.notAllowed(caller.user.role, "see invitations to the vendor")
            }
            query.filter(\.$vendorID == organization)
        }
        let rows = try await query.sort(\.$invitedAt, .descending).limit(200).all()
        var listings: [InvitationListing] = []
        for row in rows { listings.append(try await listing(row, for: caller, now: now)) }
        return listings
    }

    /// One invitation the caller sees; any other answers exactly like one that does not exist.
    public func find(_ id: EngagementInvitation.ID, visibleTo caller: Caller, now: Date) async throws -> InvitationListing {
        try await listing(try await Self.row(id, visibleTo: caller, on: database), for: caller, now: now)
    }

    private func listing(_ row: InvitationModel, for caller: Caller, now: Date) async throws -> InvitationListing {
        let invitation = try row.domain()
        let status = invitation.status(at: now)
        let organizations = OrganizationStore(database)
        let practice = try await organizations.find(invitation.practiceID)
        let showsVendor = caller.organization.kind == .vendor || status == .accepted
        let vendor = showsVendor ? try await row.vendorID.asyncMap { try await organizations.find(.init($0)) } ?? nil : nil
        let inviter = try await UserModel.find(invitation.invitedBy.rawValue, on: database)
        return InvitationListing(
            invitation: invitation, status: status, practiceName: practice?.name ?? "", vendorName: vendor?.name,
            invitedByEmail: inviter?.email ?? "")
    }

    /// The row when the caller's practice sent it, or it is addressed to the caller's vendor and the caller is its lead.
    static func row(_ id: EngagementInvitation.ID, visibleTo caller: Caller, on database: any Database) async throws -> InvitationModel {
        let organization = caller.organization.id.rawValue
        guard let row = try await InvitationModel.find(id.rawValue, on: database),
            row.practiceID == organization || (row.vendorID == organization && Policy.allows(caller.user.role, .answerInvitation))
        else { throw StoreError.notFound(kind: "invitation", id: id.description) }
        return row
    }

    /// The vendor's lead accepts: the engagement is made now, with the vendor's team on it. When
    /// the practice recorded an agreement signed outside Sightline, the lead must confirm its date
    /// (`confirmsSignedOn`), and both parties' acceptances name who recorded and who confirmed it.
    public func accept(_ id: EngagementInvitation.ID, confirmsSignedOn: Bool, by caller: Caller, now: Date) async throws -> Engagement {
        try await database.atomically { transaction in
            let row = try await Self.answerable(id, by: caller, on: transaction, now: now)
            let invitation = try row.domain()
            if let signedOn = invitation.signedOn, !confirmsSignedOn { throw InvitationError.signatureNotConfirmed(signedOn) }
            guard let template = ContractTemplate(rawValue: invitation.template) else {
                throw EngagementError.unknownTemplate(invitation.template)
            }
            let acceptances =
                invitation.signedOn.map { date in
                    [
                        ContractVersion.Acceptance(
                            party: .practice, userID: invitation.invitedBy, at: invitation.invitedAt,
                            note: "signed outside Sightline on \(date), recorded by the practice"),
                        ContractVersion.Acceptance(
                            party: .vendor, userID: caller.user.id, at: now,
                            note: "signed outside Sightline on \(date), confirmed by the vendor's lead"),
                    ]
                } ?? []
            let engagement = try await EngagementStore(transaction).make(
                practice: invitation.practiceID, vendor: caller.organization.id, template: template, signedOn: invitation.signedOn,
                acceptances: acceptances, how: "invitation accepted by \(caller.user.email.value)", now: now)
            row.status = EngagementInvitation.Status.accepted.rawValue
            row.decidedBy = caller.user.id.rawValue
            row.decidedAt = now
            row.engagementID = engagement.id.rawValue
            try await row.update(on: transaction)
            try await AuditTrail(transaction).record(
                AuditEntry(
                    "engagement.accepted", practice: invitation.practiceID.rawValue, object: "invitation:\(invitation.id)", severity: .high,
                    detail: "\(caller.organization.name.prefix(80)) accepted through \(caller.user.email.value)"
                        + (invitation.signedOn.map { ", confirming the agreement signed on \($0)" } ?? "") + "; engagement:\(engagement.id)"
                ), at: now)
            try await MailOutbox(transaction).tellAdministrators(
                of: invitation.practiceID, subject: "\(caller.organization.name) accepted your invitation",
                body:
                    "\(caller.user.email.value) accepted your invitation for \(caller.organization.name). The engagement is on your Engagements page in Sightline"
                    + (invitation.signedOn == nil
                        ? "; its contract is a draft you both accept there."
                        : ", its contract in force from \(invitation.signedOn?.description ?? "")."),
                now: now)
            return engagement
        }
    }

    /// The vendor's lead refuses, with an optional reason the practice sees. Nothing else happens.
    public func refuse(_ id: EngagementInvitation.ID, reason text: String?, by caller: Caller, now: Date) async throws -> InvitationListing
    {
        try await database.atomically { transaction in
            let row = try await Self.answerable(id, by: caller, on: transaction, now: now)
            let reason = EngagementInvitation.reason(text)
            row.status = EngagementInvitation.Status.refused.rawValue
            row.decidedBy = caller.user.id.rawValue
            row.decidedAt = now
            row.reason = reason
            try await row.update(on: transaction)
            // No e-mail: the practice sees the refusal on its pages; the vendor has no engagement
            // with it, so the wall lets the vendor write nothing of the practice's.
            try await AuditTrail(transaction).record(
                AuditEntry(
                    "engagement.refused", practice: row.practiceID, object: "invitation:\(id)",
                    detail: "refused by \(caller.user.email.value)" + (reason.map { ": \($0.prefix(300))" } ?? "")), at: now)
            return try await InvitationStore(transaction).listing(row, for: caller, now: now)
        }
    }

    /// The practice's administrator takes back an invitation that waits for an answer.
    public func withdraw(_ id: EngagementInvitation.ID, by caller: Caller, now: Date) async throws -> InvitationListing {
        guard Policy.allows(caller.user.role, .inviteVendor), caller.organization.kind == .practice else {
            throw InvitationError.notAllowed(caller.user.role, "withdraw invitations")
        }
        return try await database.atomically { transaction in
            let row = try await Self.row(id, visibleTo: caller, on: transaction)
            let status = try row.domain().status(at: now)
            guard status == .pending else { throw InvitationError.notOpen(status) }
            row.status = EngagementInvitation.Status.withdrawn.rawValue
            row.decidedBy = caller.user.id.rawValue
            row.decidedAt = now
            try await row.update(on: transaction)
            try await AuditTrail(transaction).record(
                AuditEntry(
                    "engagement.withdrawn", practice: row.practiceID, object: "invitation:\(id)",
                    detail: "invitation to \(row.email) withdrawn"), at: now)
            return try await InvitationStore(transaction).listing(row, for: caller, now: now)
        }
    }

    /// An invitation addressed to the caller's vendor that the caller, its lead, may answer now.
    /// The role is checked first (403); an invitation not addressed to the caller's vendor then answers as missing (404).
    private static func answerable(
        _ id: EngagementInvitation.ID, by caller: Caller, on database: any Database, now: Date
    ) async throws -> InvitationModel {
        guard Policy.allows(caller.user.role, .answerInvitation), caller.organization.kind == .vendor else {
            throw InvitationError.notAllowed(caller.user.role, "answer invitations")
        }
        let row = try await row(id, visibleTo: caller, on: database)
        guard row.vendorID == caller.organization.id.rawValue else { throw StoreError.notFound(kind: "invitation", id: id.description) }
        let status = try row.domain().status(at: now)
        guard status == .pending else { throw InvitationError.notOpen(status) }
        return row
    }
}

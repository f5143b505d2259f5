import Domain
import FluentKit
import Foundation

/// Table `engagement_members`.
final class EngagementMemberModel: Model, @unchecked Sendable {
    static let schema = "engagement_members"

    @ID(key: .id) var id: UUID?
    @Field(key: "engagement_id") var engagementID: UUID
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "user_id") var userID: UUID
    @Field(key: "status") var status: String
    @Field(key: "reason") var reason: String
    @OptionalField(key: "requested_by") var requestedBy: UUID?
    @Field(key: "requested_at") var requestedAt: Date
    @OptionalField(key: "decided_by") var decidedBy: UUID?
    @OptionalField(key: "decided_at") var decidedAt: Date?
    @OptionalField(key: "note") var note: String?

    init() {}

    convenience init(engagement: Engagement, user: UUID, status: EngagementMember.Status, reason: String, by: UUID?, at now: Date) {
        self.init()
        id = UUID()
        engagementID = engagement.id.rawValue
        practiceID = engagement.practiceID.rawValue
        userID = user
        self.status = status.rawValue
        self.reason = reason
        requestedBy = by
        requestedAt = now
        if status == .active, by != nil { decidedBy = by }
        if status == .active { decidedAt = now }
    }
}

/// Who of a vendor's people works on which engagement: joiners requested by the vendor's lead and
/// decided by the practice's administrator, leavers taken off; every change audited.
public struct MembershipStore: Sendable {
    let database: any Database

    public init(_ database: any Database) { self.database = database }

    /// Whether `user` is an active member of the engagement.
    public func isMember(_ user: User.ID, of engagement: Engagement.ID) async throws -> Bool {
        try await EngagementMemberModel.query(on: database).filter(\.$engagementID == engagement.rawValue)
            .filter(\.$userID == user.rawValue).filter(\.$status == EngagementMember.Status.active.rawValue).count() > 0
    }

    /// The engagements `user` is an active member of.
    func engagements(of user: User.ID) async throws -> [UUID] {
        try await EngagementMemberModel.query(on: database).filter(\.$userID == user.rawValue)
            .filter(\.$status == EngagementMember.Status.active.rawValue).all(\.$engagementID)
    }

    /// Puts the vendor's active people on a new engagement: the team the contract was signed with.
    func addSigningTeam(of engagement: Engagement, at now: Date) async throws {
        let people = try await UserModel.query(on: database).filter(\.$organization.$id == engagement.vendorID.rawValue)
            .filter(\.$deactivatedAt == nil).all()
        for person in people {
            try await EngagementMemberModel(
                engagement: engagement, user: person.id ?? UUID(), status: .active,
                reason: "on the vendor's team when the engagement was made", by: nil, at: now
            ).create(on: database)
        }
    }

    /// Every membership of the engagement, newest request first.
    public func members(of engagement: Engagement) async throws -> [EngagementMember] {
        let rows = try await EngagementMemberModel.query(on: database).filter(\.$engagementID == engagement.id.rawValue)
            .sort(\.$requestedAt, .descending).all()
        let users = try await UserModel.query(on: database).filter(\.$id ~~ Set(rows.map(\.userID))).all()
        return rows.compactMap { row in
            guard let user = users.first(where: { $0.id == row.userID }), let role = Role(rawValue: user.role),
                let status = EngagementMember.Status(rawValue: row.status)
            else { return nil }
            return EngagementMember(
                id: .init(row.id ?? UUID()), engagementID: engagement.id, userID: .init(row.userID), email: user.email, role: role,
                status: status, reason: row.reason, requestedAt: row.requestedAt, decidedAt: row.decidedAt, note: row.note)
        }
    }

    /// The vendor's lead asks for one of the vendor's people to join the engagement; the practice's
    /// administrator may put one on directly (a vendor with nobody left on it is never locked out).
    public func request(
        _ email: EmailAddress, on engagement: Engagement, reason text: String, by caller: Caller, now: Date
    ) async throws -> EngagementMember {
        let direct = Policy.allows(caller.user.role, .approveMember) && caller.organization.id == engagement.practiceID
        guard direct || (Policy.allows(caller.user.role, .requestMember) && caller.organization.id == engagement.vendorID) else {
            throw MembershipError.notAllowed(caller.user.role, "ask for people to join the engagement")
        }
        let reason = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (10...500).contains(reason.count) else { throw MembershipError.reason }
        return try await database.atomically { transaction in
            guard
                let person = try await UserModel.query(on: transaction).filter(\.$email == email.value)
                    .filter(\.$organization.$id == engagement.vendorID.rawValue).filter(\.$deactivatedAt == nil).first(),
                let personID = person.id
            else { throw MembershipError.notOfVendor(email.value) }
            if let current = try await EngagementMemberModel.query(on: transaction).filter(\.$engagementID == engagement.id.rawValue)
                .filter(\.$userID == personID).group(.or, { $0.filter(\.$status == "active").filter(\.$status == "requested") }).first(),
                let status = EngagementMember.Status(rawValue: current.status)
            {
                throw MembershipError.already(status)
            }
            let row = EngagementMemberModel(
                engagement: engagement, user: personID, status: direct ? .active : .requested, reason: reason,
                by: caller.user.id.rawValue, at: now)
            try await row.create(on: transaction)
            try await AuditTrail(transaction).record(
                AuditEntry(
                    direct ? "access.granted" : "access.requested", practice: engagement.practiceID.rawValue,
                    object: "engagement:\(engagement.id)",
                    severity: direct ? .high : .info, detail: "\(person.email) (\(person.role)) to join: \(reason.prefix(300))"), at: now)
            if direct { return try await Self.member(row, in: engagement, on: transaction) }
            try await MailOutbox(transaction).tellAdministrators(
                of: engagement.practiceID, subject: "A vendor asks for access for a new person",
                body:
                    "\(caller.user.email.value) asks that \(person.email) (\(person.role)) join your engagement. Approve or refuse it on the engagement's page in Sightline, under People.",
                now: now)
            return try await Self.member(row, in: engagement, on: transaction)
        }
    }

    /// The practice's administrator approves or refuses a request.
    public func decide(
        _ id: EngagementMember.ID, on engagement: Engagement, approve: Bool, note: String?, by caller: Caller, now: Date
    ) async throws -> EngagementMember {
        guard Policy.allows(caller.user.role, .approveMember), caller.organization.id == engagement.practiceID else {
            throw MembershipError.notAllowed(caller.user.role, "decide who joins the engagement")
        }
        return try await database.atomically { transaction in
            let row = try await Self.row(id, in: engagement, on: transaction)
            guard row.status == EngagementMember.Status.requested.rawValue else {
                throw MembershipError.notPending(EngagementMember.Status(rawValue: row.status) ?? .rejected)
            }
            row.status = (approve ? EngagementMember.Status.active : .rejected).rawValue
            row.decidedBy = caller.user.id.rawValue
            row.decidedAt = now
            row.note = note.flatMap { $0.isEmpty ? nil : String($0.prefix(500)) }
            try await row.update(on: transaction)
            let member = try await Self.member(row, in: engagement, on: transaction)
            try await AuditTrail(transaction).record(
                AuditEntry(
                    approve ? "access.granted" : "access.refused", practice: engagement.practiceID.rawValue,
                    object: "engagement:\(engagement.id)",
                    severity: approve ? .high : .info, detail: "\(member.email) (\(member.role.rawValue))"), at: now)
            return member
        }
    }

    /// Takes a person off the engagement at once: the practice's administrator or the vendor's lead.
    public func remove(
        _ id: EngagementMember.ID, on engagement: Engagement, note: String?, by caller: Caller, now: Date
    ) async throws -> EngagementMember {
        guard Policy.allows(caller.user.role, .removeMember) else {
            throw MembershipError.notAllowed(caller.user.role, "take people off the engagement")
        }
        return try await database.atomically { transaction in
            let row = try await Self.row(id, in: engagement, on: transaction)
            guard row.status == EngagementMember.Status.active.rawValue || row.status == EngagementMember.Status.requested.rawValue else {
                throw MembershipError.notPending(EngagementMember.Status(rawValue: row.status) ?? .removed)
            }
            try await Self.takeOff(
                row, note: note.flatMap { $0.isEmpty ? nil : String($0.prefix(500)) }, by: caller.user.id, in: engagement, on: transaction,
                now: now)
            return try await Self.member(row, in: engagement, on: transaction)
        }
    }

    /// Marks the membership removed and audits it at high severity: a leaver, or an access review's revoke.
    static func takeOff(
        _ row: EngagementMemberModel, note: String?, by user: User.ID, in engagement: Engagement, on database: any Database, now: Date
    ) async throws {
        row.status = EngagementMember.Status.removed.rawValue
        row.decidedBy = user.rawValue
        row.decidedAt = now
        row.note = note
        try await row.update(on: database)
        let person = try await UserModel.find(row.userID, on: database)
        try await AuditTrail(database).record(
            AuditEntry(
                "access.removed", practice: engagement.practiceID.rawValue, object: "engagement:\(engagement.id)", severity: .high,
                detail: "\(person?.email ?? row.userID.uuidString) (\(person?.role ?? "?"))"), at: now)
    }

    private static func row(
        _ id: EngagementMember.ID, in engagement: Engagement, on database: any Database
    ) async throws -> EngagementMemberModel {
        guard let row = try await EngagementMemberModel.find(id.rawValue, on: database), row.engagementID == engagement.id.rawValue else {
            throw StoreError.notFound(kind: "membership", id: id.description)
        }
        return row
    }

    private static func member(
        _ row: EngagementMemberModel, in engagement: Engagement, on database: any Database
    ) async throws -> EngagementMember {
        guard let member = try await MembershipStore(database).members(of: engagement).first(where: { $0.id.rawValue == row.id }) else {
            throw StoreError.notFound(kind: "membership", id: row.id?.uuidString ?? "")
        }
        return member
    }
}

import Domain
import FluentKit
import Foundation

/// What a practice records about the vendor's people's accounts in its other systems.
public struct AccessGrantDraft: Sendable {
    public var email: String
    public var system: String
    public var systemName: String
    public var account: String
    public var accessLevel: String?

    public init(email: String, system: String, systemName: String, account: String, accessLevel: String?) {
        self.email = email
        self.system = system
        self.systemName = systemName
        self.account = account
        self.accessLevel = accessLevel
    }
}

/// Access the vendor's people hold in the practice's billing system, clearinghouse portal or EHR:
/// recorded and revoked by the practice's administrator or manager, read by them, the auditor and
/// the vendor's lead, reviewed in access-review campaigns. Every change is audited.
public struct AccessGrantStore: Sendable {
    let database: any Database

    public init(_ database: any Database) { self.database = database }

    /// Who reads an engagement's grants: the practice's readers, and the vendor's lead for its people.
    static func mayRead(_ caller: Caller, _ engagement: Engagement) -> Bool {
        (caller.organization.id == engagement.practiceID && Policy.allows(caller.user.role, .readAccessReviews))
            || (caller.organization.id == engagement.vendorID && caller.user.role == .vendorLead)
    }

    /// The engagement's grants, current ones first, then revoked ones, newest first within each.
    public func grants(of engagement: Engagement, visibleTo caller: Caller) async throws -> [AccessGrant] {
        guard Self.mayRead(caller, engagement) else { throw AccessReviewError.notAllowed(caller.user.role, "see access grants") }
        return try await grants(of: engagement.id)
    }

    func grants(of engagement: Engagement.ID, current: Bool = false) async throws -> [AccessGrant] {
        var query = AccessGrantModel.query(on: database).filter(\.$engagementID == engagement.rawValue)
        if current { query = query.filter(\.$revokedAt == nil) }
        let rows = try await query.sort(\.$recordedAt, .descending).all()
        let emails = try await Self.emails(of: rows.map(\.userID), on: database)
        return try rows.map { try $0.domain(email: emails[$0.userID] ?? "") }
            .sorted {
                ($0.revokedAt == nil ? 0 : 1, -$0.recordedAt.timeIntervalSince1970) < (
                    $1.revokedAt == nil ? 0 : 1, -$1.recordedAt.timeIntervalSince1970
                )
            }
    }

    /// Records a grant held by one of the engagement vendor's active people.
    public func record(_ draft: AccessGrantDraft, on engagement: Engagement, by caller: Caller, now: Date) async throws -> AccessGrant {
        try Self.requireKeeper(caller, engagement, "record access grants")
        guard let system = AccessGrant.System(rawValue: draft.system) else {
            throw AccessReviewError.field("system", "one of \(AccessGrant.System.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let name = try boundedText(draft.systemName, field: "systemName", 1...100)
        let account = try boundedText(draft.account, field: "account", 1...100)
        let level = try boundedText(draft.accessLevel, field: "accessLevel", 0...200)
        let email = try EmailAddress(draft.email)
        return try await database.atomically { transaction in
            guard
                let person = try await UserModel.query(on: transaction).filter(\.$email == email.value)
                    .filter(\.$organization.$id == engagement.vendorID.rawValue).filter(\.$deactivatedAt == nil).first(),
                let personID = person.id
            else { throw AccessReviewError.notOfVendor(email.value) }
            let row = AccessGrantModel()
            row.id = UUID()
            row.practiceID = engagement.practiceID.rawValue
            row.engagementID = engagement.id.rawValue
            row.userID = personID
            row.system = system.rawValue
            row.systemName = name
            row.account = account
            row.accessLevel = level
            row.recordedBy = caller.user.id.rawValue
            row.recordedAt = now
            try await row.create(on: transaction)
            let grant = try row.domain(email: person.email)
            try await AuditTrail(transaction).record(
                AuditEntry(
                    "access_grant.recorded", practice: engagement.practiceID.rawValue, object: "access_grant:\(grant.id)",
                    detail: "\(person.email): \(grant.summary)"), at: now)
            return grant
        }
    }

    /// Records that a grant was taken away in its system, with how (the note).
    public func revoke(
        _ id: AccessGrant.ID, on engagement: Engagement, note: String?, by caller: Caller, now: Date
    ) async throws -> AccessGrant {
        try Self.requireKeeper(caller, engagement, "revoke access grants")
        let text = try boundedText(note, field: "note", 10...1000)
        return try await database.atomically { transaction in
            guard let row = try await AccessGrantModel.find(id.rawValue, on: transaction), row.engagementID == engagement.id.rawValue else {
                throw StoreError.notFound(kind: "access grant", id: id.description)
            }
            guard row.revokedAt == nil else { throw AccessReviewError.revoked }
            return try await Self.revoke(row, note: text, by: caller.user.id, on: transaction, now: now)
        }
    }

    /// Marks the row revoked and audits it; used by a review's revoke too.
    static func revoke(
        _ row: AccessGrantModel, note: String, by user: User.ID, on database: any Database, now: Date
    ) async throws -> AccessGrant {
        row.revokedAt = now
        row.revokedBy = user.rawValue
        row.revokeNote = note
        try await row.update(on: database)
        let email = try await emails(of: [row.userID], on: database)[row.userID] ?? ""
        let grant = try row.domain(email: email)
        try await AuditTrail(database).record(
            AuditEntry(
                "access_grant.revoked", practice: row.practiceID, object: "access_grant:\(grant.id)", severity: .high,
                detail: "\(email): \(grant.summary)"), at: now)
        return grant
    }

    static func requireKeeper(_ caller: Caller, _ engagement: Engagement, _ action: String) throws {
        guard caller.organization.id == engagement.practiceID, Policy.allows(caller.user.role, .keepAccessGrants) else {
            throw AccessReviewError.notAllowed(caller.user.role, action)
        }
    }

    static func emails(of users: [UUID], on database: any Database) async throws -> [UUID: String] {
        guard !users.isEmpty else { return [:] }
        let rows = try await UserModel.query(on: database).filter(\.$id ~~ Set(users)).all()
        return Dictionary(rows.compactMap { row in row.id.map { ($0, row.email) } }, uniquingKeysWith: { first, _ in first })
    }
}

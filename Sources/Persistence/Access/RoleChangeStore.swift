import Domain
import FluentKit
import Foundation

/// Table `role_changes`.
final class RoleChangeModel: Model, @unchecked Sendable {
    static let schema = "role_changes"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "from_role") var fromRole: String
    @Field(key: "to_role") var toRole: String
    @Field(key: "reason") var reason: String
    @Field(key: "requested_by") var requestedBy: UUID
    @Field(key: "requested_at") var requestedAt: Date
    @Field(key: "status") var status: String
    @OptionalField(key: "decided_by") var decidedBy: UUID?
    @OptionalField(key: "decided_at") var decidedAt: Date?

    init() {}

    func domain(email: String) throws -> RoleChange {
        guard let id, let from = Role(rawValue: fromRole), let to = Role(rawValue: toRole), let status = RoleChange.Status(rawValue: status)
        else {
            throw StoreError.corruptRow(table: Self.schema, detail: "role or status")
        }
        return RoleChange(
            id: .init(id), userID: .init(userID), email: email, from: from, to: to, reason: reason, requestedBy: .init(requestedBy),
            requestedAt: requestedAt, status: status, decidedBy: decidedBy.map { .init($0) }, decidedAt: decidedAt)
    }
}

/// Movers: a role change asked for by one person and approved by another of the same
/// organisation with a fresh authenticator code. The change takes effect on approval: the
/// person's sessions end, so they sign in again under the new role. Every step is audited.
public struct RoleChangeStore: Sendable {
    let database: any Database

    public init(_ database: any Database) { self.database = database }

    /// Asks for `email`'s role to become `role`.
    public func request(_ email: EmailAddress, to role: Role, reason text: String, by caller: Caller, now: Date) async throws -> RoleChange
    {
        guard Policy.roles(.requestRoleChange, of: caller.organization.kind).contains(caller.user.role) else {
            throw RoleChangeError.notAllowed(caller.user.role, "ask for role changes")
        }
        let reason = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (10...500).contains(reason.count) else { throw RoleChangeError.reason }
        return try await database.atomically { transaction in
            // Only people of the caller's own organisation: anyone else answers like nobody.
            guard
                let person = try await UserModel.query(on: transaction).filter(\.$email == email.value)
                    .filter(\.$organization.$id == caller.organization.id.rawValue).filter(\.$deactivatedAt == nil).first(),
                let personID = person.id
            else { throw StoreError.userNotFound(email: email.value) }
            try role.validate(for: caller.organization.kind)
            guard person.role != role.rawValue else { throw RoleChangeError.sameRole }
            let row = RoleChangeModel()
            row.id = UUID()
            row.userID = personID
            row.organizationID = caller.organization.id.rawValue
            row.fromRole = person.role
            row.toRole = role.rawValue
            row.reason = reason
            row.requestedBy = caller.user.id.rawValue
            row.requestedAt = now
            row.status = RoleChange.Status.requested.rawValue
            try await row.create(on: transaction)
            try await AuditTrail(transaction).record(
                AuditEntry(
                    "permission.requested", practice: Self.practice(caller), object: "user:\(personID)",
                    detail: "role \(person.role) → \(role.rawValue): \(reason.prefix(300))"), at: now)
            return try row.domain(email: person.email)
        }
    }

    /// The organisation's role changes, newest first.
    public func list(visibleTo caller: Caller) async throws -> [RoleChange] {
        let rows = try await RoleChangeModel.query(on: database).filter(\.$organizationID == caller.organization.id.rawValue)
            .sort(\.$requestedAt, .descending).limit(200).all()
        let users = try await UserModel.query(on: database).filter(\.$id ~~ Set(rows.map(\.userID))).all()
        return try rows.map { row in try row.domain(email: users.first { $0.id == row.userID }?.email ?? "") }
    }

    /// Approves (with the approver's current authenticator code) or refuses a request.
    public func decide(_ id: RoleChange.ID, approve: Bool, code: String?, by caller: Caller, now: Date) async throws -> RoleChange {
        guard let row = try await RoleChangeModel.find(id.rawValue, on: database), row.organizationID == caller.organization.id.rawValue
        else {
            throw StoreError.notFound(kind: "role change", id: id.description)
        }
        guard Policy.roles(.approveRoleChange, of: caller.organization.kind).contains(caller.user.role) else {
            throw RoleChangeError.notAllowed(caller.user.role, "decide role changes")
        }
        guard row.requestedBy != caller.user.id.rawValue, row.userID != caller.user.id.rawValue else { throw RoleChangeError.ownRequest }
        if approve {
            // Fresh proof of who approves: a code from their authenticator now, whatever their session.
            guard let code, !code.isEmpty, try await MFAStore(database).verifyAuthenticator(caller.user.id, code: code, now: now) else {
                throw RoleChangeError.freshCodeNeeded
            }
        }
        return try await database.atomically { transaction in
            guard let row = try await RoleChangeModel.find(id.rawValue, on: transaction) else {
                throw StoreError.notFound(kind: "role change", id: id.description)
            }
            guard row.status == RoleChange.Status.requested.rawValue else {
                throw RoleChangeError.notPending(RoleChange.Status(rawValue: row.status) ?? .rejected)
            }
            row.status = (approve ? RoleChange.Status.approved : .rejected).rawValue
            row.decidedBy = caller.user.id.rawValue
            row.decidedAt = now
            try await row.update(on: transaction)
            guard let person = try await UserModel.find(row.userID, on: transaction) else {
                throw StoreError.notFound(kind: "user", id: row.userID.uuidString)
            }
            // The request is about the person as they were: a role changed since, or a leaver, makes it stale.
            if approve, person.role != row.fromRole || person.deactivatedAt != nil { throw RoleChangeError.stale }
            if approve {
                person.role = row.toRole
                try await person.update(on: transaction)
                try await WebSessionModel.query(on: transaction).filter(\.$user.$id == row.userID).filter(\.$endedAt == nil).set(
                    \.$endedAt, to: now
                ).update()
            }
            try await AuditTrail(transaction).record(
                AuditEntry(
                    approve ? "permission.change" : "permission.refused", practice: Self.practice(caller), object: "user:\(row.userID)",
                    severity: approve ? .high : .info,
                    detail:
                        "role \(row.fromRole) → \(row.toRole) \(approve ? "approved with a fresh authenticator code; their sessions ended" : "refused")"
                ), at: now)
            return try row.domain(email: person.email)
        }
    }

    private static func practice(_ caller: Caller) -> UUID? {
        caller.organization.kind == .practice ? caller.organization.id.rawValue : nil
    }
}

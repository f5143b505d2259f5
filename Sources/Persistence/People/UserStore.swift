import Domain
import FluentKit
import Foundation

/// Reads and writes user accounts.
public struct UserStore: Sendable {
    let database: any Database

    /// A store over `database` (a connection or an open transaction).
    public init(_ database: any Database) { self.database = database }

    /// Creates a user after checking the role fits the organisation and the address is free.
    /// The password must already have passed ``PasswordPolicy``.
    @discardableResult
    public func create(
        organizationID: Organization.ID, email: EmailAddress, role: Role, password: String, hasher: BcryptHasher
    ) async throws -> User {
        guard let organization = try await OrganizationStore(database).find(organizationID) else {
            throw StoreError.organizationNotFound(organizationID.description)
        }
        try role.validate(for: organization.kind)
        try PasswordPolicy.validate(password)
        guard try await find(email: email) == nil else { throw StoreError.emailTaken(email.value) }
        let user = User(organizationID: organizationID, email: email, role: role)
        let hash = try hasher.hash(password)
        try await database.atomically { transaction in
            try await UserModel(user, passwordHash: hash).create(on: transaction)
            try await AuditTrail(transaction).record(
                AuditEntry(
                    "permission.change", practice: organization.kind == .practice ? organizationID.rawValue : nil,
                    object: "user:\(user.id)",
                    detail: "account created with role \(role.rawValue)"), at: Date())
        }
        return user
    }

    /// The user signing in with `email`, or `nil`.
    public func find(email: EmailAddress) async throws -> User? {
        try await UserModel.query(on: database).filter(\.$email == email.value).first()?.domain()
    }

    /// The users of one organisation, by e-mail; with `activeOnly`, those not deactivated.
    public func list(organizationID: Organization.ID, activeOnly: Bool = false) async throws -> [User] {
        var query = UserModel.query(on: database).filter(\.$organization.$id == organizationID.rawValue)
        if activeOnly { query = query.filter(\.$deactivatedAt == nil) }
        return try await query.sort(\.$email).all().map { try $0.domain() }
    }
}

extension UserStore {
    /// Deactivates the account and, in the same transaction, ends every browser session and
    /// revokes every API token it has, so nothing it holds works a moment longer.
    public func deactivate(email: EmailAddress, now: Date) async throws {
        try await database.atomically { transaction in
            guard let user = try await UserModel.query(on: transaction).filter(\.$email == email.value).first(), let id = user.id else {
                throw StoreError.userNotFound(email: email.value)
            }
            if user.deactivatedAt == nil {
                user.deactivatedAt = now
                try await user.update(on: transaction)
            }
            try await WebSessionModel.query(on: transaction).filter(\.$user.$id == id).filter(\.$endedAt == nil).set(\.$endedAt, to: now)
                .update()
            try await APITokenModel.query(on: transaction).filter(\.$user.$id == id).filter(\.$revokedAt == nil).set(\.$revokedAt, to: now)
                .update()
            let practice = try await OrganizationModel.find(user.$organization.id, on: transaction).flatMap {
                $0.kind == Organization.Kind.practice.rawValue ? $0.id : nil
            }
            try await AuditTrail(transaction).record(
                AuditEntry(
                    "permission.change", practice: practice, object: "user:\(id)", severity: .high,
                    detail: "account deactivated; its sessions ended and tokens revoked"), at: now)
        }
    }

    /// How many accounts exist across all organisations.
    public func count() async throws -> Int {
        try await UserModel.query(on: database).count()
    }
}

extension OrganizationStore {
    /// How many organisations exist.
    public func count() async throws -> Int {
        try await OrganizationModel.query(on: database).count()
    }
}

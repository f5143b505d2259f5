import Domain
import FluentKit
import Foundation

/// Table `users`: people of both parties, each in one organisation (the tenant column).
final class UserModel: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    @Parent(key: "organization_id") var organization: OrganizationModel
    @Field(key: "email") var email: String
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "role") var role: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @OptionalField(key: "deactivated_at") var deactivatedAt: Date?

    init() {}

    init(_ user: User, passwordHash: String) {
        self.id = user.id.rawValue
        self.$organization.id = user.organizationID.rawValue
        self.email = user.email.value
        self.passwordHash = passwordHash
        self.role = user.role.rawValue
    }

    func domain() throws(StoreError) -> User {
        guard let id, let role = Role(rawValue: role) else {
            throw .corruptRow(table: Self.schema, detail: "role '\(role)'")
        }
        guard let email = try? EmailAddress(email) else {
            throw .corruptRow(table: Self.schema, detail: "e-mail column")
        }
        return User(id: .init(id), organizationID: .init($organization.id), email: email, role: role)
    }
}

import FluentKit
import Foundation

/// Table `api_tokens`: bearer tokens, stored only as SHA-256 digests of the secret.
final class APITokenModel: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID(key: .id) var id: UUID?
    @Parent(key: "organization_id") var organization: OrganizationModel
    @Parent(key: "user_id") var user: UserModel
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "label") var label: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?
    /// `read,write,import,admin`, as ``Domain/TokenScope/text(_:)`` writes them.
    @OptionalField(key: "scopes") var scopes: String?

    init() {}

    init(organizationID: UUID, userID: UUID, tokenHash: String, label: String, expiresAt: Date, scopes: String) {
        self.scopes = scopes
        self.$organization.id = organizationID
        self.$user.id = userID
        self.tokenHash = tokenHash
        self.label = label
        self.expiresAt = expiresAt
    }
}

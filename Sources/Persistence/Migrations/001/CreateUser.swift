import FluentKit

/// Creates `users`; an e-mail address signs in one person only, across all organisations.
struct CreateUser: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(UserModel.schema)
            .id()
            .field(
                "organization_id", .uuid, .required,
                .references(OrganizationModel.schema, "id", onDelete: .restrict)
            )
            .field("email", .string, .required)
            .field("password_hash", .string, .required)
            .field("role", .string, .required)
            .field("created_at", .datetime, .required)
            .field("deactivated_at", .datetime)
            .unique(on: "email", name: "uq_users_email")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(UserModel.schema).delete()
    }
}

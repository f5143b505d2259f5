import FluentKit

/// Role changes waiting for, or decided by, a second person.
struct CreateRoleChanges: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("role_changes")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("organization_id", .uuid, .required)
            .field("from_role", .string, .required)
            .field("to_role", .string, .required)
            .field("reason", .string, .required)
            .field("requested_by", .uuid, .required)
            .field("requested_at", .datetime, .required)
            .field("status", .string, .required)
            .field("decided_by", .uuid)
            .field("decided_at", .datetime)
            .create()
        try await IndexBillingTables.create(
            [("ix_role_changes_organization", "role_changes", ["organization_id", "status"])], on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema("role_changes").delete()
    }
}

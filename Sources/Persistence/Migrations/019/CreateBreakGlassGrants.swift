import FluentKit

/// Emergency grants to patient data: who, for which practice, why, until when, and when ended.
struct CreateBreakGlassGrants: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("break_glass_grants")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .restrict))
            .field("practice_id", .uuid, .required, .references("organizations", "id", onDelete: .restrict))
            .field("reason", .string, .required)
            .field("opened_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("ended_at", .datetime)
            .field("ended_by", .uuid)
            .create()
        try await IndexBillingTables.create(
            [
                ("ix_break_glass_user", "break_glass_grants", ["user_id", "practice_id"]),
                ("ix_break_glass_practice", "break_glass_grants", ["practice_id"]),
            ], on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema("break_glass_grants").delete()
    }
}

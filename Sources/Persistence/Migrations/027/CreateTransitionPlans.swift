import FluentKit
import SQLKit

/// Transition plans: one per engagement, kept whole as JSON (steps, workflow map, rollouts, staff
/// notices with their questions). Under the tenant wall on PostgreSQL.
struct CreateTransitionPlans: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("transition_plans")
            .id()
            .field("practice_id", .uuid, .required)
            .field("engagement_id", .uuid, .required, .references("engagements", "id", onDelete: .cascade))
            .field("document", .string, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "engagement_id")
            .create()
        try await RowSecurity.protect(["transition_plans"], on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema("transition_plans").delete()
    }
}

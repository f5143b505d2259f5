import FluentKit
import SQLKit

/// Rollout phases with their gates: the pilot and each expansion, the criteria agreed, checklist
/// answers, and the practice's go or no-go with its evidence frozen. Under the tenant wall on
/// PostgreSQL like every table of a practice's data.
struct CreatePilots: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("pilots")
            .id()
            .field("practice_id", .uuid, .required)
            .field("engagement_id", .uuid, .required, .references("engagements", "id", onDelete: .cascade))
            .field("phase", .int, .required)
            .field("name", .string, .required)
            .field("scope", .string, .required)
            .field("baseline_from", .string, .required)
            .field("baseline_to", .string, .required)
            .field("from_day", .string, .required)
            .field("to_day", .string, .required)
            .field("criteria", .string, .required)
            .field("checklist", .string, .required)
            .field("status", .string, .required)
            .field("decision", .string)
            .field("created_by", .uuid, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "engagement_id", "phase")
            .create()
        try await RowSecurity.protect(["pilots"], on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema("pilots").delete()
    }
}

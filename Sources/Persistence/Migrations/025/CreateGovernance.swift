import FluentKit
import SQLKit

/// The risk register, governance reviews with their generated agendas and minutes, and the
/// actions reviews end in. Under the tenant wall on PostgreSQL.
struct CreateGovernance: AsyncMigration {
    static let tables = ["risks", "governance_reviews", "review_actions"]

    func prepare(on database: any Database) async throws {
        try await database.schema("risks")
            .id()
            .field("practice_id", .uuid, .required)
            .field("engagement_id", .uuid, .required, .references("engagements", "id", onDelete: .cascade))
            .field("number", .int, .required)
            .field("title", .string, .required)
            .field("category", .string, .required)
            .field("likelihood", .int, .required)
            .field("impact", .int, .required)
            .field("owner_email", .string, .required)
            .field("mitigation", .string, .required)
            .field("review_on", .string, .required)
            .field("status", .string, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "engagement_id", "number")
            .create()
        try await database.schema("governance_reviews")
            .id()
            .field("practice_id", .uuid, .required)
            .field("engagement_id", .uuid, .required, .references("engagements", "id", onDelete: .cascade))
            .field("number", .int, .required)
            .field("period_from", .string, .required)
            .field("period_to", .string, .required)
            .field("scheduled_on", .string, .required)
            .field("status", .string, .required)
            .field("agenda", .string, .required)
            .field("attendees", .string, .required)
            .field("decisions", .string, .required)
            .field("notes", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "engagement_id", "number")
            .create()
        try await database.schema("review_actions")
            .id()
            .field("practice_id", .uuid, .required)
            .field("engagement_id", .uuid, .required, .references("engagements", "id", onDelete: .cascade))
            .field("review_id", .uuid, .required, .references("governance_reviews", "id", onDelete: .cascade))
            .field("number", .int, .required)
            .field("title", .string, .required)
            .field("owner_email", .string, .required)
            .field("due_on", .string, .required)
            .field("links_to", .string, .required)
            .field("status", .string, .required)
            .field("done_at", .datetime)
            .field("done_note", .string, .required)
            .field("ticket_id", .uuid)
            .field("created_at", .datetime, .required)
            .unique(on: "engagement_id", "number")
            .create()
        try await RowSecurity.protect(Self.tables, on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema("review_actions").delete()
        try await database.schema("governance_reviews").delete()
        try await database.schema("risks").delete()
    }
}

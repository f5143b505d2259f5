import FluentKit

/// Access the vendor's people hold in the practice's other systems, and the review campaigns
/// that keep or revoke each access with evidence.
struct CreateAccessReviews: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("access_grants")
            .id()
            .field("practice_id", .uuid, .required)
            .field("engagement_id", .uuid, .required, .references("engagements", "id", onDelete: .cascade))
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("system", .string, .required)
            .field("system_name", .string, .required)
            .field("account", .string, .required)
            .field("access_level", .string, .required)
            .field("recorded_by", .uuid, .required)
            .field("recorded_at", .datetime, .required)
            .field("revoked_by", .uuid)
            .field("revoked_at", .datetime)
            .field("revoke_note", .string)
            .create()
        try await database.schema("access_reviews")
            .id()
            .field("practice_id", .uuid, .required)
            .field("engagement_id", .uuid, .required, .references("engagements", "id", onDelete: .cascade))
            .field("title", .string, .required)
            .field("reviewer_id", .uuid, .required, .references("users", "id"))
            .field("due_on", .string, .required)
            .field("due_at", .datetime, .required)
            .field("status", .string, .required)
            .field("created_by", .uuid, .required)
            .field("created_at", .datetime, .required)
            .field("completed_at", .datetime)
            .field("ticket_id", .uuid)
            .create()
        try await database.schema("access_review_items")
            .id()
            .field("review_id", .uuid, .required, .references("access_reviews", "id", onDelete: .cascade))
            .field("practice_id", .uuid, .required)
            .field("kind", .string, .required)
            .field("user_id", .uuid, .required)
            .field("email", .string, .required)
            .field("role", .string, .required)
            .field("access", .string, .required)
            .field("membership_id", .uuid)
            .field("grant_id", .uuid)
            .field("decision", .string)
            .field("evidence", .string)
            .field("decided_by", .uuid)
            .field("decided_at", .datetime)
            .create()
        try await IndexBillingTables.create(
            [
                ("ix_access_grants_engagement", "access_grants", ["engagement_id"]),
                ("ix_access_reviews_engagement", "access_reviews", ["engagement_id", "status"]),
                ("ix_access_reviews_due", "access_reviews", ["status", "due_at"]),
                ("ix_access_review_items_review", "access_review_items", ["review_id"]),
            ], on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema("access_review_items").delete()
        try await database.schema("access_reviews").delete()
        try await database.schema("access_grants").delete()
    }
}

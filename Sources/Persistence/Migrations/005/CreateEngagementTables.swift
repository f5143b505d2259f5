import FluentKit

/// Creates the tables of engagements and their contracts: points of contact, contract versions,
/// change requests with their discussion, the issue log's tickets, vendor work records and the
/// results of each closed period. Every row carries the practice (tenant) id.
struct CreateEngagementTables: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("engagements")
            .id()
            .field("practice_id", .uuid, .required, .references("organizations", "id", onDelete: .restrict))
            .field("vendor_id", .uuid, .required, .references("organizations", "id", onDelete: .restrict))
            .field("status", .string, .required)
            .field("template", .string, .required)
            .field("created_at", .datetime, .required)
            .create()

        try await database.schema("points_of_contact")
            .id()
            .field("practice_id", .uuid, .required)
            .field("engagement_id", .uuid, .required, .references("engagements", "id", onDelete: .cascade))
            .field("party", .string, .required)
            .field("purpose", .string, .required)
            .field("user_id", .uuid, .references("users", "id", onDelete: .setNull))
            .field("name", .string, .required)
            .field("channel", .string, .required)
            .field("address", .string, .required)
            .field("hours", .string, .required)
            .field("is_primary", .bool, .required)
            .create()

        // The whole contract is one JSON document per version: versions are never edited once
        // accepted, and diffs and change requests address values inside it by path.
        try await database.schema("contract_versions")
            .id()
            .field("practice_id", .uuid, .required)
            .field("engagement_id", .uuid, .required, .references("engagements", "id", onDelete: .cascade))
            .field("number", .int, .required)
            .field("status", .string, .required)
            .field("effective_from", .string)
            .field("document", .string, .required)
            .field("acceptances", .string, .required)
            .field("change_request_id", .uuid)
            .field("created_at", .datetime, .required)
            .unique(on: "engagement_id", "number", name: "uq_contract_versions_number")
            .create()

        try await database.schema("change_requests")
            .id()
            .field("practice_id", .uuid, .required)
            .field("engagement_id", .uuid, .required, .references("engagements", "id", onDelete: .cascade))
            .field("number", .int, .required)
            .field("status", .string, .required)
            .field("kind", .string, .required)
            .field("document", .string, .required)
            .field("proposed_at", .datetime, .required)
            .unique(on: "engagement_id", "number", name: "uq_change_requests_number")
            .create()

        try await database.schema("change_request_comments")
            .id()
            .field("practice_id", .uuid, .required)
            .field("change_request_id", .uuid, .required, .references("change_requests", "id", onDelete: .cascade))
            .field("author_id", .uuid, .required, .references("users", "id", onDelete: .restrict))
            .field("party", .string, .required)
            .field("body", .string, .required)
            .field("created_at", .datetime, .required)
            .create()

        try await database.schema("tickets")
            .id()
            .field("practice_id", .uuid, .required)
            .field("engagement_id", .uuid, .required, .references("engagements", "id", onDelete: .cascade))
            .field("number", .int, .required)
            .field("category", .string, .required)
            .field("priority", .string, .required)
            .field("title", .string, .required)
            .field("detail", .string, .required)
            .field("status", .string, .required)
            .field("requester", .string, .required)
            .field("assigned_party", .string, .required)
            .field("grid_task", .string)
            .field("opened_by", .uuid, .references("users", "id", onDelete: .setNull))
            .field("opened_at", .datetime, .required)
            .field("evidence", .string, .required)
            // Set on tickets Sightline opens itself, so that a second run opens no second ticket.
            .field("dedupe_key", .string)
            .unique(on: "engagement_id", "number", name: "uq_tickets_number")
            .unique(on: "engagement_id", "dedupe_key", name: "uq_tickets_dedupe")
            .create()

        try await database.schema("work_records")
            .id()
            .field("practice_id", .uuid, .required)
            .field("engagement_id", .uuid, .required, .references("engagements", "id", onDelete: .cascade))
            .field("grid_task", .string)
            .field("work_date", .string, .required)
            .field("quantity", .int, .required)
            .field("minutes", .int, .required)
            .field("description", .string, .required)
            .field("recorded_by", .uuid, .required, .references("users", "id", onDelete: .restrict))
            .field("recorded_at", .datetime, .required)
            .create()

        try await database.schema("service_level_results")
            .id()
            .field("practice_id", .uuid, .required)
            .field("engagement_id", .uuid, .required, .references("engagements", "id", onDelete: .cascade))
            .field("month", .string, .required)
            .field("target_key", .string, .required)
            .field("contract_version", .int, .required)
            .field("outcome", .string, .required)
            .field("document", .string, .required)
            .field("ticket_id", .uuid, .references("tickets", "id", onDelete: .setNull))
            .field("evaluated_at", .datetime, .required)
            .unique(on: "engagement_id", "month", "target_key", name: "uq_service_level_results")
            .create()

        try await database.schema("period_closes")
            .id()
            .field("practice_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("month", .string, .required)
            .field("trigger", .string, .required)
            .field("closed_by", .uuid, .references("users", "id", onDelete: .setNull))
            .field("closed_at", .datetime, .required)
            .field("runs", .int, .required)
            .unique(on: "practice_id", "month", name: "uq_period_closes")
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in [
            "period_closes", "service_level_results", "work_records", "tickets", "change_request_comments", "change_requests",
            "contract_versions", "points_of_contact", "engagements",
        ] {
            try await database.schema(table).delete()
        }
    }
}

/// Indexes the engagement tables by the columns every tenant-scoped read filters on.
struct IndexEngagementTables: AsyncMigration {
    static let indexes: [(name: String, table: String, columns: [String])] = [
        ("ix_engagements_practice", "engagements", ["practice_id"]),
        ("ix_engagements_vendor", "engagements", ["vendor_id"]),
        ("ix_points_of_contact_engagement", "points_of_contact", ["engagement_id"]),
        ("ix_change_requests_engagement", "change_requests", ["engagement_id", "status"]),
        ("ix_change_request_comments_request", "change_request_comments", ["change_request_id"]),
        ("ix_tickets_engagement_opened", "tickets", ["engagement_id", "opened_at"]),
        ("ix_work_records_engagement_date", "work_records", ["engagement_id", "work_date"]),
    ]

    func prepare(on database: any Database) async throws { try await IndexBillingTables.create(Self.indexes, on: database) }

    func revert(on database: any Database) async throws { try await IndexBillingTables.drop(Self.indexes, on: database) }
}

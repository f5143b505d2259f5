import FluentKit

/// Creates what escalation writes: one row per level fired per clock (unique, so no level fires
/// twice however many sweepers run), in-app notifications, and the webhook outbox.
struct CreateEscalations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("escalation_firings")
            .id()
            .field("practice_id", .uuid, .required)
            .field("ticket_id", .uuid, .required, .references("tickets", "id", onDelete: .cascade))
            .field("clock", .string, .required)
            .field("cycle", .string, .required)
            .field("level", .string, .required)
            .field("due_at", .datetime, .required)
            .field("fired_at", .datetime, .required)
            .unique(on: "ticket_id", "clock", "cycle", "level", name: "uq_escalation_firings")
            .create()
        try await database.schema("notifications")
            .id()
            .field("practice_id", .uuid, .required)
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("ticket_id", .uuid, .references("tickets", "id", onDelete: .cascade))
            .field("text", .string, .required)
            .field("created_at", .datetime, .required)
            .field("read_at", .datetime)
            .create()
        try await database.schema("webhook_outbox")
            .id()
            .field("practice_id", .uuid, .required)
            .field("event", .string, .required)
            .field("payload", .string, .required)
            .field("created_at", .datetime, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .datetime, .required)
            .field("delivered_at", .datetime)
            .field("last_error", .string)
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["webhook_outbox", "notifications", "escalation_firings"] { try await database.schema(table).delete() }
    }
}

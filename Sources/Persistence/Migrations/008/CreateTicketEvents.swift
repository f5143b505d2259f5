import FluentKit

/// Gives tickets their people and frozen policy, and creates their history: `ticket_events`, one
/// row per change, from which clocks and reports are computed on read.
struct CreateTicketEvents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds one column per ALTER TABLE.
        try await database.schema("tickets").field("requester_user_id", .uuid).update()
        try await database.schema("tickets").field("assignee_user_id", .uuid).update()
        try await database.schema("tickets").field("contract_version", .int).update()
        try await database.schema("ticket_events")
            .id()
            .field("practice_id", .uuid, .required)
            .field("ticket_id", .uuid, .required, .references("tickets", "id", onDelete: .cascade))
            .field("sequence", .int, .required)
            .field("at", .datetime, .required)
            .field("kind", .string, .required)
            .field("actor_user_id", .uuid, .references("users", "id", onDelete: .setNull))
            .field("party", .string)
            .field("organization_id", .uuid)
            .field("visibility", .string, .required)
            .field("data", .string, .required)
            .unique(on: "ticket_id", "sequence", name: "uq_ticket_events_sequence")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("ticket_events").delete()
        for column in ["requester_user_id", "assignee_user_id", "contract_version"] {
            try await database.schema("tickets").deleteField(FieldKey(stringLiteral: column)).update()
        }
    }
}

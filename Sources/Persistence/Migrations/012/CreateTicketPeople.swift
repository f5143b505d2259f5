import FluentKit

/// The people who follow a ticket, and the files attached to it.
struct CreateTicketPeople: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("ticket_watchers")
            .id()
            .field("ticket_id", .uuid, .required, .references("tickets", "id", onDelete: .cascade))
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("added_at", .datetime, .required)
            .unique(on: "ticket_id", "user_id", name: "uq_ticket_watchers")
            .create()
        try await database.schema("ticket_attachments")
            .id()
            .field("practice_id", .uuid, .required)
            .field("ticket_id", .uuid, .required, .references("tickets", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("content_type", .string, .required)
            .field("size", .int64, .required)
            .field("sha256", .string, .required)
            .field("content", .data, .required)
            .field("uploaded_by", .uuid, .references("users", "id", onDelete: .setNull))
            .field("uploaded_at", .datetime, .required)
            .create()
        try await IndexBillingTables.create([("ix_ticket_attachments_ticket", "ticket_attachments", ["ticket_id"])], on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema("ticket_attachments").delete()
        try await database.schema("ticket_watchers").delete()
    }
}

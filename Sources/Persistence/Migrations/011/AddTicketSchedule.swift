import FluentKit
import SQLKit

/// Keeps with each ticket when it breaches and when its next escalation level falls due
/// (`TicketSchedule`), so the queue's breached filter and the escalation sweep read an index
/// instead of computing every ticket's clocks. Tickets written before this migration have no
/// schedule yet; the sweep and the queue work it out the first time they meet them.
struct AddTicketSchedule: AsyncMigration {
    static let columns: [FieldKey] = ["breach_at", "next_escalation_at", "scheduled_at"]
    /// On SQLite, the text filter reads this narrow index instead of the rows; PostgreSQL scans the
    /// column itself (a B-tree entry there is limited to about 2,700 bytes, less than a description may hold).
    static let textIndex = ("ix_tickets_search_text", "tickets", ["engagement_id", "search_text", "opened_at", "number", "id"])
    static let indexes: [(name: String, table: String, columns: [String])] = [
        ("ix_tickets_next_escalation", "tickets", ["next_escalation_at"]),
        // The queue's filters read this index alone: counting a hundred thousand tickets by any of
        // them never reads the (wide) rows.
        (
            "ix_tickets_queue", "tickets",
            ["engagement_id", "status", "category", "priority", "assigned_party", "assignee_user_id", "breach_at", "opened_at", "number"]
        ),
        ("ix_tickets_engagement_breach", "tickets", ["engagement_id", "breach_at"]),
        ("ix_tickets_unscheduled", "tickets", ["scheduled_at"]),
    ]

    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds one column per ALTER TABLE.
        for column in Self.columns {
            try await database.schema("tickets").field(column, .datetime).update()
        }
        try await database.schema("tickets").field("search_text", .string).update()
        if let sql = database as? any SQLDatabase {
            try await sql.raw("UPDATE tickets SET search_text = LOWER(title || ' ' || detail)").run()
            if sql.dialect.name == "sqlite" { try await IndexBillingTables.create([Self.textIndex], on: database) }
        }
        try await IndexBillingTables.create(Self.indexes, on: database)
    }

    func revert(on database: any Database) async throws {
        try await IndexBillingTables.drop(Self.indexes, on: database)
        if let sql = database as? any SQLDatabase, sql.dialect.name == "sqlite" {
            try await IndexBillingTables.drop([Self.textIndex], on: database)
        }
        try await database.schema("tickets").deleteField("search_text").update()
        for column in Self.columns {
            try await database.schema("tickets").deleteField(column).update()
        }
    }
}

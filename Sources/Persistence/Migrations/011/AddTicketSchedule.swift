import FluentKit

/// Keeps with each ticket when it breaches and when its next escalation level falls due
/// (`TicketSchedule`), so the queue's breached filter and the escalation sweep read an index
/// instead of computing every ticket's clocks. Tickets written before this migration have no
/// schedule yet; the sweep and the queue work it out the first time they meet them.
struct AddTicketSchedule: AsyncMigration {
    static let columns: [FieldKey] = ["breach_at", "next_escalation_at", "scheduled_at"]
    static let indexes: [(name: String, table: String, columns: [String])] = [
        ("ix_tickets_next_escalation", "tickets", ["next_escalation_at"]),
        // The queue's filters read this index alone: counting a hundred thousand tickets by any of
        // them never reads the (wide) rows.
        ("ix_tickets_queue", "tickets", ["engagement_id", "status", "category", "priority", "assigned_party", "assignee_user_id", "breach_at", "opened_at", "number"]),
        ("ix_tickets_engagement_breach", "tickets", ["engagement_id", "breach_at"]),
        ("ix_tickets_unscheduled", "tickets", ["scheduled_at"]),
    ]

    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds one column per ALTER TABLE.
        for column in Self.columns {
            try await database.schema("tickets").field(column, .datetime).update()
        }
        try await IndexBillingTables.create(Self.indexes, on: database)
    }

    func revert(on database: any Database) async throws {
        try await IndexBillingTables.drop(Self.indexes, on: database)
        for column in Self.columns {
            try await database.schema("tickets").deleteField(column).update()
        }
    }
}

import FluentKit

/// The queue lists an engagement's tickets newest first. This index holds them in that order with
/// every filtered column, so a page of any filter — even a deep one — walks the index until the
/// page is full and never sorts the matches or reads the rows. It replaces the index by
/// engagement and opening time, which it also serves (the SLA report's range of opening times).
struct AddTicketOrderIndex: AsyncMigration {
    static let order = (
        "ix_tickets_order", "tickets",
        ["engagement_id", "opened_at", "number", "status", "category", "priority", "assigned_party", "assignee_user_id", "breach_at", "id"]
    )
    static let replaced = ("ix_tickets_engagement_opened", "tickets", ["engagement_id", "opened_at"])

    func prepare(on database: any Database) async throws {
        try await IndexBillingTables.create([Self.order], on: database)
        try await IndexBillingTables.drop([Self.replaced], on: database)
    }

    func revert(on database: any Database) async throws {
        try await IndexBillingTables.create([Self.replaced], on: database)
        try await IndexBillingTables.drop([Self.order], on: database)
    }
}

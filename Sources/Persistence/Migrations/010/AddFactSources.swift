import FluentKit

/// Keeps, beside each claim-level fact, the raw segments (or CSV line) it was read from, people
/// masked, so a claim's timeline can show them. Facts imported before this migration have none.
struct AddFactSources: AsyncMigration {
    static let tables = ["claim_submissions", "adjudications", "claim_acknowledgments", "patient_payments"]

    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds one column per ALTER TABLE.
        for table in Self.tables {
            try await database.schema(table).field("source", .string).update()
        }
    }

    func revert(on database: any Database) async throws {
        for table in Self.tables {
            try await database.schema(table).deleteField("source").update()
        }
    }
}

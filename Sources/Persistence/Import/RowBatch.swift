import SQLKit

/// Rows for one table, written as multi-row INSERTs: one statement per batch instead of one per
/// row is what makes importing a quarter of a million claims take seconds.
struct RowBatch {
    let table: String
    let columns: [String]
    private(set) var rows: [[SQLBind]] = []
    /// Rows per statement, kept under PostgreSQL's 65,535 bind parameters.
    let limit: Int

    init(table: String, columns: [String]) {
        self.table = table
        self.columns = columns
        self.limit = max(1, 30_000 / columns.count)
        rows.reserveCapacity(limit)
    }

    var isFull: Bool { rows.count >= limit }

    mutating func append(_ values: [any Encodable & Sendable]) {
        rows.append(values.map { SQLBind($0) })
    }

    mutating func flush(_ sql: any SQLDatabase) async throws {
        guard !rows.isEmpty else { return }
        var insert = sql.insert(into: table).columns(columns)
        for row in rows { insert = insert.values(row) }
        try await insert.run()
        rows.removeAll(keepingCapacity: true)
    }
}

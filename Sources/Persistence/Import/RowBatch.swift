import FluentSQLiteDriver
import Foundation
import SQLKit
import SQLiteNIO

/// A value of an imported row, typed so that no per-value dynamic cast is needed to bind it.
enum Cell: Sendable {
    case uuid(UUID)
    case int(Int64)
    case text(String)
    case optionalText(String?)

    /// As SQLite stores it through Fluent (UUIDs as their upper-case text), so rows written on
    /// the fast path read back exactly like rows written through Fluent.
    var sqlite: SQLiteData {
        switch self {
        case .uuid(let uuid): .text(uuid.uuidString)
        case .int(let value): .integer(Int(value))
        case .text(let text): .text(text)
        case .optionalText(let text): text.map(SQLiteData.text) ?? .null
        }
    }

    var bind: SQLBind {
        switch self {
        case .uuid(let uuid): SQLBind(uuid)
        case .int(let value): SQLBind(value)
        case .text(let text): SQLBind(text)
        case .optionalText(let text): SQLBind(text)
        }
    }
}

/// Rows for one table, written as multi-row INSERTs: one statement per batch instead of one per
/// row is what makes importing a quarter of a million claims take seconds.
struct RowBatch {
    let table: String
    let columns: [String]
    private(set) var rows: [[Cell]] = []
    /// Rows per statement, kept under PostgreSQL's 65,535 bind parameters.
    let limit: Int

    init(table: String, columns: [String]) {
        self.table = table
        self.columns = columns
        self.limit = max(1, 30_000 / columns.count)
        rows.reserveCapacity(limit)
    }

    var isFull: Bool { rows.count >= limit }

    mutating func append(_ values: [Cell]) {
        rows.append(values)
    }

    mutating func flush(_ sql: any SQLDatabase) async throws {
        guard !rows.isEmpty else { return }
        if let sqlite = sql as? any SQLiteDatabase {
            // Measured hot path (docs/benchmarks.md): on SQLite the statement is sent with
            // SQLiteData binds directly, sparing SQLKit's Encodable round trip for every value.
            let placeholders = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
            let statement = "INSERT INTO \"\(table)\" (" + columns.map { "\"\($0)\"" }.joined(separator: ",") + ") VALUES "
                + Array(repeating: placeholders, count: rows.count).joined(separator: ",")
            var binds: [SQLiteData] = []
            binds.reserveCapacity(rows.count * columns.count)
            for row in rows { for cell in row { binds.append(cell.sqlite) } }
            _ = try await sqlite.query(statement, binds)
        } else {
            var insert = sql.insert(into: table).columns(columns)
            for row in rows { insert = insert.values(row.map(\.bind)) }
            try await insert.run()
        }
        rows.removeAll(keepingCapacity: true)
    }
}

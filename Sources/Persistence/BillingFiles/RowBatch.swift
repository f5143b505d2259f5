import FluentKit
import FluentSQLiteDriver
import Foundation
import SQLKit
import SQLiteNIO

/// A value of an imported row, typed so that no per-value dynamic cast is needed to bind it.
enum Cell: Sendable {
    /// A UUID with its text, worked out once for the many rows that repeat it.
    case uuid(UUID, text: String)
    case int(Int64)
    case text(String)
    case optionalText(String?)

    /// A UUID cell.
    static func id(_ uuid: UUID) -> Cell { .uuid(uuid, text: uuid.uuidString) }

    /// As SQLite stores it through Fluent (UUIDs as their upper-case text), so rows written on
    /// the fast path read back exactly like rows written through Fluent.
    var sqlite: SQLiteData {
        switch self {
        case .uuid(_, let text): .text(text)
        case .int(let value): .integer(Int(value))
        case .text(let text): .text(text)
        case .optionalText(let text): text.map(SQLiteData.text) ?? .null
        }
    }

    var bind: SQLBind {
        switch self {
        case .uuid(let uuid, _): SQLBind(uuid)
        case .int(let value): SQLBind(value)
        case .text(let text): SQLBind(text)
        case .optionalText(let text): SQLBind(text)
        }
    }
}

/// Rows for one table, written as multi-row INSERTs: one statement per batch instead of one per
/// row is what makes importing a quarter of a million claims take seconds.
struct RowBatch {
    /// Rows taken from a batch, ready to be written.
    struct Rows: Sendable {
        let table: String
        let columns: [String]
        let rows: [[Cell]]

        /// Rows per statement.
        let limit: Int

        /// Writes the rows, `limit` rows a statement. With `onConflict`, a row whose key columns
        /// match an existing row replaces that row's `replacing` columns instead.
        func write(to sql: any SQLDatabase, onConflict keys: [String] = [], replacing: [String] = []) async throws {
            for start in stride(from: 0, to: rows.count, by: limit) {
                try await write(rows[start..<min(rows.count, start + limit)], to: sql, onConflict: keys, replacing: replacing)
            }
        }

        private func write(_ rows: ArraySlice<[Cell]>, to sql: any SQLDatabase, onConflict keys: [String], replacing: [String]) async throws
        {
            if let sqlite = sql as? any SQLiteDatabase {
                // Measured hot path (docs/benchmarks.md): on SQLite the statement is sent with
                // SQLiteData binds directly, sparing SQLKit's Encodable round trip for every value.
                let placeholders = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
                var statement =
                    "INSERT INTO \"\(table)\" (" + columns.map { "\"\($0)\"" }.joined(separator: ",") + ") VALUES "
                    + Array(repeating: placeholders, count: rows.count).joined(separator: ",")
                if !keys.isEmpty {
                    statement +=
                        " ON CONFLICT (" + keys.map { "\"\($0)\"" }.joined(separator: ",") + ") DO UPDATE SET "
                        + replacing.map { "\"\($0)\" = excluded.\"\($0)\"" }.joined(separator: ",")
                }
                var binds: [SQLiteData] = []
                binds.reserveCapacity(rows.count * columns.count)
                for row in rows { for cell in row { binds.append(cell.sqlite) } }
                _ = try await sqlite.query(statement, binds)
            } else {
                var insert = sql.insert(into: table).columns(columns)
                for row in rows { insert = insert.values(row.map(\.bind)) }
                if !keys.isEmpty {
                    insert = insert.onConflict(with: keys) { update in
                        var update = update
                        for column in replacing { update = update.set(excludedValueOf: column) }
                        return update
                    }
                }
                try await insert.run()
            }
        }
    }

    let table: String
    let columns: [String]
    private(set) var rows: [[Cell]] = []
    /// Rows per statement, kept under PostgreSQL's 65,535 bind parameters and SQLite's 32,766.
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

    /// The pending rows, leaving the batch empty; `nil` when there are none.
    mutating func take() -> Rows? {
        guard !rows.isEmpty else { return nil }
        defer {
            rows = []
            rows.reserveCapacity(limit)
        }
        return Rows(table: table, columns: columns, rows: rows, limit: limit)
    }
}

/// Writes batches of rows in order, one write at a time, while the caller goes on reading: the
/// statement runs on the database's own thread while the next batch is being built, so reading
/// and writing overlap. Callers `finish()` before committing, or `abandon()` before rolling back.
struct BatchWriter {
    let database: any SQLDatabase
    private var inFlight: Task<Void, any Error>?

    init?(_ database: any Database) {
        guard let sql = database as? any SQLDatabase else { return nil }
        self.database = sql
    }

    /// Waits for the previous write (surfacing its error), then starts writing `batches`.
    mutating func write(_ batches: [RowBatch.Rows]) async throws {
        try await finish()
        guard !batches.isEmpty else { return }
        let database = database
        inFlight = Task {
            for batch in batches { try await batch.write(to: database) }
        }
    }

    /// Waits for the last write.
    mutating func finish() async throws {
        defer { inFlight = nil }
        try await inFlight?.value
    }

    /// Waits for the last write, ignoring its outcome: the transaction is about to roll back.
    mutating func abandon() async {
        _ = try? await inFlight?.value
        inFlight = nil
    }
}

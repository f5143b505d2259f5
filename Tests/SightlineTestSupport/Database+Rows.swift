import FluentKit
import SQLKit

extension Database {
    /// The first column of every row a query returns, as text (for assertions on raw storage).
    /// Integers and other types are turned into text: PostgreSQL returns COUNT(*) and money
    /// columns as `bigint`.
    public func sqlRows(_ query: String) async throws -> [String] {
        guard let sql = self as? any SQLDatabase else { return [] }
        // PostgresNIO would "decode" a binary integer as a string of its raw bytes, so there
        // integers are tried first; SQLite would read digit-only text as a number, so there
        // text is tried first.
        let integersFirst = sql.dialect.name == "postgresql"
        return try await sql.raw(SQLQueryString(query)).all().map { row in
            guard let column = row.allColumns.first else { return "" }
            if try row.decodeNil(column: column) { return "" }
            if integersFirst, let number = try? row.decode(column: column, as: Int64.self) { return String(number) }
            if let text = try? row.decode(column: column, as: String.self) { return text }
            if let number = try? row.decode(column: column, as: Int64.self) { return String(number) }
            if let number = try? row.decode(column: column, as: Int.self) { return String(number) }
            if let flag = try? row.decode(column: column, as: Bool.self) { return String(flag) }
            if let number = try? row.decode(column: column, as: Double.self) { return String(number) }
            return ""
        }
    }
}

extension Database {
    /// Sets one text column of the row with `id`, binding the id as the driver stores UUIDs.
    public func sqlSet(_ table: String, _ column: String, to value: String, id: UUID) async throws {
        guard let sql = self as? any SQLDatabase else { return }
        try await sql.update(table).set(SQLIdentifier(column), to: SQLBind(value)).where(SQLIdentifier("id"), .equal, SQLBind(id)).run()
    }
}

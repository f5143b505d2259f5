import FluentKit
import Foundation
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

extension Database {
    /// Every row of every table but `except`, each as text, to compare the database's contents
    /// before and after something that must change nothing.
    public func sqlSnapshot(except: Set<String>) async throws -> [String: [String]] {
        guard let sql = self as? any SQLDatabase else { return [:] }
        let tables: [String]
        if sql.dialect.name == "postgresql" {
            tables = try await sqlRows(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")
        } else {
            tables = try await sqlRows("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        }
        var snapshot: [String: [String]] = [:]
        for table in tables where !except.contains(table) {
            let rows = try await sql.select().column(SQLLiteral.all).from(SQLIdentifier(table)).all()
            snapshot[table] = rows.map { row -> String in
                row.allColumns.map { column -> String in
                    if (try? row.decodeNil(column: column)) == true { return "\(column)=null" }
                    if let text = try? row.decode(column: column, as: String.self) { return "\(column)=\(text)" }
                    if let number = try? row.decode(column: column, as: Int64.self) { return "\(column)=\(number)" }
                    if let number = try? row.decode(column: column, as: Double.self) { return "\(column)=\(number)" }
                    if let id = try? row.decode(column: column, as: UUID.self) { return "\(column)=\(id)" }
                    if let flag = try? row.decode(column: column, as: Bool.self) { return "\(column)=\(flag)" }
                    if let bytes = try? row.decode(column: column, as: [UInt8].self) { return "\(column)=\(bytes)" }
                    if let date = try? row.decode(column: column, as: Date.self) { return "\(column)=\(date.timeIntervalSince1970)" }
                    return "\(column)=?"
                }.joined(separator: "|")
            }.sorted()
        }
        return snapshot
    }
}

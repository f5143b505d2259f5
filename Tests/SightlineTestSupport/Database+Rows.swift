import FluentKit
import SQLKit

extension Database {
    /// The first column of every row a query returns, as text (for assertions on raw storage).
    public func sqlRows(_ query: String) async throws -> [String] {
        guard let sql = self as? any SQLDatabase else { return [] }
        return try await sql.raw(SQLQueryString(query)).all().map { row in
            guard let column = row.allColumns.first else { return "" }
            return (try? row.decode(column: column, as: String.self)) ?? ""
        }
    }
}

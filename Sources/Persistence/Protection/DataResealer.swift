import FluentKit
import Foundation
import SQLKit

/// Seals every protected value under the ring's current key: values stored before encryption
/// began and values sealed under an older key. Run by migration 018 and `sightline keys rotate`.
public struct DataResealer: Sendable {
    /// The protected columns, by table; each table's rows are named by `id`.
    public static let protected: [(table: String, columns: [String])] = [
        ("patient_identities", ["last_name", "first_name", "member_id", "birth_date", "address"]),
        ("user_mfa", ["secret"]),
    ]

    let keys: DataKeyRing

    public init(keys: DataKeyRing) { self.keys = keys }

    /// How many values sealed under another key (or none) there are, and how many in all.
    public struct Count: Sendable, Equatable {
        public var stale = 0
        public var total = 0
    }

    /// Counts values, without changing any.
    public func count(on database: any Database) async throws -> Count {
        var count = Count()
        for (table, columns) in Self.protected {
            for row in try await rows(table, columns, on: database) {
                for case let value? in row.values.values {
                    count.total += 1
                    if DataKeyRing.keyID(of: value) != keys.currentID { count.stale += 1 }
                }
            }
        }
        return count
    }

    /// Seals every stale value again under the current key, in one transaction; `progress` hears
    /// (done, total) rows. Returns how many values were sealed.
    @discardableResult
    public func reseal(on database: any Database, progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> Int {
        try await database.atomically { transaction in
            guard let sql = transaction as? any SQLDatabase else { return 0 }
            var sealed = 0
            for (table, columns) in Self.protected {
                let rows = try await rows(table, columns, on: transaction)
                for (index, row) in rows.enumerated() {
                    var update = sql.update(table)
                    var changed = false
                    for column in columns {
                        guard let stored = row.values[column] ?? nil, DataKeyRing.keyID(of: stored) != keys.currentID else { continue }
                        let context = "\(table).\(column)"
                        update = update.set(
                            SQLIdentifier(column), to: SQLBind(try keys.seal(try keys.open(stored, context: context), context: context)))
                        changed = true
                        sealed += 1
                    }
                    if changed { try await update.where(SQLIdentifier("id"), .equal, row.id).run() }
                    if index % 1_000 == 999 || index == rows.count - 1 { progress(index + 1, rows.count) }
                }
            }
            return sealed
        }
    }

    struct Row {
        var id: SQLBind
        var values: [String: String?]
    }

    private func rows(_ table: String, _ columns: [String], on database: any Database) async throws -> [Row] {
        guard let sql = database as? any SQLDatabase else { return [] }
        return try await sql.select().column("id").columns(columns.map { SQLIdentifier($0) }).from(table).all().map { row in
            let id: SQLBind
            if let number = try? row.decode(column: "id", as: Int64.self) {
                id = SQLBind(number)
            } else {
                id = SQLBind(try row.decode(column: "id", as: UUID.self))
            }
            var values: [String: String?] = [:]
            for column in columns { values[column] = try row.decode(column: column, as: String?.self) }
            return Row(id: id, values: values)
        }
    }
}

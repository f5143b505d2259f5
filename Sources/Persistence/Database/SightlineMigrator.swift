import FluentKit
import Foundation
import SQLKit

/// Runs pending migrations so that a crash or a second migrator can never leave a half-made
/// schema: each migration commits together with its row in Fluent's `_fluent_migrations` (one
/// transaction), and migrators take turns (on SQLite the transaction takes the write lock before
/// it reads; on PostgreSQL it holds an advisory lock), each checking again, once it holds the lock,
/// whether another has done the migration meanwhile. Fluent's own `autoMigrate` writes the schema
/// and its bookkeeping row apart: a kill between the two left a file every later start refused.
public struct SightlineMigrator: Sendable {
    /// The advisory lock's first key on PostgreSQL: "SLMG" in ASCII. The second is the schema's
    /// hash, so migrators of one schema take turns while those of other schemas (tests, one
    /// database holding several deployments) do not wait for each other.
    static let lockKey: Int32 = 0x534C_4D47

    let database: any Database
    let migrations: [any Migration]

    public init(_ database: any Database, migrations: [any Migration] = SightlineMigrations.all) {
        self.database = database
        self.migrations = migrations
    }

    /// Applies every migration not yet recorded, in order; returns how many this call applied.
    @discardableResult
    public func run() async throws -> Int {
        try await database.atomically { transaction in
            try await Self.lock(transaction)
            try await MigrationLog.migration.prepare(on: transaction).get()
        }
        var applied = 0
        for migration in migrations {
            let name = migration.name, newBatch = applied == 0
            let ran = try await database.atomically { transaction -> Bool in
                try await Self.lock(transaction)
                let done = try await MigrationLog.query(on: transaction).filter(\.$name == name).count() > 0
                guard !done else { return false }
                let batch = (try await MigrationLog.query(on: transaction).max(\.$batch) ?? 0) + (newBatch ? 1 : 0)
                try await migration.prepare(on: transaction).get()
                try await MigrationLog(name: name, batch: batch).create(on: transaction)
                return true
            }
            if ran { applied += 1 }
        }
        return applied
    }

    /// The names of the migrations not yet recorded.
    public func pending() async throws -> [String] {
        let done = Set(try await MigrationLog.query(on: database).all().map(\.name))
        return migrations.map(\.name).filter { !done.contains($0) }
    }

    /// Makes the caller's transaction the only migrator until it ends.
    static func lock(_ transaction: any Database) async throws {
        let sql = try transaction.sql
        if sql.dialect.name == "postgresql" {
            try await sql.raw("SELECT pg_advisory_xact_lock(\(bind: lockKey), hashtext(current_schema()))").run()
        } else {
            try await WriteLock.take(sql)
        }
    }
}

import Fluent
import Foundation
import Persistence
import SQLKit
import SightlineTestSupport
import Testing

@Suite("Database durability settings", .database)
struct DurabilityTests {
    @Test(
        "SQLite runs in WAL mode with synchronous=FULL and foreign keys on every connection",
        .enabled(if: !TestDatabase.isPostgres, "SQLite only"))
    func sqlitePragmas() async throws {
        let app = try TestDatabase.app
        #expect(try await app.db.sqlRows("PRAGMA journal_mode") == ["wal"])
        for eventLoop in app.eventLoopGroup.makeIterator() {
            let db = try #require(app.databases.database(.sightline, logger: app.logger, on: eventLoop))
            #expect(try await db.sqlRows("PRAGMA synchronous") == ["2"])  // 2 = FULL
            #expect(try await db.sqlRows("PRAGMA foreign_keys") == ["1"])
        }
    }

    @Test("foreign keys are enforced: a user cannot point at a missing organisation")
    func foreignKeys() async throws {
        let db = try TestDatabase.app.db
        guard let sql = db as? any SQLDatabase else { return }
        await #expect(throws: (any Error).self) {
            try await sql.raw(
                """
                INSERT INTO users (id, organization_id, email, password_hash, role, created_at)
                VALUES (\(bind: UUID()), \(bind: UUID()), 'x@y.example', 'h', 'practice_staff', \(bind: Date()))
                """
            ).run()
        }
    }

    @Test("migrating twice is harmless")
    func migrateTwice() async throws {
        let app = try TestDatabase.app
        try await app.autoMigrate()
        #expect(try await app.db.sqlRows("SELECT name FROM _fluent_migrations").count == SightlineMigrations.all.count)
    }
}

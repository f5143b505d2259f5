import SQLKit

/// SQLite's write lock, taken at the start of a transaction. Fluent begins SQLite transactions as
/// deferred: a transaction that reads and then writes could find another connection's commit
/// in between and fail at once (`SQLITE_BUSY`), whatever the busy timeout. Writing first — this
/// statement is a write that changes nothing — takes the lock before any read, waiting its turn
/// up to ``busyTimeoutMilliseconds``, as `BEGIN IMMEDIATE` would. PostgreSQL needs none of this.
enum WriteLock {
    /// How long a writer waits for another's transaction before giving up (then: busy, 503 / exit 69).
    static let busyTimeoutMilliseconds = 15_000

    static func take(_ sql: any SQLDatabase) async throws {
        guard sql.dialect.name == "sqlite" else { return }
        try await sql.raw("CREATE TABLE IF NOT EXISTS _sightline_write_lock (turn INTEGER)").run()
    }
}

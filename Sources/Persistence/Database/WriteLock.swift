import FluentKit
import SQLKit

/// SQLite's write lock, taken at the start of a transaction, one writer at a time.
///
/// Fluent begins SQLite transactions as deferred: one that reads and then writes could find
/// another connection's commit in between and fail at once (`SQLITE_BUSY`), whatever the busy
/// timeout. So a transaction first writes a one-row table of its own, which takes the lock, as
/// `BEGIN IMMEDIATE` would. Writers of this process queue for their turn here without holding a
/// thread (SQLite's busy handler sleeps on one of the few threads of the blocking pool); writers
/// of other processes meet the busy timeout, ``busyTimeoutMilliseconds``. PostgreSQL needs none
/// of this.
enum WriteLock {
    /// How long a writer waits for another process's transaction before giving up (then: busy,
    /// 503 / exit 69).
    static let busyTimeoutMilliseconds = 15_000

    /// The files whose turn the current task holds: a transaction nested in another (a store
    /// called with the caller's transaction) does not queue behind itself.
    @TaskLocal static var held: Set<String> = []

    /// Runs `body` in this process's turn to write `database` (SQLite only).
    /// `body` is given the turns held, to set again where the work goes on in another task.
    static func inTurn<T: Sendable>(_ database: any Database, _ body: @Sendable (Set<String>) async throws -> T) async throws -> T {
        // Inside a transaction already (a store given the caller's transaction): its turn is held.
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "sqlite", !database.inTransaction else {
            return try await body(held)
        }
        let file =
            try await sql.raw("SELECT file FROM pragma_database_list WHERE name = 'main'").first()?.decode(column: "file", as: String.self)
            ?? ""
        guard !held.contains(file) else { return try await body(held) }
        // Bounded like another process's wait: a turn that never comes is busy, not a hang.
        guard await WriteTurns.shared.acquire(file, within: .milliseconds(busyTimeoutMilliseconds)) else { throw TurnTimedOut() }
        do {
            let turns = held.union([file])
            let result = try await $held.withValue(turns) { try await body(turns) }
            await WriteTurns.shared.release(file)
            return result
        } catch {
            await WriteTurns.shared.release(file)
            throw error
        }
    }

    /// Takes SQLite's write lock for the transaction `sql` is in. Preparing the statement reads
    /// the schema, which opens the transaction's snapshot: when another process commits between
    /// that read and the lock, SQLite answers busy at once rather than wait. The lock is then
    /// taken again in a new transaction (``retryingTheLock(_:)``); nothing was done yet.
    static func take(_ sql: any SQLDatabase) async throws {
        guard sql.dialect.name == "sqlite" else { return }
        do {
            // A statement that writes a row always takes the lock; one that only might (a CREATE
            // of a table that exists, a DELETE that matches nothing) may not.
            try await sql.raw("CREATE TABLE IF NOT EXISTS _sightline_write_lock (id INTEGER PRIMARY KEY, turn INTEGER NOT NULL)").run()
            try await sql.raw("INSERT INTO _sightline_write_lock (id, turn) VALUES (1, 0) ON CONFLICT (id) DO UPDATE SET turn = turn + 1")
                .run()
        } catch  where DatabaseBusy.matches(error) {
            throw NotYetLocked(cause: error)
        }
    }

    /// The lock was not taken: the transaction did nothing and may start again.
    struct NotYetLocked: Error {
        let cause: any Error
    }

    /// Runs `transaction` again while it fails before taking the lock, up to the busy timeout;
    /// past it, the busy error itself.
    static func retryingTheLock<T: Sendable>(_ transaction: () async throws -> T) async throws -> T {
        let deadline = ContinuousClock.now + .milliseconds(busyTimeoutMilliseconds)
        var pause = 2
        while true {
            do {
                return try await transaction()
            } catch let notYet as NotYetLocked {
                guard ContinuousClock.now < deadline else { throw notYet.cause }
                try await Task.sleep(for: .milliseconds(Int.random(in: pause...(pause * 2))))
                pause = min(pause * 2, 64)
            }
        }
    }
}

/// This process waited its whole busy timeout for a turn to write.
struct TurnTimedOut: Error {}

/// First come, first served turns per database file, each wait bounded.
actor WriteTurns {
    static let shared = WriteTurns()

    private var held: Set<String> = []
    private var waiting: [String: [(id: UInt64, turn: CheckedContinuation<Bool, Never>)]] = [:]
    private var lastID: UInt64 = 0

    /// `true` once the turn is this caller's; `false` when `timeout` passed first.
    func acquire(_ file: String, within timeout: Duration) async -> Bool {
        guard held.contains(file) else {
            held.insert(file)
            return true
        }
        lastID += 1
        let id = lastID
        return await withCheckedContinuation { turn in
            waiting[file, default: []].append((id, turn))
            Task {
                try? await Task.sleep(for: timeout)
                self.expire(file, id)
            }
        }
    }

    private func expire(_ file: String, _ id: UInt64) {
        guard var queue = waiting[file], let index = queue.firstIndex(where: { $0.id == id }) else { return }
        let entry = queue.remove(at: index)
        waiting[file] = queue.isEmpty ? nil : queue
        entry.turn.resume(returning: false)
    }

    /// Hands the turn to the next writer in line, or frees it.
    func release(_ file: String) {
        guard var queue = waiting[file], !queue.isEmpty else {
            held.remove(file)
            return
        }
        let next = queue.removeFirst()
        waiting[file] = queue.isEmpty ? nil : queue
        next.turn.resume(returning: true)
    }
}

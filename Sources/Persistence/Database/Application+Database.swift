import Domain
import Fluent
import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import PostgresNIO
import SQLKit
import Vapor

extension DatabaseID {
    /// The one database Sightline uses.
    public static let sightline = DatabaseID(string: "sightline")
}

extension Application {
    /// Registers the target database and every migration. Nothing connects yet. SQLite logs no
    /// SQL; PostgreSQL's driver does at trace level, and Sightline's log handler
    /// (``RedactingLogHandler``) withholds the bound values there and in Fluent's query log, as
    /// they can be patient data.
    /// - Parameters:
    ///   - searchPath: PostgreSQL schemas to use instead of `public` (tests isolate themselves this way).
    ///   - connectionsPerEventLoop: PostgreSQL's pool size per event loop (tests, dozens of servers at once, use fewer).
    public func useSightlineDatabase(_ target: DatabaseTarget, searchPath: [String]? = nil, connectionsPerEventLoop: Int = 4) throws {
        switch target {
        case .sqliteFile(let path):
            databases.use(.sqlite(.file(path), sqlLogLevel: nil), as: .sightline, isDefault: true)
        case .sqliteMemory(let identifier):
            databases.use(
                .sqlite(.init(storage: .memory(identifier: identifier)), sqlLogLevel: nil),
                as: .sightline, isDefault: true)
        case .postgres(let url):
            var configuration = try SQLPostgresConfiguration(url: url)
            configuration.searchPath = searchPath
            configuration.coreConfiguration.options.connectTimeout = .seconds(10)
            // A request waits up to 30 s for a connection: bursts (a month close, a sweep, many
            // changes to one ticket at once) queue rather than fail.
            databases.use(
                .postgres(
                    configuration: configuration, maxConnectionsPerEventLoop: connectionsPerEventLoop,
                    connectionPoolTimeout: .seconds(30), sqlLogLevel: .trace),
                as: .sightline, isDefault: true)
        }
        migrations.add(SightlineMigrations.all, to: .sightline)
    }

    /// Connects and applies SQLite's durability settings, giving up after `timeout`, then runs
    /// pending migrations (as long as they take: indexing a large table may take minutes). Every
    /// failure becomes one ``DatabaseStartupError`` that names the problem.
    public func prepareSightlineDatabase(_ target: DatabaseTarget, timeout: Duration = .seconds(14)) async throws(DatabaseStartupError) {
        let app = self
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await app.checkConnection(target) }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    throw DatabaseStartupError.timedOut(location: target.redactedLocation, after: timeout)
                }
                try await group.next()
                group.cancelAll()
            }
            try await app.migrateUnlessServingOnly(target)
            let security = try await RowSecurity.prepare(on: app.db)
            app.storage[RowSecurityKey.self] = security.usable
            if case .postgres = target, let reason = security.reason {
                app.logger.warning("row-level security: requests run as the connected role, not \(RowSecurity.role) (\(reason))")
            }
        } catch let error as DatabaseStartupError {
            throw error
        } catch {
            throw DatabaseStartupError.describing(error, target: target)
        }
    }

    /// Runs pending migrations; on PostgreSQL a role that may not create tables (one that only
    /// serves, the tables' owner having migrated) checks instead that none is pending.
    private func migrateUnlessServingOnly(_ target: DatabaseTarget) async throws {
        if let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql",
            try await sql.raw("SELECT has_schema_privilege(current_schema(), 'CREATE') AS may").first()?.decode(
                column: "may", as: Bool.self) == false
        {
            let migrated =
                try await sql.raw("SELECT to_regclass('_fluent_migrations') IS NOT NULL AS migrated").first()?.decode(
                    column: "migrated", as: Bool.self) ?? false
            let done =
                migrated
                ? Set(try await sql.raw("SELECT name FROM _fluent_migrations").all().map { try $0.decode(column: "name", as: String.self) })
                : []
            let pending = SightlineMigrations.all.map(\.name).filter { !done.contains($0) }
            guard pending.isEmpty else {
                throw DatabaseStartupError.failed(
                    location: target.redactedLocation,
                    reason:
                        "\(pending.count) migrations are pending and this role may not create tables: run `sightline migrate` as the tables' owner first"
                )
            }
            return
        }
        try await SightlineMigrator(db).run()
    }

    /// Whether signed-in requests run as ``RowSecurity/role`` (PostgreSQL, once prepared).
    public var runsRequestsAsRowSecurityRole: Bool { storage[RowSecurityKey.self] ?? false }

    private func checkConnection(_ target: DatabaseTarget) async throws {
        // The pool logs a failed connection itself; start-up reports it once, as one line, so
        // the check runs with a logger that only lets critical messages through.
        var quiet = logger
        quiet.logLevel = .critical
        for eventLoop in eventLoopGroup.makeIterator() {
            guard let sql = databases.database(.sightline, logger: quiet, on: eventLoop) as? any SQLDatabase else { continue }
            switch target {
            case .sqliteFile, .sqliteMemory:
                // journal_mode persists in the file; synchronous and foreign_keys are per connection,
                // so they are set on the connection of every event loop (the pool keeps one per loop).
                // A writer that meets another waits its turn (bounded) instead of failing at once.
                try await sql.raw("PRAGMA busy_timeout=\(unsafeRaw: String(WriteLock.busyTimeoutMilliseconds))").run()
                try await sql.raw("PRAGMA journal_mode=WAL").run()
                try await sql.raw("PRAGMA synchronous=FULL").run()
                try await sql.raw("PRAGMA foreign_keys=ON").run()
                // 16 MiB of pages per connection instead of 2: queue and figure queries read their
                // indexes from memory rather than copying them from the file system cache.
                try await sql.raw("PRAGMA cache_size=-16384").run()
            case .postgres:
                try await sql.raw("SELECT 1").run()
                return
            }
        }
    }
}

private struct RowSecurityKey: StorageKey {
    typealias Value = Bool
}

/// Why the database could not be opened. One line, no password, no stack trace.
public enum DatabaseStartupError: Error, Sendable, CustomStringConvertible {
    /// The server did not answer in time.
    case timedOut(location: String, after: Duration)
    /// Connecting or migrating failed, with a human reason.
    case failed(location: String, reason: String)

    public var description: String {
        switch self {
        case .timedOut(let location, let after):
            "cannot reach the database at \(location): no answer within \(after.components.seconds) seconds"
        case .failed(let location, let reason):
            "cannot open the database at \(location): \(reason)"
        }
    }

    static func describing(_ error: any Error, target: DatabaseTarget) -> DatabaseStartupError {
        .failed(location: target.redactedLocation, reason: reason(for: error))
    }

    private static func reason(for error: any Error) -> String {
        if let psql = error as? PSQLError {
            if let message = psql.serverInfo?[.message] {
                return "the server said: \(message)"
            }
            if let underlying = psql.underlying {
                return reason(for: underlying)
            }
            return "PostgreSQL error \(psql.code)"
        }
        if let io = error as? IOError {
            switch io.errnoCode {
            case ECONNREFUSED: return "connection refused (is PostgreSQL running and listening on that host and port?)"
            case ETIMEDOUT: return "connection timed out"
            case EHOSTUNREACH, ENETUNREACH: return "host unreachable"
            default: return io.description
            }
        }
        if let connect = error as? NIOConnectionError {
            if let first = connect.connectionErrors.first { return reason(for: first.error) }
            if connect.dnsAAAAError != nil || connect.dnsAError != nil { return "host name '\(connect.host)' not found" }
            return "could not connect to \(connect.host):\(connect.port)"
        }
        if error is ChannelError { return "connection failed (\(error))" }
        let text = String(describing: error)
        return text.count > 300 ? String(text.prefix(300)) + "…" : text
    }
}

extension DatabaseStartupError: CataloguedError {
    public var failureKind: FailureKind {
        .unavailable
    }
}

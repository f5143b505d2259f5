import Fluent
import Foundation
import Persistence
import SQLKit
import Testing
import Vapor

/// A database of its own for one test: a temporary SQLite file, or, when `DATABASE_URL` is
/// set, a new schema in that PostgreSQL database. Tests can therefore run in parallel.
public struct TestDatabase: Sendable {
    /// The application the test talks to; its database is migrated and empty.
    public let app: Application
    /// The engine in use.
    public let target: DatabaseTarget
    /// The PostgreSQL schema, when on PostgreSQL.
    public let schema: String?
    /// The SQLite file, when on SQLite.
    public let sqliteFile: URL?

    /// The database of the running test (set by the ``Trait/database`` traits).
    @TaskLocal public static var current: TestDatabase?

    /// The current test's application, or a failure saying the trait is missing.
    public static var app: Application {
        get throws {
            try #require(current, "the test needs the .database (or .webApp) trait").app
        }
    }

    /// Whether this run is against PostgreSQL (`DATABASE_URL` set).
    public static var isPostgres: Bool { postgresURL != nil }

    /// `DATABASE_URL` when set and non-empty.
    public static var postgresURL: String? {
        ProcessInfo.processInfo.environment["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The data key every test database seals with (a test that rotates keys sets its own for its task).
    /// PostgreSQL connections each test's server keeps per event loop: every test has a server of
    /// its own and dozens run at once, so fewer than a real server's.
    public static let connectionsPerEventLoop = 2

    public static let testDataKey = "c2lnaHRsaW5lIHRlc3RzIG9ubHk6IDMyQiBrZXkhISE="

    /// Makes a fresh, migrated database; `configure` registers the database and anything else
    /// the suite needs (the web suite registers routes too).
    public static func make(
        configure: @Sendable (Application, DatabaseTarget, [String]?) throws -> Void
    ) async throws -> TestDatabase {
        LogCapture.install()
        let app = try await Application.make(.testing)
        app.logger.logLevel = .warning
        if !DataProtection.isConfigured { DataProtection.use(try DataKeyRing(base64Keys: [testDataKey])) }
        let target: DatabaseTarget
        var schema: String?
        var file: URL?
        if let url = postgresURL {
            target = try DatabaseTarget.resolve(databaseURL: url, sqlitePath: nil)
            schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        } else {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("sightline-test-\(UUID().uuidString).sqlite")
            file = path
            target = .sqliteFile(path: path.path)
        }
        do {
            try configure(app, target, schema.map { [$0] })
            if let schema, let sql = app.db as? any SQLDatabase {
                try await sql.raw("CREATE SCHEMA \(ident: schema)").run()
            }
            // Start-up fails fast (14 s) for people; tests migrate a fresh schema each while dozens
            // of others run on the same two cores, which can take longer, so they wait more.
            try await app.prepareSightlineDatabase(target, timeout: .seconds(120))
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        return TestDatabase(app: app, target: target, schema: schema, sqliteFile: file)
    }

    /// Drops the schema or deletes the file, and shuts the application down.
    public func tearDown() async {
        if let schema, let sql = app.db as? any SQLDatabase {
            try? await sql.raw("DROP SCHEMA \(ident: schema) CASCADE").run()
        }
        try? await app.asyncShutdown()
        if let sqliteFile {
            for suffix in ["", "-wal", "-shm"] {
                try? FileManager.default.removeItem(atPath: sqliteFile.path + suffix)
            }
        }
    }

    /// How many tests hold a PostgreSQL schema at once. Swift Testing starts every test of the
    /// run together; each server keeps up to 2 connections per event loop, so without a bound a
    /// few hundred tests opened more connections than CI's cluster allows (600).
    static let postgresSlots = TestSlots(64)

    /// Runs `body` with a fresh database bound to ``current``.
    public static func with(
        configure: @escaping @Sendable (Application, DatabaseTarget, [String]?) throws -> Void,
        _ body: () async throws -> Void
    ) async throws {
        guard isPostgres else { return try await withDatabase(configure: configure, body) }
        await postgresSlots.take()
        do {
            try await withDatabase(configure: configure, body)
        } catch {
            await postgresSlots.give()
            throw error
        }
        await postgresSlots.give()
    }

    static func withDatabase(
        configure: @escaping @Sendable (Application, DatabaseTarget, [String]?) throws -> Void,
        _ body: () async throws -> Void
    ) async throws {
        let database = try await make(configure: configure)
        do {
            try await $current.withValue(database) { try await body() }
        } catch {
            await database.tearDown()
            throw error
        }
        await database.tearDown()
    }
}

/// A counting semaphore for tests: `take` waits while every slot is held, in arrival order.
actor TestSlots {
    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(_ count: Int) { free = count }

    func take() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func give() {
        if waiting.isEmpty { free += 1 } else { waiting.removeFirst().resume() }
    }
}

/// Gives every test it applies to a fresh database with Sightline's migrations.
public struct DatabaseTrait: TestTrait, SuiteTrait, TestScoping {
    let configure: @Sendable (Application, DatabaseTarget, [String]?) throws -> Void

    /// A trait that prepares the database with `configure`.
    public init(configure: @escaping @Sendable (Application, DatabaseTarget, [String]?) throws -> Void) {
        self.configure = configure
    }

    public var isRecursive: Bool { true }

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        // Suites are scoped per test, not once per suite: each test gets its own database.
        guard testCase != nil else { return try await function() }
        try await TestDatabase.with(configure: configure) { try await function() }
    }
}

extension Trait where Self == DatabaseTrait {
    /// A fresh migrated database per test, with the persistence layer only.
    public static var database: Self {
        DatabaseTrait { app, target, searchPath in
            try app.useSightlineDatabase(target, searchPath: searchPath, connectionsPerEventLoop: TestDatabase.connectionsPerEventLoop)
        }
    }
}

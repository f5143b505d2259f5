import Domain
import Fluent
import Foundation
import Persistence
import SQLKit
import SightlineTestSupport
import Testing
import Vapor

@Suite("Sign-in throttling under concurrency", .database)
struct SignInThrottleConcurrencyTests {
    @Test(
        "one key per account however the address is typed",
        arguments: [
            "x@y.example", "X@Y.EXAMPLE", "x@y.example\n", "\nx@y.example", " x@y.example ", "x@y.example\u{2028}", "x\u{200B}@y.example",
            "\u{FF58}@y.example",
        ])
    func normalisedKey(typed: String) {
        #expect(SignInThrottle.keys(email: typed, address: nil) == [.account("x@y.example")])
    }

    @Test("150 attempts at once on one account: at most 100 go on to a password check, the rest are told to wait")
    func parallelAttempts() async throws {
        let db = try TestDatabase.app.db
        let keys = SignInThrottle.keys(email: "target@riverbend.example", address: nil)
        let now = Date()
        // Each attempt is told to go on, told to wait, or (on a machine too loaded to give it its
        // turn in time) answered busy; a busy one checks nothing either.
        let outcomes = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<150 {
                group.addTask {
                    do { return try await SignInThrottle(db).attempt(keys, now: now) == nil ? 0 : 1 } catch {
                        return DatabaseBusy.matches(error) ? 2 : 3
                    }
                }
            }
            var counts = [0, 0, 0, 0]
            for await outcome in group { counts[outcome] += 1 }
            return counts
        }
        #expect(outcomes[3] == 0)
        #expect(outcomes[0] <= SignInThrottle.limit)
        // Every attempt went on or was turned away; when none was busy, the hundredth blocked the rest,
        // and the next one is told to wait: even the right password is not tried.
        #expect(outcomes[0] + outcomes[1] + outcomes[2] == 150)
        if outcomes[2] == 0 {
            #expect(outcomes[0] == SignInThrottle.limit)
            let wait = try #require(try await SignInThrottle(db).attempt(keys, now: now))
            #expect(wait > 0 && wait <= Int(SignInThrottle.blockSeconds) + 1, "\(wait)")
        }
    }

    @Test("an address's attempts drain out of its window; a success takes back only its own attempt")
    func addressWindow() async throws {
        let db = try TestDatabase.app.db
        let throttle = SignInThrottle(db)
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        // Three people behind one office address mistype all morning: 30 failures each, spread out.
        for index in 0..<90 {
            let email = ["ann", "bo", "cy"][index % 3] + "@riverbend.example"
            #expect(
                try await throttle.attempt(
                    SignInThrottle.keys(email: email, address: "203.0.113.9"), now: start.addingTimeInterval(Double(index) * 20)) == nil)
        }
        // A fourth signs in fine.
        let fourth = SignInThrottle.keys(email: "dee@riverbend.example", address: "203.0.113.9")
        #expect(try await throttle.attempt(fourth, now: start.addingTimeInterval(1_800)) == nil)
        try await throttle.refund(fourth, now: start.addingTimeInterval(1_800))
        // A spray of 100 from one address inside the window is held back, then drains out.
        let spray = start.addingTimeInterval(10_000)
        var blocked = 0
        for index in 0..<120
        where try await throttle.attempt(SignInThrottle.keys(email: "u\(index)@riverbend.example", address: "198.51.100.4"), now: spray)
            != nil
        {
            blocked += 1
        }
        #expect(blocked == 20)
        #expect(
            try await throttle.attempt(
                SignInThrottle.keys(email: "late@riverbend.example", address: "198.51.100.4"),
                now: spray.addingTimeInterval(SignInThrottle.windowSeconds)) == nil)
    }
}

@Suite("Writers on one SQLite file wait their turn")
struct SQLiteWriterTests {
    /// Two applications on one file: what two processes (a server and a command) are.
    static func twoApps(_ path: String) async throws -> [Application] {
        var apps: [Application] = []
        for _ in 0..<2 {
            let app = try await Application.make(.testing)
            app.logger.logLevel = .critical
            try app.useSightlineDatabase(.sqliteFile(path: path))
            apps.append(app)
        }
        return apps
    }

    @Test("two first starts at once on an empty file both succeed, each migration recorded once")
    func concurrentMigrators() async throws {
        guard !TestDatabase.isPostgres else { return }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sightline-migrators-\(UUID().uuidString).sqlite").path
        let apps = try await Self.twoApps(path)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for app in apps { group.addTask { try await app.prepareSightlineDatabase(.sqliteFile(path: path), timeout: .seconds(120)) } }
            try await group.waitForAll()
        }
        let names = try await apps[0].db.sqlRows("SELECT name FROM _fluent_migrations")
        #expect(names.count == SightlineMigrations.all.count && Set(names).count == names.count)
        #expect(try await SightlineMigrator(apps[1].db).pending().isEmpty)
        for app in apps { try await app.asyncShutdown() }
        try? FileManager.default.removeItem(atPath: path)
    }

    @Test("transactions that read and then write, from two connections at once, all commit")
    func readThenWrite() async throws {
        guard !TestDatabase.isPostgres else { return }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sightline-writers-\(UUID().uuidString).sqlite").path
        let apps = try await Self.twoApps(path)
        for app in apps { try await app.prepareSightlineDatabase(.sqliteFile(path: path), timeout: .seconds(120)) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<24 {
                let db = apps[index % 2].db
                group.addTask {
                    try await db.atomically { transaction in
                        let before = try await transaction.sqlRows("SELECT count(*) AS n FROM organizations").first ?? "?"
                        try await OrganizationStore(transaction).create(
                            try Organization.validated(name: "Practice \(index) after \(before)", kind: .practice, timeZone: "UTC"))
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await apps[0].db.sqlRows("SELECT count(*) AS n FROM organizations") == ["24"])
        for app in apps { try await app.asyncShutdown() }
        try? FileManager.default.removeItem(atPath: path)
    }
}

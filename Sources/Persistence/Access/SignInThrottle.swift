import FluentKit
import Foundation
import SQLKit

/// Throttles guessing at sign-in, under two kinds of key:
/// - an **account** (its normalised address): consecutive failures; at every `limit` of them the
///   account is blocked for `blockSeconds`, doubling with each further `limit`; a whole sign-in clears it.
/// - a client **address**: attempts in a sliding window (a leaky bucket draining `limit` per
///   `windowSeconds`), blocked while the window is full. A success takes back only its own attempt,
///   so it clears nobody else's count, and a practice's people sharing one address never add up
///   to a block through ordinary typos.
///
/// Every attempt is counted *before* its password or code is checked, in one serialised step with
/// the block check: concurrent attempts cannot all slip past the count while a slow password hash runs.
public struct SignInThrottle: Sendable {
    public static let limit = 100
    public static let blockSeconds: TimeInterval = 15 * 60
    public static let windowSeconds: TimeInterval = 15 * 60

    /// What an attempt is counted under.
    public enum Key: Sendable, Hashable {
        case account(String)
        case address(String)

        var stored: String {
            switch self {
            case .account(let email): "account:" + email
            case .address(let address): "address:" + address
            }
        }
    }

    let database: any Database

    public init(_ database: any Database) { self.database = database }

    /// The keys a sign-in attempt is counted under.
    public static func keys(email: String, address: String?) -> [Key] {
        [.account(normalized(email))] + (address.map { [.address($0)] } ?? [])
    }

    /// One key per account however it is typed: no white space, line or paragraph separators,
    /// controls or invisible format characters, compatibility forms folded, lower case.
    public static func normalized(_ email: String) -> String {
        let kept = email.precomposedStringWithCompatibilityMapping.unicodeScalars.filter { scalar in
            !(scalar.properties.isWhitespace || scalar.properties.generalCategory == .control
                || scalar.properties.generalCategory == .format || scalar.properties.generalCategory == .lineSeparator
                || scalar.properties.generalCategory == .paragraphSeparator)
        }
        return String(String.UnicodeScalarView(kept)).lowercased()
    }

    /// Counts an attempt under every key, unless one of them is blocked: then nothing is counted
    /// and the seconds to wait are returned. `nil`: go on and check the password or code.
    public func attempt(_ keys: [Key], now: Date) async throws -> Int? {
        try await database.atomically { transaction in
            let sql = try transaction.sql
            var rows: [(key: Key, failures: Int, last: Date?, blocked: Date?)] = []
            for key in keys {
                let row = try await Self.locked(key, sql, now: now)
                rows.append((key, row.failures, row.last, row.blocked))
            }
            let waits = rows.compactMap { row -> Date? in
                switch row.key {
                case .account: row.blocked.flatMap { $0 > now ? $0 : nil }
                case .address:
                    Self.drained(row.failures, since: row.last, now: now) >= Self.limit
                        ? row.blocked.flatMap { $0 > now ? $0 : nil } ?? now.addingTimeInterval(Self.leakSeconds) : nil
                }
            }
            if let until = waits.max() { return max(1, Int(until.timeIntervalSince(now).rounded(.up))) }
            for row in rows {
                var failures: Int
                var blocked: Date?
                switch row.key {
                case .account:
                    failures = row.failures + 1
                    if failures % Self.limit == 0 {
                        let rounds = Double(failures / Self.limit)
                        blocked = now.addingTimeInterval(Self.blockSeconds * pow(2, min(rounds - 1, 8)))
                    }
                case .address:
                    failures = Self.drained(row.failures, since: row.last, now: now) + 1
                    if failures >= Self.limit { blocked = now.addingTimeInterval(Self.leakSeconds) }
                }
                try await sql.update("sign_in_failures").set("failures", to: SQLBind(failures)).set("last_failure_at", to: SQLBind(now))
                    .set("blocked_until", to: SQLBind(blocked)).where("key", .equal, SQLBind(row.key.stored)).run()
            }
            return nil
        }
    }

    /// Takes back an attempt that turned out right (a password or code that held): it was no
    /// failure, under any of its keys. A block that attempt set is lifted with it.
    public func refund(_ keys: [Key], now: Date) async throws {
        try await database.atomically { transaction in
            let sql = try transaction.sql
            for key in keys {
                let row = try await Self.locked(key, sql, now: now)
                let failures: Int
                var blocked = row.blocked
                switch key {
                case .account:
                    failures = max(0, row.failures - 1)
                    if row.failures > 0, row.failures % Self.limit == 0 { blocked = nil }
                case .address:
                    failures = max(0, Self.drained(row.failures, since: row.last, now: now) - 1)
                    if failures < Self.limit { blocked = nil }
                }
                try await sql.update("sign_in_failures").set("failures", to: SQLBind(failures)).set("blocked_until", to: SQLBind(blocked))
                    .where("key", .equal, SQLBind(key.stored)).run()
            }
        }
    }

    /// After a whole sign-in the account's count starts again. Its address's count is untouched:
    /// one person's success clears nobody else's failures.
    public func succeeded(account email: String) async throws {
        try await database.sql.delete(from: "sign_in_failures").where("key", .equal, SQLBind(Key.account(Self.normalized(email)).stored))
            .run()
    }

    /// Seconds for one attempt to drain from an address's window.
    static var leakSeconds: TimeInterval { windowSeconds / Double(limit) }

    /// An address's count once the attempts older than the window have drained away.
    static func drained(_ failures: Int, since last: Date?, now: Date) -> Int {
        guard let last else { return failures }
        let leaked = max(0, now.timeIntervalSince(last)) / leakSeconds
        return leaked >= Double(failures) ? 0 : failures - Int(leaked)
    }

    /// The key's row, made when missing and held for this transaction (PostgreSQL locks the row;
    /// SQLite's transaction already holds the write lock).
    private static func locked(_ key: Key, _ sql: any SQLDatabase, now: Date) async throws -> (failures: Int, last: Date?, blocked: Date?) {
        try await sql.insert(into: "sign_in_failures").columns("key", "failures", "last_failure_at").values(
            SQLBind(key.stored), SQLBind(0), SQLBind(now)
        )
        .ignoringConflicts(with: ["key"]).run()
        var select = sql.select().columns("failures", "last_failure_at", "blocked_until").from("sign_in_failures").where(
            "key", .equal, SQLBind(key.stored))
        if sql.dialect.name == "postgresql" { select = select.for(.update) }
        guard let row = try await select.first() else { return (0, nil, nil) }
        return (
            try row.decode(column: "failures", as: Int.self), try row.decode(column: "last_failure_at", as: Date?.self),
            try row.decode(column: "blocked_until", as: Date?.self)
        )
    }
}

import FluentKit
import Foundation
import SQLKit

/// Throttles guessing at sign-in: consecutive failures are counted per account and per client
/// address; at `limit` of them the key is blocked for `blockSeconds` (doubling with every further
/// `limit`), and sign-in answers 429 with Retry-After until then. A success clears the account's count.
public struct SignInThrottle: Sendable {
    public static let limit = 100
    public static let blockSeconds: TimeInterval = 15 * 60

    let database: any Database

    public init(_ database: any Database) { self.database = database }

    /// The keys a sign-in attempt is counted under.
    public static func keys(email: String, address: String?) -> [String] {
        ["account:" + email.trimmingCharacters(in: .whitespaces).lowercased()] + (address.map { ["address:" + $0] } ?? [])
    }

    /// Seconds until any of `keys` may try again, or `nil` when none is blocked.
    public func retryAfter(_ keys: [String], now: Date) async throws -> Int? {
        let rows = try await sql.select().column("blocked_until").from("sign_in_failures")
            .where(SQLColumn("key"), .in, SQLGroupExpression(keys.map { SQLBind($0) })).all()
        let until = try rows.compactMap { try $0.decode(column: "blocked_until", as: Date?.self) }.filter { $0 > now }.max()
        return until.map { max(1, Int($0.timeIntervalSince(now).rounded(.up))) }
    }

    /// Counts a failure under each key, blocking those that reach a multiple of `limit`.
    public func failed(_ keys: [String], now: Date) async throws {
        let sql = try self.sql
        for key in keys {
            try await sql.insert(into: "sign_in_failures").columns("key", "failures", "last_failure_at")
                .values(SQLBind(key), SQLBind(1), SQLBind(now))
                .onConflict(with: ["key"]) { $0.set(SQLColumn("failures"), to: SQLRaw("sign_in_failures.failures + 1")).set("last_failure_at", to: SQLBind(now)) }
                .run()
            guard let failures = try await sql.select().column("failures").from("sign_in_failures").where("key", .equal, SQLBind(key))
                .first(decodingColumn: "failures", as: Int.self), failures % Self.limit == 0 else { continue }
            let rounds = Double(failures / Self.limit)
            let until = now.addingTimeInterval(Self.blockSeconds * pow(2, min(rounds - 1, 8)))
            try await sql.update("sign_in_failures").set("blocked_until", to: SQLBind(until)).where("key", .equal, SQLBind(key)).run()
        }
    }

    /// Clears the counts of `keys` after a sign-in that succeeded.
    public func succeeded(_ keys: [String]) async throws {
        try await sql.delete(from: "sign_in_failures").where(SQLColumn("key"), .in, SQLGroupExpression(keys.map { SQLBind($0) })).run()
    }

    var sql: any SQLDatabase { get throws { try database.sql } }
}

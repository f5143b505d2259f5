import Crypto
import FluentKit
import Foundation

/// A webhook waiting to be posted.
public struct PendingWebhook: Sendable, Equatable {
    public var id: UUID
    public var event: String
    public var payload: String
    public var attempts: Int
}

/// The outbox of signed webhooks: entries are written in the transaction of what they announce,
/// posted later, and retried with growing waits until the receiver accepts them, so none is lost.
public struct WebhookOutbox: Sendable {
    let database: any Database

    public init(_ database: any Database) { self.database = database }

    /// Entries due for a (re)try at `now`, oldest first.
    public func due(at now: Date, limit: Int = 50) async throws -> [PendingWebhook] {
        try await WebhookOutboxModel.query(on: database).filter(\.$deliveredAt == nil).filter(\.$nextAttemptAt <= now)
            .sort(\.$createdAt).limit(limit).all().compactMap { row in
                row.id.map { PendingWebhook(id: $0, event: row.event, payload: row.payload, attempts: row.attempts) }
            }
    }

    public func delivered(_ id: UUID, at now: Date) async throws {
        try await WebhookOutboxModel.query(on: database).filter(\.$id == id).set(\.$deliveredAt, to: now).update()
    }

    /// Records a failed attempt; the next waits 30 s, 1, 2, 4 … minutes, at most 6 hours.
    public func failed(_ id: UUID, attempts: Int, error: String, at now: Date) async throws {
        try await WebhookOutboxModel.query(on: database).filter(\.$id == id).set(\.$attempts, to: attempts + 1)
            .set(\.$lastError, to: String(error.prefix(500))).set(
                \.$nextAttemptAt, to: now.addingTimeInterval(Self.backoff(afterAttempts: attempts + 1))
            )
            .update()
    }

    /// Seconds to wait after `attempts` failed attempts.
    public static func backoff(afterAttempts attempts: Int) -> TimeInterval {
        min(30 * pow(2, Double(max(attempts - 1, 0))), 6 * 3_600)
    }

    /// `sha256=HEX`: HMAC-SHA256 with `secret` over `timestamp.payload`, so a receiver can check
    /// both who sent it and that it is fresh.
    public static func signature(payload: String, timestamp: Int, secret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(timestamp).\(payload)".utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    /// Posts every due entry with `send` (which answers the HTTP status, or throws when the
    /// receiver cannot be reached); 2xx marks it delivered, anything else schedules a retry.
    public func deliverDue(
        at now: Date, secret: String, send: @Sendable (_ headers: [(String, String)], _ body: String) async throws -> UInt
    ) async throws -> (delivered: Int, failed: Int) {
        var delivered = 0, failed = 0
        for entry in try await due(at: now) {
            let timestamp = Int(now.timeIntervalSince1970)
            let headers = [
                ("Content-Type", "application/json"), ("X-Sightline-Event", entry.event),
                ("X-Sightline-Delivery", entry.id.uuidString.lowercased()),
                ("X-Sightline-Timestamp", String(timestamp)),
                ("X-Sightline-Signature", Self.signature(payload: entry.payload, timestamp: timestamp, secret: secret)),
            ]
            do {
                let status = try await send(headers, entry.payload)
                if (200..<300).contains(status) {
                    try await self.delivered(entry.id, at: now)
                    delivered += 1
                } else {
                    try await self.failed(entry.id, attempts: entry.attempts, error: "HTTP \(status)", at: now)
                    failed += 1
                }
            } catch {
                try await self.failed(
                    entry.id, attempts: entry.attempts, error: "unreachable (\(String(describing: type(of: error))))", at: now)
                failed += 1
            }
        }
        return (delivered, failed)
    }
}

import Domain
import FluentKit
import Foundation

/// Table `mail_outbox`: e-mails waiting to be sent, so none is lost while the mail server is down.
final class MailOutboxModel: Model, @unchecked Sendable {
    static let schema = "mail_outbox"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "to_address") var toAddress: String
    @Field(key: "subject") var subject: String
    @Field(key: "body") var body: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "attempts") var attempts: Int
    @Field(key: "next_attempt_at") var nextAttemptAt: Date
    @OptionalField(key: "sent_at") var sentAt: Date?
    @OptionalField(key: "last_error") var lastError: String?

    init() {}
}

/// The outbox of e-mails: written in the transaction of what they announce, sent later with
/// growing waits between tries (as webhooks are), given up after a day of failures.
public struct MailOutbox: Sendable {
    let database: any Database

    public init(_ database: any Database) { self.database = database }

    /// Queues a message.
    func enqueue(_ message: MailMessage, practiceID: Organization.ID, now: Date) async throws {
        let row = MailOutboxModel()
        row.id = UUID()
        row.practiceID = practiceID.rawValue
        row.toAddress = message.to
        row.subject = message.subject
        row.body = message.body
        row.createdAt = now
        row.attempts = 0
        row.nextAttemptAt = now
        try await row.create(on: database)
    }

    /// Queues one message to each active administrator of the practice.
    func tellAdministrators(of practice: Organization.ID, subject: String, body: String, now: Date) async throws {
        let admins = try await UserModel.query(on: database).filter(\.$organization.$id == practice.rawValue)
            .filter(\.$role == Role.practiceAdmin.rawValue).filter(\.$deactivatedAt == nil).all()
        for admin in admins {
            try await enqueue(MailMessage(to: admin.email, subject: subject, body: body), practiceID: practice, now: now)
        }
    }

    /// Messages not sent yet, oldest first.
    public func pending() async throws -> [MailMessage] {
        try await MailOutboxModel.query(on: database).filter(\.$sentAt == nil).sort(\.$createdAt).all()
            .map { MailMessage(to: $0.toAddress, subject: $0.subject, body: $0.body) }
    }

    /// Sends every message due at `now` with `send`; a failure is retried 30 s, 1, 2, 4 … minutes
    /// later (at most 6 hours apart), until a day after the message was queued.
    public func sendDue(
        at now: Date, limit: Int = 50, send: @Sendable (MailMessage) async throws -> Void
    ) async throws -> (sent: Int, failed: Int) {
        var sent = 0, failed = 0
        let due = try await MailOutboxModel.query(on: database).filter(\.$sentAt == nil).filter(\.$nextAttemptAt <= now)
            .filter(\.$createdAt >= now.addingTimeInterval(-86_400)).sort(\.$createdAt).limit(limit).all()
        for row in due {
            guard let id = row.id else { continue }
            do {
                try await send(MailMessage(to: row.toAddress, subject: row.subject, body: row.body))
                try await MailOutboxModel.query(on: database).filter(\.$id == id).set(\.$sentAt, to: now).update()
                sent += 1
            } catch {
                let why = (error as? SMTPError)?.description ?? "unreachable (\(String(describing: type(of: error))))"
                try await MailOutboxModel.query(on: database).filter(\.$id == id).set(\.$attempts, to: row.attempts + 1)
                    .set(\.$lastError, to: String(why.prefix(500)))
                    .set(\.$nextAttemptAt, to: now.addingTimeInterval(WebhookOutbox.backoff(afterAttempts: row.attempts + 1))).update()
                failed += 1
            }
        }
        return (sent, failed)
    }
}

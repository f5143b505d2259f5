import Domain
import FluentKit
import Foundation

/// Table `escalation_firings`.
final class EscalationFiringModel: Model, @unchecked Sendable {
    static let schema = "escalation_firings"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "ticket_id") var ticketID: UUID
    @Field(key: "clock") var clock: String
    @Field(key: "cycle") var cycle: String
    @Field(key: "level") var level: String
    @Field(key: "due_at") var dueAt: Date
    @Field(key: "fired_at") var firedAt: Date

    init() {}
}

/// Table `notifications`: what a person sees in Sightline's inbox.
final class NotificationModel: Model, @unchecked Sendable {
    static let schema = "notifications"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "user_id") var userID: UUID
    @OptionalField(key: "ticket_id") var ticketID: UUID?
    @Field(key: "text") var text: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "read_at") var readAt: Date?

    init() {}
}

/// Table `webhook_outbox`: events waiting to be posted, so none is lost when the receiver is down.
final class WebhookOutboxModel: Model, @unchecked Sendable {
    static let schema = "webhook_outbox"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "event") var event: String
    @Field(key: "payload") var payload: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "attempts") var attempts: Int
    @Field(key: "next_attempt_at") var nextAttemptAt: Date
    @OptionalField(key: "delivered_at") var deliveredAt: Date?
    @OptionalField(key: "last_error") var lastError: String?

    init() {}
}

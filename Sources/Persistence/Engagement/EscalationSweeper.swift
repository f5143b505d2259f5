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

/// One level fired for one clock of one ticket.
public struct EscalationFiring: Sendable, Equatable, Encodable {
    public var ticket: String
    public var clock: String
    public var level: String
    /// When the level fell due (earlier than the sweep when catching up).
    public var at: Date
}

/// Fires the escalation ladder. Each ticket keeps when its next level falls due (`TicketSchedule`),
/// so a sweep reads only the open tickets whose time has come: their clocks are read at the
/// sweep's instant, and each level due fires once — a ticket event, in-app notifications for the
/// level's people and a webhook outbox entry — guarded by a unique row, so a second sweep or a
/// second sweeper fires nothing again. Then the ticket is rescheduled.
public struct EscalationSweeper: Sendable {
    let database: any Database
    /// Whether each person told also gets an e-mail (through the mail outbox): when SMTP is configured.
    let mail: Bool

    public init(_ database: any Database, mail: Bool = false) {
        self.database = database
        self.mail = mail
    }

    public func sweep(at now: Date) async throws -> [EscalationFiring] {
        let store = TicketStore(database)
        try await store.scheduleUnscheduled(at: now)
        let due = try await TicketModel.query(on: database)
            .filter(\.$status !~ [Ticket.Status.resolved.rawValue, Ticket.Status.closed.rawValue])
            .filter(\.$nextEscalationAt <= now).sort(\.$nextEscalationAt).all().map { try $0.domain() }
        let inputs = try await store.clockInputs(of: due)
        var fired: [EscalationFiring] = []
        for ticket in due {
            guard let input = inputs[ticket.id] else { continue }
            let clocks = TicketClocks.evaluate(input.ticket, events: input.events, policy: input.policy, asOf: now,
                                               shares: EscalationPlan.shares(of: input.ladder))
            let done = Set(try await EscalationFiringModel.query(on: database).filter(\.$ticketID == ticket.id.rawValue).all()
                .map { "\($0.clock)|\($0.cycle)|\($0.level)" })
            var firedHere = false
            for watched in WatchedClock.all(clocks) {
                for level in EscalationPlan.due(watched.reading, breachedAt: watched.breachedAt, ladder: input.ladder, calendar: input.policy.calendar, at: now)
                where !done.contains(watched.key(level.level)) {
                    if try await fire(level, clock: watched.clock, cycle: watched.cycle, ticket: ticket, ladder: input.ladder, now: now) {
                        fired.append(EscalationFiring(ticket: ticket.id.description, clock: watched.clock, level: level.level, at: level.at))
                        firedHere = true
                    }
                }
            }
            // A firing reschedules through its event; otherwise the schedule was stale (another sweeper fired first).
            if !firedHere { try await store.reschedule(ticket, at: now) }
        }
        return fired
    }

    /// Fires one level in its own transaction; `false` when it had already fired (here or in another sweeper).
    private func fire(_ due: EscalationPlan.Due, clock: String, cycle: String, ticket: Ticket, ladder: [EscalationLevel], now: Date) async throws -> Bool {
        do {
            try await database.transaction { transaction in
                guard let engagement = try await EngagementModel.find(ticket.engagementID.rawValue, on: transaction)?.domain() else { return }
                let row = EscalationFiringModel()
                row.id = UUID()
                row.practiceID = engagement.practiceID.rawValue
                row.ticketID = ticket.id.rawValue
                row.clock = clock
                row.cycle = cycle
                row.level = due.level
                row.dueAt = due.at
                row.firedAt = now
                try await row.create(on: transaction)
                _ = try await TicketStore(transaction).append(
                    .escalation, to: ticket, practiceID: engagement.practiceID, at: now, actor: nil, party: nil, organization: nil,
                    data: ["level": due.level, "clock": clock, "dueAt": ISO8601DateFormatter().string(from: due.at), "manual": "false"])
                let text = "\(ticket.reference) \(ticket.title): \(clock) escalated to \(due.level)"
                let people = try await recipients(of: due.level, ladder: ladder, engagement: engagement, ticket: ticket, on: transaction)
                if mail {
                    // The title and messages may name a patient: the e-mail says only which ticket and clock, and where to look.
                    let clockName = ["firstResponse": "first response", "update": "update", "resolution": "resolution"][clock] ?? clock
                    for person in try await UserModel.query(on: transaction).filter(\.$id ~~ Array(people)).filter(\.$deactivatedAt == nil).all() {
                        try await MailOutbox(transaction).enqueue(MailMessage(
                            to: person.email, subject: "[Sightline] \(ticket.reference): \(clockName) escalated to \(due.level)",
                            body: "Ticket \(ticket.reference)'s \(clockName) clock reached the \(due.level) level of the escalation ladder (due \(ISO8601DateFormatter().string(from: due.at))).\n\nOpen it in Sightline: /tickets/\(ticket.id)\n"),
                            practiceID: engagement.practiceID, now: now)
                    }
                }
                for user in people {
                    let note = NotificationModel()
                    note.id = UUID()
                    note.practiceID = engagement.practiceID.rawValue
                    note.userID = user
                    note.ticketID = ticket.id.rawValue
                    note.text = text
                    note.createdAt = now
                    try await note.create(on: transaction)
                }
                let outbox = WebhookOutboxModel()
                outbox.id = UUID()
                outbox.practiceID = engagement.practiceID.rawValue
                outbox.event = "ticket.escalated"
                outbox.payload = try StoredDocument.encode([
                    "event": "ticket.escalated", "ticket": ticket.id.description, "reference": ticket.reference, "engagement": engagement.id.description,
                    "clock": clock, "level": due.level, "dueAt": ISO8601DateFormatter().string(from: due.at),
                ])
                outbox.createdAt = now
                outbox.attempts = 0
                outbox.nextAttemptAt = now
                try await outbox.create(on: transaction)
            }
            return true
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Another sweeper fired this level first.
            return false
        }
    }

    /// The Sightline users a level notifies: by role in either organisation, the ticket's people,
    /// and the contacts named as primary or executive who have accounts.
    func recipients(of level: String, ladder: [EscalationLevel], engagement: Engagement, ticket: Ticket, on database: any Database) async throws -> Set<UUID> {
        guard let rung = ladder.first(where: { $0.key == level }) else { return [] }
        let contacts = try await ContactStore(database).contacts(of: engagement.id)
        let users = try await UserStore(database).list(organizationID: engagement.practiceID) + UserStore(database).list(organizationID: engagement.vendorID)
        var ids: Set<UUID> = []
        for recipient in rung.recipients {
            switch recipient {
            case .assignee:
                if let row = try await TicketModel.find(ticket.id.rawValue, on: database), let assignee = row.assigneeUserID { ids.insert(assignee) }
            case .vendorLead: ids.formUnion(users.filter { $0.role == .vendorLead && $0.organizationID == engagement.vendorID }.map(\.id.rawValue))
            case .practiceManager: ids.formUnion(users.filter { $0.role == .practiceManager }.map(\.id.rawValue))
            case .practiceAdmin: ids.formUnion(users.filter { $0.role == .practiceAdmin }.map(\.id.rawValue))
            case .practicePrimaryContact: ids.formUnion(contacts.filter { $0.party == .practice && $0.isPrimary }.compactMap { $0.userID?.rawValue })
            case .vendorPrimaryContact: ids.formUnion(contacts.filter { $0.party == .vendor && $0.isPrimary }.compactMap { $0.userID?.rawValue })
            case .practiceExecutiveContact: ids.formUnion(contacts.filter { $0.party == .practice && $0.purpose == .executive }.compactMap { $0.userID?.rawValue })
            case .vendorExecutiveContact: ids.formUnion(contacts.filter { $0.party == .vendor && $0.purpose == .executive }.compactMap { $0.userID?.rawValue })
            }
        }
        // Watchers follow every level.
        ids.formUnion(try await TicketWatcherModel.query(on: database).filter(\.$ticketID == ticket.id.rawValue).all(\.$userID))
        return ids
    }
}

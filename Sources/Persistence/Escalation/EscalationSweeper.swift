import Domain
import FluentKit
import Foundation
import SQLKit

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
/// level's people and a webhook outbox entry — claimed by a unique row, so a second sweep or a
/// second sweeper fires nothing again. Then the tickets are rescheduled. Tickets are fired
/// `batchSize` at a time, each batch in one transaction, so catching up after downtime costs one
/// commit per batch rather than one per level.
public struct EscalationSweeper: Sendable {
    let database: any Database
    /// Whether each person told also gets an e-mail (through the mail outbox): when SMTP is configured.
    let mail: Bool
    static let batchSize = 100
    /// The PostgreSQL advisory lock sweepers take turns on ("SLsw" in ASCII).
    /// The second key is the schema's hash: sweepers of other schemas never wait for this one.
    static let advisoryLock: Int32 = 0x534C_7377

    public init(_ database: any Database, mail: Bool = false) {
        self.database = database
        self.mail = mail
    }

    public func sweep(at now: Date) async throws -> [EscalationFiring] {
        try await TicketStore(database).scheduleUnscheduled(at: now)
        let due = try await TicketModel.query(on: database)
            .filter(\.$status !~ [Ticket.Status.resolved.rawValue, Ticket.Status.closed.rawValue])
            .filter(\.$nextEscalationAt <= now).sort(\.$nextEscalationAt).sort(\.$id).all().map { try $0.domain() }
        var fired: [EscalationFiring] = []
        for start in stride(from: 0, to: due.count, by: Self.batchSize) {
            let batch = Array(due[start..<min(due.count, start + Self.batchSize)])
            fired += try await database.atomically { transaction in
                try await EscalationSweeper(transaction, mail: mail).fire(batch, now: now)
            }
        }
        return fired
    }

    /// Fires what `tickets` owe at `now`, inside the caller's transaction, and reschedules them.
    private func fire(_ tickets: [Ticket], now: Date) async throws -> [EscalationFiring] {
        let store = TicketStore(database)
        // Sweepers take turns, batch by batch: on PostgreSQL through a lock held until the batch
        // commits; on SQLite by writing first, which takes the database's one write lock before
        // anything is read (a transaction that read first could not write after another's commit).
        let sql = try store.sql
        if sql.dialect.name == "postgresql" {
            try await sql.raw("SELECT pg_advisory_xact_lock(\(bind: Self.advisoryLock), hashtext(current_schema()))").run()
        } else {
            try await sql.update(TicketModel.schema).set(SQLColumn("number"), to: SQLColumn("number"))
                .where(SQLColumn("id"), .in, SQLGroupExpression(tickets.map { SQLBind($0.id.rawValue) })).run()
        }
        let inputs = try await store.clockInputs(of: tickets)
        var done: [UUID: Set<String>] = [:]
        for row in try await EscalationFiringModel.query(on: database).filter(\.$ticketID ~~ tickets.map(\.id.rawValue)).all() {
            done[row.ticketID, default: []].insert("\(row.clock)|\(row.cycle)|\(row.level)")
        }
        var people = Recipients(database: database)
        var writes = FiringWrites()
        var fired: [EscalationFiring] = []
        for ticket in tickets {
            guard let input = inputs[ticket.id] else { continue }
            let clocks = TicketClocks.evaluate(
                input.ticket, events: input.events, policy: input.policy, asOf: now,
                shares: EscalationPlan.shares(of: input.ladder))
            var locked = false
            for watched in WatchedClock.all(clocks) {
                for level in EscalationPlan.due(
                    watched.reading, breachedAt: watched.breachedAt, ladder: input.ladder, calendar: input.policy.calendar, at: now)
                where !(done[ticket.id.rawValue] ?? []).contains(watched.key(level.level)) {
                    guard let engagement = try await people.engagement(ticket.engagementID) else { continue }
                    if !locked {
                        // Changes to this ticket by people wait until the batch commits.
                        try await store.lock(ticket.id)
                        locked = true
                    }
                    guard
                        try await claim(
                            level, clock: watched.clock, cycle: watched.cycle, ticket: ticket, practice: engagement.practiceID, now: now)
                    else { continue }
                    try await announce(
                        level, clock: watched.clock, ticket: ticket, engagement: engagement, ladder: input.ladder,
                        people: &people, writes: &writes, now: now)
                    fired.append(EscalationFiring(ticket: ticket.id.description, clock: watched.clock, level: level.level, at: level.at))
                }
            }
        }
        try await writes.flush(on: database, tickets: tickets, now: now)
        // Every ticket of the batch: those fired, and those whose schedule was stale (another sweeper fired first).
        try await store.reschedule(tickets, at: now)
        return fired
    }

    /// Claims one level of one clock: `false` when it had already fired, here or in another
    /// sweeper (which, on PostgreSQL, this waits for when it is still firing it).
    private func claim(
        _ due: EscalationPlan.Due, clock: String, cycle: String, ticket: Ticket, practice: Organization.ID, now: Date
    ) async throws -> Bool {
        let claimed = try await TicketStore(database).sql.insert(into: EscalationFiringModel.schema)
            .columns("id", "practice_id", "ticket_id", "clock", "cycle", "level", "due_at", "fired_at")
            .values(
                SQLBind(UUID()), SQLBind(practice.rawValue), SQLBind(ticket.id.rawValue), SQLBind(clock), SQLBind(cycle),
                SQLBind(due.level), SQLBind(due.at), SQLBind(now)
            )
            .ignoringConflicts(with: ["ticket_id", "clock", "cycle", "level"])
            .returning("id").all()
        return !claimed.isEmpty
    }

    /// What a level's firing leaves: the ticket event, in-app notifications, e-mails when SMTP is
    /// configured, the webhook outbox entry and the audit record — gathered for the batch.
    private func announce(
        _ due: EscalationPlan.Due, clock: String, ticket: Ticket, engagement: Engagement, ladder: [EscalationLevel],
        people: inout Recipients, writes: inout FiringWrites, now: Date
    ) async throws {
        let dueAt = due.at.formatted(.iso8601)
        writes.events.append((ticket.id, engagement.practiceID, ["level": due.level, "clock": clock, "dueAt": dueAt, "manual": "false"]))
        let text = "\(ticket.reference) \(ticket.title): \(clock) escalated to \(due.level)"
        let told = try await people.of(due.level, ladder: ladder, engagement: engagement, ticket: ticket)
        if mail {
            // The title and messages may name a patient: the e-mail says only which ticket and clock, and where to look.
            let clockName = ["firstResponse": "first response", "update": "update", "resolution": "resolution"][clock] ?? clock
            for person in try await UserModel.query(on: database).filter(\.$id ~~ Array(told)).filter(\.$deactivatedAt == nil).all() {
                try await MailOutbox(database).enqueue(
                    MailMessage(
                        to: person.email, subject: "[Sightline] \(ticket.reference): \(clockName) escalated to \(due.level)",
                        body:
                            "Ticket \(ticket.reference)'s \(clockName) clock reached the \(due.level) level of the escalation ladder (due \(dueAt)).\n\nOpen it in Sightline: /tickets/\(ticket.id)\n"
                    ),
                    practiceID: engagement.practiceID, now: now)
            }
        }
        for user in told.sorted(by: { $0.uuidString < $1.uuidString }) {
            writes.notifications.append((engagement.practiceID.rawValue, user, ticket.id.rawValue, text))
        }
        writes.outbox.append(
            (
                engagement.practiceID.rawValue,
                try StoredDocument.encode([
                    "event": "ticket.escalated", "ticket": ticket.id.description, "reference": ticket.reference,
                    "engagement": engagement.id.description,
                    "clock": clock, "level": due.level, "dueAt": dueAt,
                ])
            ))
        writes.audits.append(
            AuditEntry(
                "ticket.escalation", practice: engagement.practiceID.rawValue, object: "ticket:\(ticket.id)", detail: "level \(due.level)"))
    }
}

/// The rows a batch of firings writes, a statement per table rather than several per firing.
struct FiringWrites {
    var events: [(ticket: Ticket.ID, practice: Organization.ID, data: [String: String])] = []
    var notifications: [(practice: UUID, user: UUID, ticket: UUID, text: String)] = []
    var outbox: [(practice: UUID, payload: String)] = []
    var audits: [AuditEntry] = []

    func flush(on database: any Database, tickets: [Ticket], now: Date) async throws {
        guard !events.isEmpty else { return }
        let sql = try TicketStore(database).sql
        // Each ticket's events go on after its last, numbered in the order they fired.
        var next: [UUID: Int] = [:]
        for row in try await sql.select().column("ticket_id").column(SQLFunction("MAX", args: SQLColumn("sequence")), as: "last").from(
            TicketEventModel.schema
        )
        .where(SQLColumn("ticket_id"), .in, SQLGroupExpression(Set(events.map(\.ticket.rawValue)).map { SQLBind($0) })).groupBy("ticket_id")
        .all() {
            next[try row.decode(column: "ticket_id", as: UUID.self)] = try row.decode(column: "last", as: Int.self) + 1
        }
        for chunk in stride(from: 0, to: events.count, by: 500) {
            var insert = sql.insert(into: TicketEventModel.schema)
                .columns(
                    "id", "practice_id", "ticket_id", "sequence", "at", "kind", "actor_user_id", "party", "organization_id", "visibility",
                    "data")
            for event in events[chunk..<min(events.count, chunk + 500)] {
                let sequence = next[event.ticket.rawValue, default: 1]
                next[event.ticket.rawValue] = sequence + 1
                insert = insert.values(
                    SQLBind(UUID()), SQLBind(event.practice.rawValue), SQLBind(event.ticket.rawValue), SQLBind(sequence), SQLBind(now),
                    SQLBind(TicketEvent.Kind.escalation.rawValue), SQLBind(UUID?.none), SQLBind(String?.none), SQLBind(UUID?.none),
                    SQLBind(TicketEvent.Visibility.public.rawValue), SQLBind(try StoredDocument.encode(event.data)))
            }
            try await insert.run()
        }
        for chunk in stride(from: 0, to: notifications.count, by: 1_000) {
            var insert = sql.insert(into: NotificationModel.schema).columns(
                "id", "practice_id", "user_id", "ticket_id", "text", "created_at")
            for note in notifications[chunk..<min(notifications.count, chunk + 1_000)] {
                insert = insert.values(
                    SQLBind(UUID()), SQLBind(note.practice), SQLBind(note.user), SQLBind(note.ticket), SQLBind(note.text), SQLBind(now))
            }
            try await insert.run()
        }
        for chunk in stride(from: 0, to: outbox.count, by: 1_000) {
            var insert = sql.insert(into: WebhookOutboxModel.schema).columns(
                "id", "practice_id", "event", "payload", "created_at", "attempts", "next_attempt_at")
            for entry in outbox[chunk..<min(outbox.count, chunk + 1_000)] {
                insert = insert.values(
                    SQLBind(UUID()), SQLBind(entry.practice), SQLBind("ticket.escalated"), SQLBind(entry.payload), SQLBind(now), SQLBind(0),
                    SQLBind(now))
            }
            try await insert.run()
        }
        try await AuditTrail(database).record(audits, at: now)
    }
}

/// Who a level tells, with each engagement's people read once per batch.
struct Recipients {
    let database: any Database
    private var engagements: [Engagement.ID: Engagement] = [:]
    private var people: [Engagement.ID: (users: [User], contacts: [PointOfContact])] = [:]

    init(database: any Database) { self.database = database }

    mutating func engagement(_ id: Engagement.ID) async throws -> Engagement? {
        if let known = engagements[id] { return known }
        let found = try await EngagementModel.find(id.rawValue, on: database)?.domain()
        engagements[id] = found
        return found
    }

    /// The Sightline users a level notifies: by role in either organisation, the ticket's people,
    /// and the contacts named as primary or executive who have accounts.
    mutating func of(_ level: String, ladder: [EscalationLevel], engagement: Engagement, ticket: Ticket) async throws -> Set<UUID> {
        guard let rung = ladder.first(where: { $0.key == level }) else { return [] }
        if people[engagement.id] == nil {
            let users =
                try await UserStore(database).list(organizationID: engagement.practiceID)
                + UserStore(database).list(organizationID: engagement.vendorID)
            people[engagement.id] = (users, try await ContactStore(database).contacts(of: engagement.id))
        }
        let (users, contacts) = people[engagement.id] ?? ([], [])
        var ids: Set<UUID> = []
        for recipient in rung.recipients {
            switch recipient {
            case .assignee:
                if let assignee = ticket.assignee { ids.insert(assignee.rawValue) }
            case .vendorLead:
                ids.formUnion(users.filter { $0.role == .vendorLead && $0.organizationID == engagement.vendorID }.map(\.id.rawValue))
            case .practiceManager: ids.formUnion(users.filter { $0.role == .practiceManager }.map(\.id.rawValue))
            case .practiceAdmin: ids.formUnion(users.filter { $0.role == .practiceAdmin }.map(\.id.rawValue))
            case .practicePrimaryContact:
                ids.formUnion(contacts.filter { $0.party == .practice && $0.isPrimary }.compactMap { $0.userID?.rawValue })
            case .vendorPrimaryContact:
                ids.formUnion(contacts.filter { $0.party == .vendor && $0.isPrimary }.compactMap { $0.userID?.rawValue })
            case .practiceExecutiveContact:
                ids.formUnion(contacts.filter { $0.party == .practice && $0.purpose == .executive }.compactMap { $0.userID?.rawValue })
            case .vendorExecutiveContact:
                ids.formUnion(contacts.filter { $0.party == .vendor && $0.purpose == .executive }.compactMap { $0.userID?.rawValue })
            }
        }
        // Watchers follow every level.
        ids.formUnion(
            try await TicketStore(database).sql.select().column("user_id").from(TicketWatcherModel.schema)
                .where("ticket_id", .equal, SQLBind(ticket.id.rawValue)).all(decodingColumn: "user_id", as: UUID.self))
        return ids
    }
}

import Domain
import FluentKit
import Foundation
import SQLKit

/// What the clocks of one ticket are computed from.
struct TicketClockInput: Sendable {
    var ticket: TicketClocks.Ticket
    var events: [TicketClockEvent]
    var policy: ResponsePolicy
    var ladder: [EscalationLevel]
    /// The contract version the policy was frozen from.
    var version: Int
}

extension TicketStore {
    /// Tickets read together per query.
    static let batchSize = 400

    /// The clock inputs of `tickets` — their histories, waits on linked requests and frozen
    /// policies — with a few queries per batch instead of several per ticket.
    func clockInputs(of tickets: [Ticket]) async throws -> [Ticket.ID: TicketClockInput] {
        var inputs: [Ticket.ID: TicketClockInput] = [:]
        var versions: [Engagement.ID: [ContractVersion]] = [:]
        for start in stride(from: 0, to: tickets.count, by: Self.batchSize) {
            let batch = Array(tickets[start..<min(tickets.count, start + Self.batchSize)])
            let ids = batch.map(\.id.rawValue)
            let frozen = try await frozenVersions(of: batch, cache: &versions)
            var histories: [UUID: [TicketEvent]] = [:]
            for row in try await sql.select().columns(TicketEventModel.historyColumns.map { SQLColumn($0) }).from(TicketEventModel.schema)
                .where(SQLColumn("ticket_id"), .in, SQLGroupExpression(ids.map { SQLBind($0) })).orderBy("ticket_id").orderBy("sequence")
                .all()
            {
                let (ticket, event) = try TicketEventModel.history(row)
                histories[ticket, default: []].append(event)
            }
            for ticket in batch {
                guard let version = frozen[ticket.id] else { continue }
                let history = histories[ticket.id.rawValue] ?? []
                let opened = history.first { $0.kind == .opened }?.data ?? [:]
                let waits = history.contains { $0.kind == .link } ? try await self.waits(of: history) : []
                inputs[ticket.id] = TicketClockInput(
                    ticket: .init(
                        openedAt: ticket.openedAt, category: opened["category"] ?? ticket.category.rawValue,
                        priority: opened["priority"].flatMap(TicketPriority.init(rawValue:)) ?? ticket.priority,
                        requester: ticket.requester, assignee: ticket.assignedParty),
                    events: history.compactMap(\.clockEvent) + waits,
                    policy: version.contract.serviceLevels.responsePolicy, ladder: version.contract.serviceLevels.escalationLadder,
                    version: version.number)
            }
        }
        return inputs
    }

    /// The contract version each ticket's policy and ladder were frozen from (the newest when the
    /// ticket predates frozen versions); `cache` keeps each engagement's versions across batches.
    func frozenVersions(of tickets: [Ticket], cache: inout [Engagement.ID: [ContractVersion]]) async throws -> [Ticket.ID: ContractVersion]
    {
        var numbers: [UUID: Int] = [:]
        for ticket in tickets { numbers[ticket.id.rawValue] = ticket.contractVersion }
        let unknown = tickets.filter { $0.contractVersion == nil }.map(\.id.rawValue)
        if !unknown.isEmpty {
            for row in try await TicketModel.query(on: database).filter(\.$id ~~ unknown).all() {
                numbers[row.id ?? UUID()] = row.contractVersion
            }
        }
        var frozen: [Ticket.ID: ContractVersion] = [:]
        for ticket in tickets {
            if cache[ticket.engagementID] == nil {
                cache[ticket.engagementID] = try await EngagementStore(database).versions(of: ticket.engagementID)
            }
            let known = cache[ticket.engagementID] ?? []
            guard let version = known.first(where: { $0.number == numbers[ticket.id.rawValue] ?? nil }) ?? known.last else {
                throw StoreError.notFound(kind: "contract version of ticket", id: ticket.id.description)
            }
            frozen[ticket.id] = version
        }
        return frozen
    }

    /// The clocks of `tickets` read at `asOf`, each with the contract version its policy was frozen from.
    public func readings(of tickets: [Ticket], asOf: Date) async throws -> [Ticket.ID: (clocks: TicketClocks, version: Int)] {
        try await clockInputs(of: tickets).mapValues { input in
            (TicketClocks.evaluate(input.ticket, events: input.events, policy: input.policy, asOf: asOf), input.version)
        }
    }

    /// The clocks of `tickets` read at `asOf`.
    public func clocks(of tickets: [Ticket], asOf: Date) async throws -> [Ticket.ID: TicketClocks] {
        try await readings(of: tickets, asOf: asOf).mapValues(\.clocks)
    }

    /// Works out again when each ticket breaches and escalates next, from its history read at `at`
    /// and the levels already fired, and keeps it with the ticket.
    public func reschedule(_ tickets: [Ticket], at: Date) async throws {
        let inputs = try await clockInputs(of: tickets)
        for start in stride(from: 0, to: tickets.count, by: Self.batchSize) {
            let batch = tickets[start..<min(tickets.count, start + Self.batchSize)]
            var fired: [UUID: Set<String>] = [:]
            for row in try await EscalationFiringModel.query(on: database).filter(\.$ticketID ~~ batch.map(\.id.rawValue)).all() {
                fired[row.ticketID, default: []].insert("\(row.clock)|\(row.cycle)|\(row.level)")
            }
            for ticket in batch {
                guard let input = inputs[ticket.id] else { continue }
                let latest = input.events.map(\.at).max().map { max($0, ticket.openedAt) } ?? ticket.openedAt
                let schedule = TicketSchedule.compute(
                    input.ticket, events: input.events, policy: input.policy, ladder: input.ladder,
                    fired: fired[ticket.id.rawValue] ?? [], at: max(at, latest))
                try await sql.update(TicketModel.schema).set("breach_at", to: SQLBind(schedule.breachAt))
                    .set("next_escalation_at", to: SQLBind(schedule.nextEscalationAt)).set("scheduled_at", to: SQLBind(at))
                    .where("id", .equal, SQLBind(ticket.id.rawValue)).run()
            }
        }
    }

    /// Reschedules one ticket.
    func reschedule(_ ticket: Ticket, at: Date) async throws { try await reschedule([ticket], at: at) }

    /// Reschedules the tickets that wait on `request` through a link: its status decides when they resume.
    func rescheduleWaiting(on request: Ticket, at: Date) async throws {
        // The links naming the request, found by the database rather than by reading every link of the practice.
        let practice = try await TicketModel.find(request.id.rawValue, on: database)?.practiceID ?? UUID()
        let linking = try await sql.select().column("ticket_id").from(TicketEventModel.schema)
            .where("practice_id", .equal, SQLBind(practice)).where("kind", .equal, SQLBind(TicketEvent.Kind.link.rawValue))
            .where("data", .like, SQLBind("%\(request.id.description)%")).all(decodingColumn: "ticket_id", as: UUID.self)
        guard !linking.isEmpty else { return }
        let tickets = try await TicketModel.query(on: database).filter(\.$id ~~ Array(Set(linking))).all().map { try $0.domain() }
        try await reschedule(tickets, at: at)
    }

    /// Schedules the tickets that never were (written before schedules were kept), `batchSize` at a
    /// time. Reads only the index of unscheduled tickets, which is empty once they are done.
    public func scheduleUnscheduled(at: Date) async throws {
        while true {
            let rows = try await TicketModel.query(on: database).filter(\.$scheduledAt == nil).limit(Self.batchSize).all()
            guard !rows.isEmpty else { return }
            try await reschedule(try rows.map { try $0.domain() }, at: at)
        }
    }
}

import Domain
import FluentKit
import Foundation
import SQLKit

extension TicketStore {
    /// Appends an event with the ticket's next sequence number and, unless told not to (an import
    /// reschedules once it has written a ticket's whole history), reschedules the ticket.
    func append(
        _ kind: TicketEvent.Kind, to ticket: Ticket, practiceID: Organization.ID, at: Date, actor: User.ID?, party: Party?,
        organization: Organization.ID?, visibility: TicketEvent.Visibility = .public, data: [String: String], reschedule: Bool = true
    ) async throws -> TicketEvent {
        // Straight SQL rather than Fluent's models: a sweep catching up appends thousands of these.
        let sql = try self.sql
        let last =
            try await sql.select().column(SQLFunction("MAX", args: SQLColumn("sequence")), as: "last").from(TicketEventModel.schema)
            .where("ticket_id", .equal, SQLBind(ticket.id.rawValue)).first(decodingColumn: "last", as: Int?.self) ?? nil
        let event = TicketEvent(
            sequence: (last ?? 0) + 1, at: at, kind: kind, actor: actor, party: party, visibility: visibility, data: data)
        try await sql.insert(into: TicketEventModel.schema)
            .columns(
                "id", "practice_id", "ticket_id", "sequence", "at", "kind", "actor_user_id", "party", "organization_id", "visibility",
                "data"
            )
            .values(
                SQLBind(UUID()), SQLBind(practiceID.rawValue), SQLBind(ticket.id.rawValue), SQLBind(event.sequence), SQLBind(at),
                SQLBind(kind.rawValue),
                SQLBind(actor?.rawValue), SQLBind(party?.rawValue), SQLBind(organization?.rawValue), SQLBind(visibility.rawValue),
                SQLBind(try StoredDocument.encode(data))
            )
            .run()
        // The record says what changed, never what was written (a message may name a patient).
        try await AuditTrail(database).record(
            AuditEntry(
                "ticket.\(kind.rawValue)", practice: practiceID.rawValue, object: "ticket:\(ticket.id)",
                detail: kind == .status
                    ? data["status"].map { "status \($0)" } : kind == .escalation ? data["level"].map { "level \($0)" } : nil),
            at: Date())
        if reschedule { try await self.reschedule(ticket, at: at) }
        return event
    }

    /// The ticket with `id` and its engagement, when `organization` is a party to it; anything else
    /// answers like a missing ticket.
    public func find(_ id: Ticket.ID, visibleTo caller: Caller) async throws -> (Ticket, Engagement) {
        guard let row = try await TicketModel.find(id.rawValue, on: database),
            let engagement = try? await EngagementStore(database).find(.init(row.engagementID), visibleTo: caller)
        else { throw StoreError.notFound(kind: "ticket", id: id.description) }
        return (try row.domain(), engagement)
    }

    /// ``find(_:visibleTo:)`` for a change inside a transaction: first takes the ticket's row for
    /// writing (a row lock on PostgreSQL, the write lock on SQLite), so two changes to one ticket
    /// at once number their events one after the other instead of colliding on a sequence number.
    func findForChange(_ id: Ticket.ID, visibleTo caller: Caller) async throws -> (Ticket, Engagement) {
        try await lock(id)
        return try await find(id, visibleTo: caller)
    }

    /// Takes the ticket's row for writing until the transaction ends.
    func lock(_ id: Ticket.ID) async throws {
        try await sql.update(TicketModel.schema).set(SQLColumn("number"), to: SQLColumn("number")).where("id", .equal, SQLBind(id.rawValue))
            .run()
    }

    /// The ticket's history, oldest first; internal notes only for the organisation that wrote them.
    public func events(of id: Ticket.ID, visibleTo organization: Organization.ID?) async throws -> [TicketEvent] {
        try await TicketEventModel.query(on: database).filter(\.$ticketID == id.rawValue).sort(\.$sequence).all()
            .filter {
                $0.visibility == TicketEvent.Visibility.public.rawValue || organization == nil
                    || $0.organizationID == organization?.rawValue
            }
            .map { try $0.domain() }
    }

    /// Adds a public message or an internal note by a person of either party.
    public func message(
        _ id: Ticket.ID, body: String, visibility: TicketEvent.Visibility, by caller: Caller, now: Date
    ) async throws -> TicketEvent {
        let text = body.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text.count <= 20_000 else { throw TicketError.badMessage }
        return try await database.atomically { transaction in
            let store = TicketStore(transaction)
            let (ticket, engagement) = try await store.findForChange(id, visibleTo: caller)
            return try await store.append(
                .message, to: ticket, practiceID: engagement.practiceID, at: now, actor: caller.user.id,
                party: caller.user.role.party, organization: caller.organization.id, visibility: visibility, data: ["body": text])
        }
    }

    /// Moves the ticket to `status` (reopening included) and records it.
    public func setStatus(_ id: Ticket.ID, to status: Ticket.Status, reason: String?, by caller: Caller, now: Date) async throws -> Ticket {
        try await database.atomically { transaction in
            let store = TicketStore(transaction)
            var (ticket, engagement) = try await store.findForChange(id, visibleTo: caller)
            guard TicketWorkflow.allows(from: ticket.status, to: status) else {
                throw TicketError.badTransition(from: ticket.status, to: status)
            }
            let reopening = ticket.status == .resolved || ticket.status == .closed
            try await TicketModel.query(on: transaction).filter(\.$id == id.rawValue).set(\.$status, to: status.rawValue).update()
            var data = ["status": status.rawValue, "from": ticket.status.rawValue]
            if reopening { data["reopened"] = "true" }
            if let reason, !reason.isEmpty { data["reason"] = reason }
            _ = try await store.append(
                .status, to: ticket, practiceID: engagement.practiceID, at: now, actor: caller.user.id,
                party: caller.user.role.party, organization: caller.organization.id, data: data)
            if ticket.category == .requestForAction { try await store.rescheduleWaiting(on: ticket, at: now) }
            ticket.status = status
            return ticket
        }
    }

    /// Records a manual escalation to a level of the contract's ladder, with the reason.
    public func escalate(_ id: Ticket.ID, level: String, reason: String, by caller: Caller, now: Date) async throws -> TicketEvent {
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw TicketError.reasonRequired }
        return try await database.atomically { transaction in
            let store = TicketStore(transaction)
            let (ticket, engagement) = try await store.findForChange(id, visibleTo: caller)
            let policy = try await store.policy(of: ticket)
            guard policy.ladder.contains(where: { $0.key == level }) else {
                throw TicketError.unknownLevel(level, known: policy.ladder.map(\.key))
            }
            return try await store.append(
                .escalation, to: ticket, practiceID: engagement.practiceID, at: now, actor: caller.user.id,
                party: caller.user.role.party, organization: caller.organization.id,
                data: ["level": level, "reason": reason, "manual": "true"])
        }
    }

    /// The response policy and escalation ladder frozen with the ticket when it opened.
    public func policy(of ticket: Ticket) async throws -> (policy: ResponsePolicy, ladder: [EscalationLevel], version: Int) {
        var cache: [Engagement.ID: [ContractVersion]] = [:]
        guard let version = try await frozenVersions(of: [ticket], cache: &cache)[ticket.id] else {
            throw StoreError.notFound(kind: "ticket", id: ticket.id.description)
        }
        return (version.contract.serviceLevels.responsePolicy, version.contract.serviceLevels.escalationLadder, version.number)
    }

    /// The ticket's clocks read at `asOf`, from its history and its frozen policy.
    public func clocks(of ticket: Ticket, asOf: Date) async throws -> TicketClocks {
        guard let clocks = try await clocks(of: [ticket], asOf: asOf)[ticket.id] else {
            throw StoreError.notFound(kind: "ticket", id: ticket.id.description)
        }
        return clocks
    }

    /// The spans a ticket waited on linked requests for action of the other party: from the link
    /// (or the request's opening, if later) until the request was first resolved or closed.
    func waits(of history: [TicketEvent]) async throws -> [TicketClockEvent] {
        var spans: [(from: Date, to: Date?, party: Party)] = []
        for link in history where link.kind == .link {
            guard let text = link.data["ticket"], let id = Ticket.ID(string: text),
                let row = try await TicketModel.find(id.rawValue, on: database)
            else { continue }
            let linked = try row.domain()
            guard linked.category == .requestForAction else { continue }
            let done = try await events(of: linked.id, visibleTo: nil).first {
                $0.kind == .status && ["resolved", "closed"].contains($0.data["status"] ?? "") && $0.at >= link.at
            }
            spans.append((max(link.at, linked.openedAt), done?.at, linked.assignedParty))
        }
        return TicketClockEvent.waits(spans)
    }

    /// Links a ticket to a claim or to another ticket of the same engagement; a vendor ticket
    /// linked to a request for action to the practice waits on it, and its resolution clock pauses, attributed to the practice.
    public func link(_ id: Ticket.ID, toTicket other: Ticket.ID?, claim: String?, by caller: Caller, now: Date) async throws -> TicketEvent
    {
        try await database.atomically { transaction in
            let store = TicketStore(transaction)
            let (ticket, engagement) = try await store.findForChange(id, visibleTo: caller)
            var data: [String: String] = [:]
            if let other {
                let (linked, _) = try await store.find(other, visibleTo: caller)
                guard linked.engagementID == ticket.engagementID, linked.id != ticket.id else { throw TicketError.badLink }
                data["ticket"] = linked.id.description
                data["reference"] = linked.reference
            }
            if let claim {
                let trimmed = claim.trimmingCharacters(in: .whitespaces)
                guard !trimmed.isEmpty, trimmed.count <= 38 else { throw TicketError.badLink }
                data["claim"] = trimmed
            }
            guard !data.isEmpty else { throw TicketError.badLink }
            return try await store.append(
                .link, to: ticket, practiceID: engagement.practiceID, at: now, actor: caller.user.id,
                party: caller.user.role.party, organization: caller.organization.id, data: data)
        }
    }
}

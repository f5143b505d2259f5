import Domain
import FluentKit
import Foundation
import SQLKit

/// Table `tickets`: the issue log between the parties of an engagement.
final class TicketModel: Model, @unchecked Sendable {
    static let schema = "tickets"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "engagement_id") var engagementID: UUID
    @Field(key: "number") var number: Int
    @Field(key: "category") var category: String
    @Field(key: "priority") var priority: String
    @Field(key: "title") var title: String
    @Field(key: "detail") var detail: String
    @Field(key: "status") var status: String
    @Field(key: "requester") var requester: String
    @Field(key: "assigned_party") var assignedParty: String
    @OptionalField(key: "grid_task") var gridTask: String?
    @OptionalField(key: "opened_by") var openedBy: UUID?
    @Field(key: "opened_at") var openedAt: Date
    @Field(key: "evidence") var evidence: String
    @OptionalField(key: "dedupe_key") var dedupeKey: String?
    @OptionalField(key: "requester_user_id") var requesterUserID: UUID?
    @OptionalField(key: "assignee_user_id") var assigneeUserID: UUID?
    @OptionalField(key: "contract_version") var contractVersion: Int?
    /// `TicketSchedule.breachAt`.
    @OptionalField(key: "breach_at") var breachAt: Date?
    /// `TicketSchedule.nextEscalationAt`.
    @OptionalField(key: "next_escalation_at") var nextEscalationAt: Date?
    /// When the schedule was last worked out; `nil` for a ticket never scheduled.
    @OptionalField(key: "scheduled_at") var scheduledAt: Date?
    /// Title and description in lower case, for the queue's text filter.
    @OptionalField(key: "search_text") var searchText: String?
    /// The practice's ticket prefix (`RFM`); `nil` reads as the old `T`.
    @OptionalField(key: "key_prefix") var keyPrefix: String?

    init() {}

    init(_ ticket: Ticket, practiceID: UUID, dedupeKey: String?) throws {
        id = ticket.id.rawValue
        self.practiceID = practiceID
        engagementID = ticket.engagementID.rawValue
        number = ticket.number
        keyPrefix = ticket.keyPrefix
        category = ticket.category.rawValue
        priority = ticket.priority.rawValue
        title = ticket.title
        detail = ticket.detail
        status = ticket.status.rawValue
        requester = ticket.requester.rawValue
        assignedParty = ticket.assignedParty.rawValue
        gridTask = ticket.gridTask
        openedBy = ticket.openedBy?.rawValue
        openedAt = ticket.openedAt
        evidence = try StoredDocument.encode(ticket.evidence)
        self.dedupeKey = dedupeKey
        contractVersion = ticket.contractVersion
        searchText = Self.searchText(title: ticket.title, detail: ticket.detail)
    }

    /// What the text filter searches: title and description, lower case.
    static func searchText(title: String, detail: String) -> String { (title + "\n" + detail).lowercased() }

    func domain() throws(StoreError) -> Ticket {
        guard let id, let category = Ticket.Category(rawValue: category), let priority = TicketPriority(rawValue: priority),
            let status = Ticket.Status(rawValue: status), let requester = Party(rawValue: requester),
            let assigned = Party(rawValue: assignedParty)
        else { throw .corruptRow(table: Self.schema, detail: "category, priority, status or party") }
        var ticket = Ticket(
            id: .init(id), engagementID: .init(engagementID), number: number, category: category, priority: priority, title: title,
            detail: detail, status: status, requester: requester, assignedParty: assigned, gridTask: gridTask,
            openedBy: openedBy.map { .init($0) }, openedAt: openedAt,
            evidence: try StoredDocument.decode([String: String].self, from: evidence, table: Self.schema))
        ticket.assignee = assigneeUserID.map { .init($0) }
        ticket.contractVersion = contractVersion
        ticket.keyPrefix = keyPrefix ?? TicketKey.legacyPrefix
        return ticket
    }
}

extension TicketModel {
    /// The columns `domain(_:)` reads.
    static let domainColumns = [
        "id", "engagement_id", "number", "category", "priority", "title", "detail", "status", "requester",
        "assigned_party", "grid_task", "opened_by", "opened_at", "evidence", "assignee_user_id", "contract_version", "key_prefix",
    ]

    /// A ticket straight from a row of `domainColumns`, without Fluent's per-row reflection: the
    /// queue reads a page of them on every request.
    static func domain(_ row: any SQLRow) throws -> Ticket {
        func text(_ column: String) throws -> String { try row.decode(column: column, as: String.self) }
        guard let category = Ticket.Category(rawValue: try text("category")), let priority = TicketPriority(rawValue: try text("priority")),
            let status = Ticket.Status(rawValue: try text("status")), let requester = Party(rawValue: try text("requester")),
            let assigned = Party(rawValue: try text("assigned_party"))
        else { throw StoreError.corruptRow(table: schema, detail: "category, priority, status or party") }
        var ticket = Ticket(
            id: .init(try row.decode(column: "id", as: UUID.self)),
            engagementID: .init(try row.decode(column: "engagement_id", as: UUID.self)),
            number: try row.decode(column: "number", as: Int.self), category: category, priority: priority, title: try text("title"),
            detail: try text("detail"), status: status, requester: requester, assignedParty: assigned,
            gridTask: try row.decode(column: "grid_task", as: String?.self),
            openedBy: try row.decode(column: "opened_by", as: UUID?.self).map { .init($0) },
            openedAt: try row.decode(column: "opened_at", as: Date.self),
            evidence: try StoredDocument.decode([String: String].self, from: try text("evidence"), table: schema))
        ticket.assignee = try row.decode(column: "assignee_user_id", as: UUID?.self).map { .init($0) }
        ticket.contractVersion = try row.decode(column: "contract_version", as: Int?.self)
        ticket.keyPrefix = try row.decode(column: "key_prefix", as: String?.self) ?? TicketKey.legacyPrefix
        return ticket
    }
}

/// Table `ticket_events`: a ticket's history, one change per row.
final class TicketEventModel: Model, @unchecked Sendable {
    static let schema = "ticket_events"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "ticket_id") var ticketID: UUID
    @Field(key: "sequence") var sequence: Int
    @Field(key: "at") var at: Date
    @Field(key: "kind") var kind: String
    @OptionalField(key: "actor_user_id") var actorUserID: UUID?
    @OptionalField(key: "party") var party: String?
    @OptionalField(key: "organization_id") var organizationID: UUID?
    @Field(key: "visibility") var visibility: String
    @Field(key: "data") var data: String

    init() {}

    /// The row of `event` in the history of ticket `ticket`.
    convenience init(_ event: TicketEvent, of ticket: Ticket.ID, practiceID: Organization.ID, organization: Organization.ID?) throws {
        self.init()
        id = UUID()
        self.practiceID = practiceID.rawValue
        ticketID = ticket.rawValue
        sequence = event.sequence
        at = event.at
        kind = event.kind.rawValue
        actorUserID = event.actor?.rawValue
        party = event.party?.rawValue
        organizationID = organization?.rawValue
        visibility = event.visibility.rawValue
        data = try StoredDocument.encode(event.data)
    }

    func domain() throws(StoreError) -> TicketEvent {
        guard let kind = TicketEvent.Kind(rawValue: kind), let visibility = TicketEvent.Visibility(rawValue: visibility) else {
            throw .corruptRow(table: Self.schema, detail: "kind or visibility")
        }
        return TicketEvent(
            sequence: sequence, at: at, kind: kind, actor: actorUserID.map { .init($0) }, party: party.flatMap(Party.init(rawValue:)),
            visibility: visibility, data: try StoredDocument.decode([String: String].self, from: data, table: Self.schema))
    }

    static let historyColumns = ["ticket_id", "sequence", "at", "kind", "actor_user_id", "party", "visibility", "data"]

    /// An event and its ticket straight from a row of `historyColumns`, without Fluent's per-row
    /// reflection: every page of the queue reads the histories of its tickets.
    static func history(_ row: any SQLRow) throws -> (ticket: UUID, event: TicketEvent) {
        guard let kind = TicketEvent.Kind(rawValue: try row.decode(column: "kind", as: String.self)),
            let visibility = TicketEvent.Visibility(rawValue: try row.decode(column: "visibility", as: String.self))
        else { throw StoreError.corruptRow(table: schema, detail: "kind or visibility") }
        let event = TicketEvent(
            sequence: try row.decode(column: "sequence", as: Int.self), at: try row.decode(column: "at", as: Date.self), kind: kind,
            actor: try row.decode(column: "actor_user_id", as: UUID?.self).map { .init($0) },
            party: try row.decode(column: "party", as: String?.self).flatMap(Party.init(rawValue:)), visibility: visibility,
            data: try StoredDocument.decode([String: String].self, from: try row.decode(column: "data", as: String.self), table: schema))
        return (try row.decode(column: "ticket_id", as: UUID.self), event)
    }
}

/// Table `work_records`: work the vendor logs against the grid (or against nothing: scope creep).
final class WorkRecordModel: Model, @unchecked Sendable {
    static let schema = "work_records"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "engagement_id") var engagementID: UUID
    @OptionalField(key: "grid_task") var gridTask: String?
    @Field(key: "work_date") var workDate: String
    @Field(key: "quantity") var quantity: Int
    @Field(key: "minutes") var minutes: Int
    @Field(key: "description") var description: String
    @Field(key: "recorded_by") var recordedBy: UUID
    @Field(key: "recorded_at") var recordedAt: Date

    init() {}
}

/// Table `service_level_results`: each KPI target's verdict for a closed month.
final class ServiceLevelResultModel: Model, @unchecked Sendable {
    static let schema = "service_level_results"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "engagement_id") var engagementID: UUID
    @Field(key: "month") var month: String
    @Field(key: "target_key") var targetKey: String
    @Field(key: "contract_version") var contractVersion: Int
    @Field(key: "outcome") var outcome: String
    @Field(key: "document") var document: String
    @OptionalField(key: "ticket_id") var ticketID: UUID?
    @Field(key: "evaluated_at") var evaluatedAt: Date

    init() {}
}

/// Table `period_closes`: the months a practice has closed, and how often the close ran.
final class PeriodCloseModel: Model, @unchecked Sendable {
    static let schema = "period_closes"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "month") var month: String
    @Field(key: "trigger") var trigger: String
    @OptionalField(key: "closed_by") var closedBy: UUID?
    @Field(key: "closed_at") var closedAt: Date
    @Field(key: "runs") var runs: Int

    init() {}
}

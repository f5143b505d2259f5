import Domain
import FluentKit
import Foundation
import SQLKit

/// Which tickets of an engagement a queue or the API asks for. Every filter is answered by the
/// database — the breached one through each ticket's kept `breach_at` — so a page of a queue of
/// a hundred thousand tickets reads one page of rows.
public struct TicketFilter: Sendable, Equatable {
    public var statuses: Set<Ticket.Status> = []
    public var categories: Set<Ticket.Category> = []
    public var priorities: Set<TicketPriority> = []
    /// Assigned parties.
    public var parties: Set<Party> = []
    /// Assigned people.
    public var assignees: Set<User.ID> = []
    /// Whether any clock is breached at the instant of the search.
    public var breached: Bool?
    /// Words the title or description contains (any case).
    public var text: String?

    public init() {}
}

extension TicketStore {
    /// One page of the engagement's tickets matching `filter`, newest first, and how many match in all.
    public func search(
        _ filter: TicketFilter, in engagement: Engagement.ID, at now: Date, page: Int, perPage: Int
    ) async throws -> (total: Int, tickets: [Ticket]) {
        let total = try await count(filter, in: engagement, at: now)
        let offset = Paging.offset(page: page, perPage: perPage)
        guard total > offset else { return (total, []) }
        let sql = try self.sql
        // Newest first. Usually through `ix_tickets_order`, which holds every filtered column: a
        // page, even a deep one, walks that index until it is full and reads no row but its own.
        // That walk crosses (page × perPage) × tickets ÷ matches entries; when it would cross more
        // than a quarter of the engagement's tickets (few matches for the page asked), SQLite is
        // told not to sort by that index (`+column`), so it finds the matches through the filter's
        // own index and sorts them. PostgreSQL's planner weighs this itself.
        let few = total < Paging.saturating(4, times: Paging.saturating(page, times: perPage)) && sql.dialect.name == "sqlite"
        let ids = try await matching(filter, in: engagement, at: now, sql.select().column("id").from("tickets"))
            .orderBy(few ? SQLRaw("+opened_at") : SQLColumn("opened_at"), SQLDirection.descending)
            .orderBy(few ? SQLRaw("+number") : SQLColumn("number"), SQLDirection.descending)
            .limit(perPage).offset(offset).all(decodingColumn: "id", as: UUID.self)
        guard !ids.isEmpty else { return (total, []) }
        let rows = try await sql.select().columns(TicketModel.domainColumns.map { SQLColumn($0) }).from("tickets")
            .where(SQLColumn("id"), .in, SQLGroupExpression(ids.map { SQLBind($0) })).all()
        let byID = Dictionary(
            try rows.map { try TicketModel.domain($0) }.map { ($0.id.rawValue, $0) }, uniquingKeysWith: { first, _ in first })
        return (total, ids.compactMap { byID[$0] })
    }

    /// How many of the engagement's tickets match `filter`.
    public func count(_ filter: TicketFilter, in engagement: Engagement.ID, at now: Date) async throws -> Int {
        try await scheduleUnscheduled(at: now)
        let select = try sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "total").from("tickets")
        return try await matching(filter, in: engagement, at: now, select).first(decodingColumn: "total", as: Int.self) ?? 0
    }

    /// `select` narrowed to the engagement's tickets that match `filter` at `now`.
    private func matching(
        _ filter: TicketFilter, in engagement: Engagement.ID, at now: Date, _ select: SQLSelectBuilder
    ) -> SQLSelectBuilder {
        var query = select.where("engagement_id", .equal, SQLBind(engagement.rawValue))
        func within(_ column: String, _ values: [some Encodable & Sendable]) {
            if !values.isEmpty { query = query.where(SQLColumn(column), .in, SQLGroupExpression(values.map { SQLBind($0) })) }
        }
        within("status", filter.statuses.map(\.rawValue).sorted())
        within("category", filter.categories.map(\.rawValue).sorted())
        within("priority", filter.priorities.map(\.rawValue).sorted())
        within("assigned_party", filter.parties.map(\.rawValue).sorted())
        within("assignee_user_id", filter.assignees.map(\.rawValue))
        if let breached = filter.breached {
            if breached {
                query = query.where("breach_at", .lessThanOrEqual, SQLBind(now))
            } else {
                query = query.where { $0.where("breach_at", .is, SQLLiteral.null).orWhere("breach_at", .greaterThan, SQLBind(now)) }
            }
        }
        if let text = filter.text?.trimmingCharacters(in: .whitespaces).lowercased(), !text.isEmpty {
            query = query.where(ContainsText(column: "search_text", text: text))
        }
        return query
    }

    var sql: any SQLDatabase { get throws { try database.sql } }
}

extension TicketStore {
    /// The SLA report's tickets: those opened from `from` to `to` (days in `zone`), their clocks read at `asOf`.
    public func reportItems(
        in engagement: Engagement.ID, from: CalendarDate, to: CalendarDate, zone: String, asOf: Date
    ) async throws -> [SLAReport.Item] {
        // A day's bounds move with the zone's offset; fetch a day wider and keep the days that match.
        let start = Date(timeIntervalSince1970: Double(from.dayNumber - 1) * 86_400),
            end = Date(timeIntervalSince1970: Double(to.dayNumber + 2) * 86_400)
        let tickets = try await list(in: engagement, openedFrom: start, before: end).filter { ticket in
            CalendarDate.on(ticket.openedAt, in: zone).map { $0 >= from && $0 <= to } ?? false
        }
        let clocks = try await self.clocks(of: tickets, asOf: asOf)
        return tickets.compactMap { ticket in
            guard let reading = clocks[ticket.id], let day = CalendarDate.on(ticket.openedAt, in: zone) else { return nil }
            return SLAReport.Item(ticket: ticket, clocks: reading, month: CalendarMonth(day))
        }
    }
}

/// `column LIKE '%text%'` on a lower-case column with lower-case text, the text's own `%`, `_`
/// and `\` taken literally.
private struct ContainsText: SQLExpression {
    let column: String
    let text: String

    func serialize(to serializer: inout SQLSerializer) {
        var escaped = ""
        for character in text {
            if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        SQLColumn(column).serialize(to: &serializer)
        serializer.write(" LIKE ")
        SQLBind("%" + escaped + "%").serialize(to: &serializer)
        serializer.write(" ESCAPE '\\'")
    }
}

extension TicketStore {
    /// The vendor's scorecard over the days `from` to `to` (in `zone`): the tickets opened in them
    /// with their clocks read at `asOf`, their escalations, and the service levels of the months
    /// those days touch that were closed.
    public func scorecard(
        of engagement: Engagement.ID, from: CalendarDate, to: CalendarDate, zone: String, asOf: Date
    ) async throws -> VendorScorecard {
        let items = try await reportItems(in: engagement, from: from, to: to, zone: zone, asOf: asOf)
        var escalations: [Ticket.ID: Int] = [:]
        let ids = items.map(\.ticket.id.rawValue)
        for start in stride(from: 0, to: ids.count, by: Self.batchSize) {
            for ticket in try await TicketEventModel.query(on: database).filter(
                \.$ticketID ~~ Array(ids[start..<min(ids.count, start + Self.batchSize)])
            )
            .filter(\.$kind == TicketEvent.Kind.escalation.rawValue).all(\.$ticketID) {
                escalations[.init(ticket), default: 0] += 1
            }
        }
        let months = Set(
            stride(from: from.dayNumber, through: to.dayNumber, by: 1).compactMap {
                CalendarDate(dayNumber: $0).map { CalendarMonth($0).description }
            })
        let targets = try await ServiceLevelStandings(database).closed(engagement, months: Array(months), zone: zone, asOf: asOf)
        // The vendor's tickets still open now that had opened by the range's end and were escalated.
        let end = Date(timeIntervalSince1970: Double(to.dayNumber + 2) * 86_400)
        let open = try await TicketModel.query(on: database).filter(\.$engagementID == engagement.rawValue).filter(
            \.$assignedParty == Party.vendor.rawValue
        )
        .filter(\.$status !~ [Ticket.Status.resolved.rawValue, Ticket.Status.closed.rawValue]).filter(\.$openedAt < end).all()
        .filter { row in CalendarDate.on(row.openedAt, in: zone).map { $0 <= to } ?? false }
        var openEscalations: [String] = []
        for start in stride(from: 0, to: open.count, by: Self.batchSize) {
            let batch = Array(open[start..<min(open.count, start + Self.batchSize)])
            let escalated = Set(
                try await TicketEventModel.query(on: database).filter(\.$ticketID ~~ batch.compactMap(\.id))
                    .filter(\.$kind == TicketEvent.Kind.escalation.rawValue).all(\.$ticketID))
            openEscalations += batch.filter { $0.id.map(escalated.contains) ?? false }.sorted { $0.number < $1.number }.map {
                "\($0.keyPrefix ?? TicketKey.legacyPrefix)-\($0.number)"
            }
        }
        return VendorScorecard(
            from: from, to: to, items: items, escalations: escalations, targets: targets,
            audits: try await QualityAuditStore(database).audits(in: engagement), openEscalations: openEscalations)
    }
}

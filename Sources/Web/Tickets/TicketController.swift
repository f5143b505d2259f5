import Domain
import Foundation
import Persistence
import Vapor

/// The issue log: `/api/v1/engagements/{engagement}/tickets` and `/api/v1/tickets/{ticket}` with
/// its messages, status, escalations, history and clocks (SLA.md).
struct TicketController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("engagements", ":engagement", "tickets", use: list)
        routes.post("engagements", ":engagement", "tickets", use: open)
        routes.get("engagements", ":engagement", "sla-report", use: report)
        let one = routes.grouped("tickets", ":ticket")
        one.get(use: show)
        one.get("events", use: events)
        one.post("messages", use: message)
        one.post("status", use: status)
        one.post("escalate", use: escalate)
        one.post("links", use: link)
    }

    struct OpenBody: Decodable {
        var title: String
        var description: String?
        var detail: String?
        var category: Ticket.Category
        var priority: TicketPriority?
        var assigneeParty: Party?
        var assignedParty: Party?
        var gridTask: String?
    }

    func open(_ request: Request) async throws -> Response {
        let (caller, engagement) = try await request.engagement()
        try Policy.require(caller, .write, to: "open tickets")
        let body = try JSONBody.decode(OpenBody.self, from: request)
        let draft = TicketDraft(
            category: body.category, priority: body.priority ?? .normal, title: body.title, detail: body.description ?? body.detail ?? "",
            assignedParty: body.assigneeParty ?? body.assignedParty ?? caller.user.role.party.other, gridTask: body.gridTask)
        let ticket = try await TicketStore(request.tenantDB).open(draft, in: engagement, by: caller, now: request.now)
        return try JSONBody.response(
            try await TicketDTO.make(ticket, store: TicketStore(request.tenantDB), asOf: request.now), status: .created)
    }

    /// Filters: status, category, priority, party (the assigned party), assignee (a user id), breached
    /// (true|false), text; page, perPage. Each filter may repeat (`status=open&status=in_progress`).
    func list(_ request: Request) async throws -> Response {
        let (_, engagement) = try await request.engagement()
        let query = QueryParameters(request.url.query)
        func parsed<T>(_ name: String, _ make: (String) -> T?) throws -> Set<T> where T: Hashable {
            Set(
                try query.all(name).map { value in
                    guard let parsed = make(value) else { throw APIError.invalidInput(field: name, reason: "'\(value)' is not a \(name)") }
                    return parsed
                })
        }
        var filter = TicketFilter()
        filter.statuses = try parsed("status", Ticket.Status.init(rawValue:))
        filter.categories = try parsed("category", Ticket.Category.init(rawValue:))
        filter.priorities = try parsed("priority", TicketPriority.init(rawValue:))
        filter.parties = try parsed("party", Party.init(rawValue:))
        filter.assignees = try parsed("assignee", User.ID.init(string:))
        if let text = query.first("breached") {
            guard let value = Bool(text) else { throw APIError.invalidInput(field: "breached", reason: "is true or false") }
            filter.breached = value
        }
        filter.text = query.first("text")
        let page = try query.integer("page", default: 1, in: 1...APIError.largestPage),
            perPage = try query.integer("perPage", default: 50, in: 1...500)
        let store = TicketStore(request.tenantDB)
        let now = request.now
        let found = try await store.search(filter, in: engagement.id, at: now, page: page, perPage: perPage)
        let tickets = try await TicketDTO.make(found.tickets, store: store, asOf: now)
        return try JSONBody.response(PageDTO(total: found.total, page: page, perPage: perPage, tickets: tickets))
    }

    /// `GET …/sla-report?from=&to=&by=month|category|priority|party|assignee[&format=csv]` (assignee groups are user ids): compliance of the
    /// tickets opened in the range (practice's time zone), their clocks read now.
    func report(_ request: Request) async throws -> Response {
        let (_, engagement) = try await request.engagement()
        let query = QueryParameters(request.url.query)
        func date(_ name: String) throws -> CalendarDate {
            guard let text = query.first(name), let date = CalendarDate(text) else {
                throw APIError.invalidInput(field: name, reason: "is required (YYYY-MM-DD)")
            }
            return date
        }
        let from = try date("from"), to = try date("to")
        if let problem = DateSpan.problem(from: from, to: to) { throw APIError.invalidInput(field: "to", reason: problem) }
        let byText = query.first("by") ?? "month"
        guard let by = SLAReport.Grouping(rawValue: byText) else {
            throw APIError.invalidInput(field: "by", reason: "'\(byText)' is not one of month, category, priority, party, assignee")
        }
        let zone = try await request.practiceZone(of: engagement)
        let store = TicketStore(request.tenantDB)
        let now = request.now
        let items = try await store.reportItems(in: engagement.id, from: from, to: to, zone: zone, asOf: now)
        let report = SLAReport(items, by: by)
        if query.first("format") == "csv" {
            try await request.audit(
                AuditEntry(
                    "export", practice: engagement.practiceID.rawValue, object: "sla-report:\(engagement.id)",
                    detail: "by \(by.rawValue), \(from) to \(to)"))
            return JSONBody.csv(report.csv, filename: "sla-\(by.rawValue)-\(from)-\(to).csv")
        }
        return try JSONBody.response(report)
    }

    struct PageDTO: Encodable {
        let total: Int
        let page: Int
        let perPage: Int
        let tickets: [TicketDTO]
    }

    private func target(_ request: Request) async throws -> (Caller, Ticket.ID) {
        let caller = try request.caller
        return (caller, try await TicketStore(request.tenantDB).resolve(request.parameters.get("ticket") ?? "", visibleTo: caller))
    }

    /// `?asOf=INSTANT` (ISO 8601) reads the clocks at that instant.
    func show(_ request: Request) async throws -> Response {
        let (caller, id) = try await target(request)
        var asOf = request.now
        if let text = QueryParameters(request.url.query).first("asOf") {
            guard let instant = ISO8601DateFormatter().date(from: text) else {
                throw APIError.invalidInput(field: "asOf", reason: "'\(text)' is not an instant (ISO 8601, e.g. 2026-03-09T11:30:00-04:00)")
            }
            asOf = instant
        }
        let store = TicketStore(request.tenantDB)
        let (ticket, _) = try await store.find(id, visibleTo: caller)
        return try JSONBody.response(try await TicketDTO.make(ticket, store: store, asOf: asOf))
    }

    func events(_ request: Request) async throws -> Response {
        let (caller, id) = try await target(request)
        let store = TicketStore(request.tenantDB)
        _ = try await store.find(id, visibleTo: caller)
        return try JSONBody.response(["events": try await store.events(of: id, visibleTo: caller.organization.id)])
    }

    struct MessageBody: Decodable {
        var body: String
        var visibility: TicketEvent.Visibility?
    }

    func message(_ request: Request) async throws -> Response {
        let (caller, id) = try await target(request)
        try Policy.require(caller, .write, to: "write on tickets")
        let body = try JSONBody.decode(MessageBody.self, from: request)
        return try JSONBody.response(
            try await TicketStore(request.tenantDB).message(
                id, body: body.body, visibility: body.visibility ?? .public, by: caller, now: request.now),
            status: .created)
    }

    struct StatusBody: Decodable {
        var status: Ticket.Status
        var reason: String?
    }

    func status(_ request: Request) async throws -> Response {
        let (caller, id) = try await target(request)
        try Policy.require(caller, .write, to: "change tickets")
        let body = try JSONBody.decode(StatusBody.self, from: request)
        let store = TicketStore(request.tenantDB)
        let ticket = try await store.setStatus(id, to: body.status, reason: body.reason, by: caller, now: request.now)
        return try JSONBody.response(try await TicketDTO.make(ticket, store: store, asOf: request.now))
    }

    struct LinkBody: Decodable {
        var ticket: String?
        var claim: String?
    }

    /// Links the ticket to another ticket of the engagement (a request for action it waits on) or to a claim.
    func link(_ request: Request) async throws -> Response {
        let (caller, id) = try await target(request)
        try Policy.require(caller, .write, to: "link tickets")
        let body = try JSONBody.decode(LinkBody.self, from: request)
        var other: Ticket.ID?
        if let text = body.ticket {
            guard let parsed = Ticket.ID(string: text) else { throw StoreError.notFound(kind: "ticket", id: text) }
            other = parsed
        }
        return try JSONBody.response(
            try await TicketStore(request.tenantDB).link(id, toTicket: other, claim: body.claim, by: caller, now: request.now),
            status: .created)
    }

    struct EscalateBody: Decodable {
        var level: String
        var reason: String
    }

    func escalate(_ request: Request) async throws -> Response {
        let (caller, id) = try await target(request)
        try Policy.require(caller, .write, to: "escalate tickets")
        let body = try JSONBody.decode(EscalateBody.self, from: request)
        return try JSONBody.response(
            try await TicketStore(request.tenantDB).escalate(id, level: body.level, reason: body.reason, by: caller, now: request.now),
            status: .created)
    }
}

/// A ticket as the API shows it, with its clocks read at an instant.
struct TicketDTO: Encodable {
    let ticket: Ticket
    let reference: String
    let contractVersion: Int
    let asOf: Date
    let clocks: TicketClocks
    let breached: Bool

    static func make(_ ticket: Ticket, store: TicketStore, asOf: Date) async throws -> TicketDTO {
        guard let dto = try await make([ticket], store: store, asOf: asOf).first else {
            throw StoreError.notFound(kind: "ticket", id: ticket.id.description)
        }
        return dto
    }

    /// Several tickets, their clocks read together.
    static func make(_ tickets: [Ticket], store: TicketStore, asOf: Date) async throws -> [TicketDTO] {
        let readings = try await store.readings(of: tickets, asOf: asOf)
        return tickets.compactMap { ticket in
            guard let (clocks, version) = readings[ticket.id] else { return nil }
            let breached = [clocks.firstResponse, clocks.update, clocks.resolution].contains { $0.breachedAt != nil }
            return TicketDTO(
                ticket: ticket, reference: ticket.reference, contractVersion: version, asOf: asOf, clocks: clocks, breached: breached)
        }
    }
}

import Domain
import Foundation
import Persistence
import Vapor

/// The issue log's pages: the queue of an engagement and one ticket, with their forms.
struct TicketPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("engagements", ":engagement", "tickets", use: queue)
        routes.post("engagements", ":engagement", "tickets", use: open)
        routes.get("engagements", ":engagement", "sla", use: report)
        routes.get("engagements", ":engagement", "scorecard", use: scorecard)
        routes.get("tickets", ":ticket", use: show)
        for action in ["messages", "status", "escalate"] {
            routes.post("tickets", ":ticket", PathComponent(stringLiteral: action)) { request in try await act(request, action) }
        }
    }

    /// The days `?from=&to=` ask for, in the practice's zone: by default the last 90 days; `to` not before `from`.
    private func range(_ request: Request, zone: String) throws -> (from: CalendarDate, to: CalendarDate) {
        guard let today = CalendarDate.on(request.now, in: zone) else { throw Abort(.internalServerError) }
        func date(_ name: String, _ fallback: CalendarDate) throws -> CalendarDate {
            try APIError.date(try? request.query.get(String.self, at: name), field: name, emptyIsAbsent: true) ?? fallback
        }
        let from = try date("from", today.adding(days: -90) ?? today), to = try date("to", today)
        if let problem = DateSpan.problem(from: from, to: to) { throw APIError.invalidInput(field: "to", reason: problem) }
        return (from, to)
    }

    /// Everyone of both parties to the engagement.
    private func people(of engagement: Engagement, _ request: Request) async throws -> [User] {
        try await UserStore(request.tenantDB).list(organizationID: engagement.practiceID)
            + UserStore(request.tenantDB).list(organizationID: engagement.vendorID)
    }

    /// The queue's filters from the query: `show=open|breached|all` (default open; breached means
    /// open with a breached clock), `category`, `priority`, `assigned` (practice or vendor) and `q`
    /// (words in the title or description); values that name nothing are ignored.
    static func filters(_ query: QueryParameters) -> (TicketQueuePageModel.Filters, TicketFilter) {
        var asked = TicketQueuePageModel.Filters()
        var filter = TicketFilter()
        let show = query.first("show") ?? "open"
        asked.show = ["open", "breached", "all"].contains(show) ? show : "open"
        if asked.show != "all" { filter.statuses = Set(Ticket.Status.allCases.filter { $0 != .resolved && $0 != .closed }) }
        if asked.show == "breached" { filter.breached = true }
        if let category = query.first("category").flatMap(Ticket.Category.init(rawValue:)) {
            asked.category = category.rawValue
            filter.categories = [category]
        }
        if let priority = query.first("priority").flatMap(TicketPriority.init(rawValue:)) {
            asked.priority = priority.rawValue
            filter.priorities = [priority]
        }
        if let party = query.first("assigned").flatMap(Party.init(rawValue:)) {
            asked.assigned = party.rawValue
            filter.parties = [party]
        }
        if let text = query.first("q")?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            asked.text = String(text.prefix(200))
            filter.text = asked.text
        }
        return (asked, filter)
    }

    func queue(_ request: Request) async throws -> Response {
        let (caller, engagement) = try await request.engagement()
        return try await renderQueue(request, caller: caller, engagement: engagement)
    }

    /// The queue page, `&page=N` at 100 a page, with `form` in the new-ticket form.
    private func renderQueue(
        _ request: Request, caller: Caller, engagement: Engagement, form: TicketQueuePageModel.NewTicket = .init(),
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let query = QueryParameters(request.url.query)
        let (asked, chosen) = Self.filters(query)
        let page = try query.integer("page", default: 1, in: 1...APIError.largestPage), perPage = 100
        let store = TicketStore(request.tenantDB)
        let now = request.now
        var open = TicketFilter()
        open.statuses = Set(Ticket.Status.allCases.filter { $0 != .resolved && $0 != .closed })
        var breached = open
        breached.breached = true
        let found = try await store.search(chosen, in: engagement.id, at: now, page: page, perPage: perPage)
        let counts = TicketQueuePageModel.Counts(
            open: chosen == open ? found.total : try await store.count(open, in: engagement.id, at: now),
            breached: chosen == breached ? found.total : try await store.count(breached, in: engagement.id, at: now),
            matching: found.total)
        let clocks = try await store.clocks(of: found.tickets, asOf: now)
        let session = try request.webSession
        let model = TicketQueuePageModel(
            chrome: PageChrome(caller: caller, csrf: session.csrfToken), engagementID: engagement.id,
            tickets: found.tickets.compactMap { ticket in clocks[ticket.id].map { (ticket, $0) } },
            timeZone: try await request.practiceZone(of: engagement), filters: asked, counts: counts, page: page, perPage: perPage,
            now: now, form: form)
        return try await request.view.render("tickets", model).encodeResponse(status: status, for: request)
    }

    /// `?from=&to=&by=`: SLA compliance of the tickets opened in the range (default the last 90 days).
    func report(_ request: Request) async throws -> Response {
        let (caller, engagement) = try await request.engagement()
        let zone = try await request.practiceZone(of: engagement)
        let (from, to) = try range(request, zone: zone)
        let byText = (try? request.query.get(String.self, at: "by")) ?? "month"
        guard let by = SLAReport.Grouping(rawValue: byText) else {
            throw APIError.invalidInput(field: "by", reason: "'\(byText)' is not one of month, category, priority, party, assignee")
        }
        let items = try await TicketStore(request.tenantDB).reportItems(
            in: engagement.id, from: from, to: to, zone: zone, asOf: request.now)
        let session = try request.webSession
        let names = Dictionary(
            try await people(of: engagement, request).map { ($0.id.description, $0.email.value) }, uniquingKeysWith: { first, _ in first })
        let model = SLAReportPageModel(
            chrome: PageChrome(caller: caller, csrf: session.csrfToken), engagementID: engagement.id, from: from, to: to,
            report: SLAReport(items, by: by), names: names)
        return try await request.view.render("sla", model).encodeResponse(for: request)
    }

    struct OpenForm: Content {
        var csrf: String?
        var title: String?
        var description: String?
        var category: String?
        var priority: String?
    }

    func open(_ request: Request) async throws -> Response {
        let form = try request.content.decode(OpenForm.self)
        let (caller, engagement) = try await request.engagement()
        try Policy.require(caller, .write, to: "open tickets")
        var kept = TicketQueuePageModel.NewTicket(
            title: form.title ?? "", description: form.description ?? "",
            category: form.category ?? "", priority: form.priority ?? "")
        let category = Ticket.Category(rawValue: kept.category).flatMap { $0 == .serviceLevelMiss ? nil : $0 }
        let priority = TicketPriority(rawValue: kept.priority)
        let title = kept.title.trimmingCharacters(in: .whitespacesAndNewlines)
        if category == nil { kept.errors["category"] = "Choose what the ticket is about." }
        if priority == nil { kept.errors["priority"] = "Choose how urgent it is." }
        if title.isEmpty { kept.errors["title"] = "Say in a line what is wrong or what you need." }
        if title.count > 200 {
            kept.errors["title"] = "Keep the title to 200 characters (it has \(title.count)); put the rest in the description."
        }
        guard kept.errors.isEmpty, let category, let priority else {
            return try await renderQueue(request, caller: caller, engagement: engagement, form: kept, status: .unprocessableEntity)
        }
        let ticket = try await TicketStore(request.tenantDB).open(
            TicketDraft(
                category: category, priority: priority, title: title, detail: kept.description,
                assignedParty: caller.user.role.party.other, gridTask: nil),
            in: engagement, by: caller, now: request.now)
        return request.redirect(to: "/tickets/\(ticket.id)", redirectType: .normal)
    }

    /// `?from=&to=`: the vendor's scorecard (default the last 90 days).
    func scorecard(_ request: Request) async throws -> Response {
        let (caller, engagement) = try await request.engagement()
        let (from, to) = try range(request, zone: try await request.practiceZone(of: engagement))
        let card = try await ScorecardController.card(engagement, from: from, to: to, asOf: request.now, on: request.tenantDB)
        let model = ScorecardPageModel(
            chrome: PageChrome(caller: caller, csrf: try request.webSession.csrfToken), engagementID: engagement.id, card: card)
        return try await request.view.render("scorecard", model).encodeResponse(for: request)
    }

    func show(_ request: Request) async throws -> Response {
        let caller = try request.caller
        let store = TicketStore(request.tenantDB)
        let id = try await store.resolve(request.parameters.get("ticket") ?? "", visibleTo: caller)
        let (ticket, engagement) = try await store.find(id, visibleTo: caller)
        let everyone = try await people(of: engagement, request)
        let names = Dictionary(everyone.map { ($0.id, $0.email.value) }, uniquingKeysWith: { first, _ in first })
        let workers = everyone.filter {
            $0.organizationID == (ticket.assignedParty == .practice ? engagement.practiceID : engagement.vendorID)
        }
        let frozen = try await store.policy(of: ticket)
        let session = try request.webSession
        let watchers = try await store.watchers(of: id)
        let people = TicketPageModel.People(
            workers: workers.map { .init(id: $0.id.description, email: $0.email.value, selected: $0.id == ticket.assignee) },
            watchers: watchers.map(\.email), watching: watchers.contains { $0.id == caller.user.id },
            files: try await store.attachments(of: id).map {
                .init(name: $0.name, link: "/tickets/\(id)/attachments/\($0.id.uuidString)", size: "\($0.size) bytes")
            })
        let events = try await store.events(of: id, visibleTo: caller.organization.id)
        let model = TicketPageModel(
            chrome: PageChrome(caller: caller, csrf: session.csrfToken), ticket: ticket,
            clocks: try await store.clocks(of: ticket, asOf: request.now),
            events: events, names: names, ladder: frozen.ladder,
            contractVersion: frozen.version, timeZone: try await request.practiceZone(of: engagement), people: people,
            linkedKeys: try await Self.linkedKeys(of: events, store: store, caller: caller))
        return try await request.view.render("ticket", model).encodeResponse(for: request)
    }

    /// The current keys of the tickets a history links to, by id (those the caller may see).
    static func linkedKeys(of events: [TicketEvent], store: TicketStore, caller: Caller) async throws -> [String: String] {
        var keys: [String: String] = [:]
        for id in Set(events.filter { $0.kind == .link }.compactMap { $0.data["ticket"] }) {
            guard let ticketID = Ticket.ID(string: id), let (linked, _) = try? await store.find(ticketID, visibleTo: caller) else {
                continue
            }
            keys[id] = linked.reference
        }
        return keys
    }

    struct ActionForm: Content {
        var csrf: String?
        var body: String?
        var visibility: String?
        var status: String?
        var reason: String?
        var level: String?
    }

    func act(_ request: Request, _ action: String) async throws -> Response {
        let form = try request.content.decode(ActionForm.self)
        let caller = try request.caller
        try Policy.require(caller, .write, to: "work on tickets")
        let store = TicketStore(request.tenantDB)
        let id = try await store.resolve(request.parameters.get("ticket") ?? "", visibleTo: caller)
        switch action {
        case "messages":
            _ = try await store.message(
                id, body: form.body ?? "", visibility: TicketEvent.Visibility(rawValue: form.visibility ?? "") ?? .public, by: caller,
                now: request.now)
        case "status":
            guard let status = Ticket.Status(rawValue: form.status ?? "") else {
                throw APIError.invalidInput(field: "status", reason: "choose a status")
            }
            _ = try await store.setStatus(id, to: status, reason: form.reason, by: caller, now: request.now)
        case "escalate":
            _ = try await store.escalate(id, level: form.level ?? "", reason: form.reason ?? "", by: caller, now: request.now)
        default:
            throw Abort(.notFound)
        }
        return request.redirect(to: "/tickets/\(id)", redirectType: .normal)
    }
}

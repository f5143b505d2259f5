import Domain
import Foundation
import Persistence
import Vapor

/// `GET /engagements/{id}/report?month=YYYY-MM`: the printable monthly performance report (by
/// default the last full month in the practice's time zone); `GET /engagements/{id}/scorecard.csv`:
/// the scorecard page's figures as a spreadsheet, for a signed-in browser.
struct ReportPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("engagements", ":engagement", "report", use: report)
        routes.get("engagements", ":engagement", "scorecard.csv", use: scorecardCSV)
        routes.get("engagements", ":engagement", "sla.csv", use: serviceLevelCSV)
        routes.get("engagements", ":engagement", "tickets.csv", use: ticketsCSV)
    }

    /// Most tickets one export holds.
    static let ticketExportLimit = 20_000

    /// The queue as CSV, filtered as on the page (every page of it, newest first), with each
    /// ticket's clocks and time left now; times in ISO 8601 with the practice's offset.
    func ticketsCSV(_ request: Request) async throws -> Response {
        let (_, engagement) = try await request.engagement()
        let (asked, filter) = TicketPagesController.filters(QueryParameters(request.url.query))
        let store = TicketStore(request.tenantDB)
        let now = request.now
        let zone = try await request.practiceZone(of: engagement)
        let stamp = ISO8601DateFormatter()
        stamp.timeZone = TimeZone(identifier: zone)
        func instant(_ date: Date?) -> String { date.map { stamp.string(from: $0) } ?? "" }
        var csv =
            CSVText.row([
                "ticket", "title", "category", "priority", "status", "requester", "assigned", "opened",
                "first_response", "first_response_due", "resolution", "resolution_due", "time_left",
            ]) + "\r\n"
        var page = 1
        let perPage = 500
        while (page - 1) * perPage < Self.ticketExportLimit {
            let found = try await store.search(filter, in: engagement.id, at: now, page: page, perPage: perPage)
            let clocks = try await store.clocks(of: found.tickets, asOf: now)
            for ticket in found.tickets {
                guard let reading = clocks[ticket.id] else { continue }
                let open = ticket.status != .resolved && ticket.status != .closed
                csv +=
                    CSVText.row([
                        ticket.reference, ticket.title, ticket.category.rawValue, ticket.priority.rawValue, ticket.status.rawValue,
                        ticket.requester.rawValue, ticket.assignedParty.rawValue, instant(ticket.openedAt),
                        reading.firstResponse.state.rawValue, instant(reading.firstResponse.dueAt), reading.resolution.state.rawValue,
                        instant(reading.resolution.dueAt), open ? TimeLeft(reading, now: now).text : "",
                    ]) + "\r\n"
            }
            if found.tickets.count < perPage { break }
            page += 1
        }
        try await request.audit(
            AuditEntry("export", practice: engagement.practiceID.rawValue, object: "tickets:\(engagement.id)", detail: asked.query))
        return JSONBody.csv(csv, filename: "tickets-\(asked.show).csv")
    }

    /// `?from=&to=` in the practice's zone, by default the last 90 days, as on the scorecard and SLA pages.
    private func days(_ request: Request, _ engagement: Engagement) async throws -> (from: CalendarDate, to: CalendarDate, zone: String) {
        let zone = try await request.practiceZone(of: engagement)
        guard let today = CalendarDate.on(request.now, in: zone) else { throw Abort(.internalServerError) }
        let query = QueryParameters(request.url.query)
        let from = try APIError.date(query.first("from"), field: "from", emptyIsAbsent: true) ?? today.adding(days: -90) ?? today
        let to = try APIError.date(query.first("to"), field: "to", emptyIsAbsent: true) ?? today
        if let problem = DateSpan.problem(from: from, to: to) { throw APIError.invalidInput(field: "to", reason: problem) }
        return (from, to, zone)
    }

    func report(_ request: Request) async throws -> Response {
        let (caller, engagement) = try await request.engagement()
        let database = request.tenantDB
        let organizations = OrganizationStore(database)
        let practice = try await organizations.find(engagement.practiceID), vendor = try await organizations.find(engagement.vendorID)
        let zone = practice?.timeZone ?? "UTC"
        let now = request.now
        let today = CalendarDate.on(now, in: zone)
        let current = today.map { CalendarMonth($0) }
        let month: CalendarMonth
        if let text = try? request.query.get(String.self, at: "month"), !text.isEmpty {
            month = try APIError.month(text)
        } else {
            guard let last = current?.adding(months: -1) else { throw Abort(.internalServerError) }
            month = last
        }
        let versions = try await EngagementStore(database).versions(of: engagement.id)
        let card = try await ScorecardController.card(engagement, from: month.firstDay, to: month.lastDay, asOf: now, on: database)
        var figures: (totals: KPIFigures, months: [KPIGroup])?
        if caller.organization.kind == .practice, Policy.allows(caller.user.role, .readFigures), let first = month.adding(months: -5) {
            let query = try KPIQuery(database)
            let practiceID = engagement.practiceID.rawValue
            // A month still running is read as of today: balances are not taken on a day that has not come.
            let asOf = min(month.lastDay, today ?? month.lastDay)
            let totals = try await query.answer(KPIRequest(practiceID: practiceID, from: month.firstDay, to: month.lastDay, asOf: asOf))
            let months = try await query.answer(KPIRequest(practiceID: practiceID, from: first.firstDay, to: month.lastDay, by: .month))
            figures = (totals.totals, months.groups ?? [])
        }
        var standings: [TargetStanding] = []
        if let today {
            standings = try await ServiceLevelStandings(database).standings(of: engagement, month: month, today: today, zone: zone)
        }
        let input = MonthlyReportPageModel.Input(
            engagementID: engagement.id, practice: practice?.name ?? "practice", vendor: vendor?.name ?? "vendor", month: month, zone: zone,
            contract: ContractVersion.inForce(on: month.lastDay, among: versions), card: card, figures: figures,
            changes: try await ChangeRequestStore(database).list(in: engagement.id), now: now, currentMonth: current,
            standings: standings, today: today)
        let model = MonthlyReportPageModel(chrome: PageChrome(caller: caller, csrf: try request.webSession.csrfToken), input)
        return try await request.view.render("report", model).encodeResponse(for: request)
    }

    /// `?from=&to=`: the scorecard as CSV.
    func scorecardCSV(_ request: Request) async throws -> Response {
        let (_, engagement) = try await request.engagement()
        let (from, to, _) = try await days(request, engagement)
        let card = try await ScorecardController.card(engagement, from: from, to: to, asOf: request.now, on: request.tenantDB)
        try await request.audit(
            AuditEntry("export", practice: engagement.practiceID.rawValue, object: "scorecard:\(engagement.id)", detail: "\(from) to \(to)")
        )
        return JSONBody.csv(card.csv, filename: "scorecard-\(from)-\(to).csv")
    }

    /// `?from=&to=&by=`: SLA compliance as CSV, grouped as on the SLA page.
    func serviceLevelCSV(_ request: Request) async throws -> Response {
        let (_, engagement) = try await request.engagement()
        let (from, to, zone) = try await days(request, engagement)
        let byText = QueryParameters(request.url.query).first("by") ?? "month"
        guard let by = SLAReport.Grouping(rawValue: byText) else {
            throw APIError.invalidInput(field: "by", reason: "'\(byText)' is not one of month, category, priority, party, assignee")
        }
        let items = try await TicketStore(request.tenantDB).reportItems(
            in: engagement.id, from: from, to: to, zone: zone, asOf: request.now)
        try await request.audit(
            AuditEntry(
                "export", practice: engagement.practiceID.rawValue, object: "sla-report:\(engagement.id)",
                detail: "by \(by.rawValue), \(from) to \(to)"))
        return JSONBody.csv(SLAReport(items, by: by).csv, filename: "sla-\(by.rawValue)-\(from)-\(to).csv")
    }
}

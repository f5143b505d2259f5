import Domain
import Foundation
import Persistence
import Vapor

/// The practice's figures as pages: `/dashboard` (tiles against the contract's targets, monthly
/// trends, aging, denial causes, payers), its CSV exports, `/definitions`, and the claims behind
/// each figure (`/claims`, `/claims/{claim}`).
struct DashboardController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("dashboard", use: dashboard)
        routes.get("dashboard", "export.csv", use: export)
        routes.get("definitions", use: definitions)
        routes.get("claims", use: claims)
        routes.get("claims", ":claim", use: claim)
        routes.get("claims.csv", use: claimsCSV)
    }

    /// The whole list behind a figure as CSV (the claims page's filters, every page); an export of
    /// patient data, so recorded as one before it is sent.
    func claimsCSV(_ request: Request) async throws -> Response {
        let access = try await PatientDataAccess.resolve(request, to: "export the practice's claims")
        var selection = try ClaimsController.selection(from: QueryParameters(request.url.query), practiceID: access.practiceID)
        selection.page = 1
        selection.perPage = Self.claimExportLimit
        let page = try await selection.run(on: try ClaimsController.sql(request))
        try await request.audit(
            access.record(
                AuditEntry("export", object: "claims:\(page.figure)", detail: "\(page.claims.count) claims, \(page.from) to \(page.to)")))
        var csv = CSVText.row(["claim", "submitted", "charge", "first_decision", "outcome", "primary_reason", "balance", "payer"]) + "\r\n"
        for claim in page.claims {
            csv +=
                CSVText.row([
                    claim.claim, claim.originalSubmissionDate ?? "", claim.charge?.description ?? "", claim.firstAdjudication ?? "",
                    claim.firstAdjudicationClass ?? "", claim.primaryReason ?? "", claim.balance?.description ?? "", claim.payer,
                ]) + "\r\n"
        }
        return JSONBody.csv(csv, filename: "claims-\(page.figure)-\(page.from)-\(page.to).csv")
    }

    /// Most claims one export holds.
    static let claimExportLimit = 100_000

    /// The range asked for, or the last six whole months in the practice's time zone.
    static func range(_ query: QueryParameters, caller: Caller, now: Date) throws -> (from: CalendarDate, to: CalendarDate) {
        if query.first("from") != nil || query.first("to") != nil {
            let asked = try KPIController.kpiRequest(from: query, practiceID: caller.organization.id.rawValue)
            return (asked.from, asked.to)
        }
        guard let today = CalendarDate.on(now, in: caller.organization.timeZone), let last = CalendarMonth(today).adding(months: -1),
            let first = last.adding(months: -5)
        else { throw Abort(.internalServerError) }
        return (first.firstDay, last.lastDay)
    }

    private func figures(_ request: Request) async throws -> (Caller, CalendarDate, CalendarDate, KPIAnswer, KPIAnswer, KPIAnswer) {
        let caller = try request.caller
        try Policy.require(caller, .readFigures, to: "read the practice's figures")
        let (from, to) = try Self.range(QueryParameters(request.url.query), caller: caller, now: request.now)
        let query = try KPIQuery(request.tenantDB)
        let practice = caller.organization.id.rawValue
        let totals = try await query.answer(KPIRequest(practiceID: practice, from: from, to: to))
        let months = try await query.answer(KPIRequest(practiceID: practice, from: from, to: to, by: .month))
        let payers = try await query.answer(KPIRequest(practiceID: practice, from: from, to: to, by: .payer))
        return (caller, from, to, totals, months, payers)
    }

    func dashboard(_ request: Request) async throws -> Response {
        let (caller, from, to, totals, months, payers) = try await figures(request)
        var targets: [KPITarget] = []
        for engagement in try await EngagementStore(request.tenantDB).list(visibleTo: caller) where engagement.status != .ended {
            let versions = try await EngagementStore(request.tenantDB).versions(of: engagement.id)
            targets += ContractVersion.inForce(on: to, among: versions)?.contract.serviceLevels.kpiTargets ?? []
        }
        let session = try request.webSession
        let today = CalendarDate.on(request.now, in: caller.organization.timeZone) ?? to
        let model = DashboardPageModel(
            chrome: PageChrome(caller: caller, csrf: session.csrfToken), from: from, to: to, totals: totals.totals,
            months: months.groups ?? [], payers: payers.groups ?? [], targets: targets,
            standings: DashboardPageModel.standings(totals.totals, targets: targets, from: from, to: to, today: today))
        return try await request.view.render("dashboard", model).encodeResponse(for: request)
    }

    /// `table=months|payers|causes|aging`: the table as CSV.
    func export(_ request: Request) async throws -> Response {
        let (_, from, to, totals, months, payers) = try await figures(request)
        let table = QueryParameters(request.url.query).first("table") ?? "months"
        let csv: String
        switch table {
        case "months": csv = DashboardCSV.groups(months.groups ?? [], keyName: "month")
        case "payers": csv = DashboardCSV.groups(payers.groups ?? [], keyName: "payer")
        case "causes": csv = DashboardCSV.causes(totals.totals.denialCauses)
        case "aging": csv = DashboardCSV.aging(totals.totals.aging)
        default: throw APIError.invalidInput(field: "table", reason: "'\(table)' is not one of months, payers, causes, aging")
        }
        try await request.audit(AuditEntry("export", object: "dashboard:\(table)", detail: "\(from) to \(to)"))
        return JSONBody.csv(csv, filename: "sightline-\(table)-\(from)-\(to).csv")
    }

    func definitions(_ request: Request) async throws -> Response {
        let session = try request.webSession
        struct Model: Encodable {
            let chrome: PageChrome
            let definitions: [FigureDefinition]
        }
        return try await request.view.render(
            "definitions", Model(chrome: PageChrome(caller: session.caller, csrf: session.csrfToken), definitions: FigureDefinition.all)
        )
        .encodeResponse(for: request)
    }

    func claims(_ request: Request) async throws -> Response {
        let caller = try request.caller
        let query = QueryParameters(request.url.query)
        if query.first("from") == nil, query.first("to") == nil {
            // A list opened without a period shows the dashboard's: the last six full months.
            let (from, to) = try Self.range(query, caller: caller, now: request.now)
            let asked: [PageLink.Item] = PageLink.items(ofQuery: request.url.query ?? "").map { ($0.name, $0.value) }
            return request.redirect(to: PageLink.to("/claims", asked + [("from", from), ("to", to)]), redirectType: .normal)
        }
        let access = try await PatientDataAccess.resolve(request, to: "read the practice's claims")
        let selection = try ClaimsController.selection(from: query, practiceID: access.practiceID)
        let page = try await selection.run(on: try ClaimsController.sql(request))
        try await request.audit(access.record(ClaimsController.listRead(page)))
        let session = try request.webSession
        let model = ClaimListPageModel(
            chrome: PageChrome(caller: caller, csrf: session.csrfToken), page: page, query: request.url.query ?? "",
            reason: query.first("reason"))
        return try await request.view.render("claims", model).encodeResponse(for: request)
    }

    func claim(_ request: Request) async throws -> Response {
        let caller = try request.caller
        let claim = request.parameters.get("claim") ?? ""
        let timeline = try await ClaimsController.timeline(claim, request)
        let session = try request.webSession
        return try await request.view.render(
            "claim", ClaimPageModel(chrome: PageChrome(caller: caller, csrf: session.csrfToken), timeline: timeline)
        )
        .encodeResponse(for: request)
    }
}

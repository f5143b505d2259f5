import Domain
import Foundation
import Persistence
import Vapor

/// Tickets and work records tied to the grid, the monthly scope report, and month closes.
struct ServiceLevelController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("engagements", ":engagement", "work-records", use: recordWork)
        routes.get("engagements", ":engagement", "reported-figures", use: reportedFigures)
        routes.post("engagements", ":engagement", "reported-figures", use: reportFigures)
        routes.get("scope-report", use: scopeReport)
        routes.post("periods", ":month", "close", use: close)
    }

    struct WorkBody: Decodable {
        var gridTask: String?
        var date: String
        var quantity: Int?
        var minutes: Int?
        var description: String
    }

    func recordWork(_ request: Request) async throws -> Response {
        let (caller, engagement) = try await request.engagement()
        let body = try JSONBody.decode(WorkBody.self, from: request)
        let date = try APIError.requiredDate(body.date, field: "date")
        let record = try await ScopeStore(request.tenantDB).record(
            in: engagement, by: caller, task: body.gridTask, date: date, quantity: body.quantity ?? 0, minutes: body.minutes ?? 0,
            description: body.description, now: request.now)
        return try JSONBody.response(record, status: .created)
    }

    struct ReportBody: Decodable {
        var month: String
        var figures: [String: Double]
    }

    /// `POST …/reported-figures`: the vendor's figures for a month, as JSON `{month, figures}` or as
    /// CSV (`figure,value` lines, `?month=YYYY-MM`).
    func reportFigures(_ request: Request) async throws -> Response {
        let (caller, engagement) = try await request.engagement()
        let month: CalendarMonth
        let figures: [String: Double]
        if request.headers.contentType?.subType == "csv" {
            let text = request.body.data.map { String(buffer: $0) } ?? ""
            month = try APIError.month(QueryParameters(request.url.query).first("month"))
            figures = try ReportedFigureError.parse(text)
        } else {
            let body = try JSONBody.decode(ReportBody.self, from: request)
            month = try APIError.month(body.month)
            figures = body.figures
        }
        try await ReportedFigureStore(request.tenantDB).record(figures, month: month, in: engagement, by: caller, now: request.now)
        return try JSONBody.response(
            try await ReportedFigureStore(request.tenantDB).comparison(month: month, in: engagement), status: .created)
    }

    /// `GET …/reported-figures?month=YYYY-MM`: the vendor's figures beside Sightline's, differences beyond the tolerance flagged.
    func reportedFigures(_ request: Request) async throws -> Response {
        let (_, engagement) = try await request.engagement()
        let month = try APIError.month(QueryParameters(request.url.query).first("month"))
        return try JSONBody.response(try await ReportedFigureStore(request.tenantDB).comparison(month: month, in: engagement))
    }

    /// `GET /api/v1/scope-report?month=YYYY-MM`: vendor work in and out of scope per engagement,
    /// each out-of-scope group with the change request that would bring it into scope.
    func scopeReport(_ request: Request) async throws -> Response {
        let caller = try request.caller
        let query = QueryParameters(request.url.query)
        guard let text = query.first("month") else { throw APIError.invalidInput(field: "month", reason: "is required (YYYY-MM)") }
        let month = try APIError.month(text)
        let report = try await ScopeStore(request.tenantDB).report(month: month, visibleTo: caller)
        return try JSONBody.response(ScopeReportDTO(report))
    }

    struct ScopeReportDTO: Encodable {
        struct Group: Encodable {
            let group: ScopeReport.Group
            /// A change request proposing the task, ready to fill in.
            let changeRequest: [String: String]
        }

        struct Line: Encodable {
            let line: ScopeReport.Line
            let groups: [Group]
        }

        let month: CalendarMonth
        let engagements: [Line]

        init(_ report: ScopeReport) {
            month = report.month
            engagements = report.lines.map { line in
                Line(
                    line: line,
                    groups: line.groups.map { group in
                        let path = "/api/v1/engagements/\(line.engagementID)/change-requests"
                        let subject = group.task.map { "grid.tasks[\($0)]" } ?? "grid.tasks[<new-task>]"
                        return Group(
                            group: group,
                            changeRequest: ["method": "POST", "path": path, "kind": ChangeRequest.Kind.scope.rawValue, "change": subject])
                    })
            }
        }
    }

    func close(_ request: Request) async throws -> Response {
        let caller = try request.caller
        guard caller.organization.kind == .practice else { throw Abort(.forbidden, reason: "months are closed by the practice") }
        try Policy.require(caller, .closePeriod, to: "close a month")
        let month = try APIError.month(request.parameters.get("month"))
        let report = try await PeriodCloser(request.tenantDB).close(
            practice: caller.organization.id, month: month, trigger: .manual, by: caller.user.id, now: request.now)
        return try JSONBody.response(report)
    }
}

import Domain
import Foundation
import Persistence
import Vapor

/// `/scope` (the month's vendor work in and out of scope) and closing a month from the pages.
struct ScopePagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("scope", use: scope)
        routes.post("periods", "close", use: close)
    }

    func scope(_ request: Request) async throws -> Response {
        let caller = try request.caller
        var month = CalendarDate.on(request.now, in: caller.organization.timeZone).flatMap { CalendarMonth($0).adding(months: -1) }
        if let text = try? request.query.get(String.self, at: "month"), !text.isEmpty {
            month = try APIError.month(text)
        }
        guard let month else { throw Abort(.internalServerError) }
        let report = try await ScopeStore(request.tenantDB).report(month: month, visibleTo: caller)
        let session = try request.webSession
        return try await request.view.render(
            "scope", ScopePageModel(chrome: PageChrome(caller: session.caller, csrf: session.csrfToken), report: report)
        ).encodeResponse(for: request)
    }

    struct CloseForm: Content {
        var csrf: String?
        var month: String?
        var engagement: String?
    }

    func close(_ request: Request) async throws -> Response {
        let form = try request.content.decode(CloseForm.self)
        let caller = try request.caller
        guard caller.organization.kind == .practice else { throw Abort(.forbidden, reason: "months are closed by the practice") }
        try Policy.require(caller, .closePeriod, to: "close a month")
        let month = try APIError.month(form.month)
        _ = try await PeriodCloser(request.tenantDB).close(
            practice: caller.organization.id, month: month, trigger: .manual, by: caller.user.id, now: request.now)
        let back = form.engagement.flatMap { Engagement.ID(string: $0) }.map { "/engagements/\($0)#tickets" } ?? "/engagements"
        return request.redirect(to: back, redirectType: .normal)
    }
}

import Domain
import Foundation
import Persistence
import Vapor

/// The governance pages: `/engagements/{id}/governance` (reviews, risks, actions, with their
/// forms) and `/reviews/{id}` (agenda, minutes, the review's actions).
struct GovernancePagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("engagements", ":engagement", "governance", use: page)
        routes.post("engagements", ":engagement", "reviews", use: schedule)
        routes.post("engagements", ":engagement", "risks", use: addRisk)
        routes.post("risks", ":risk", use: updateRisk)
        routes.get("reviews", ":governanceReview", use: review)
        routes.post("reviews", ":governanceReview", "minutes", use: minutes)
        routes.post("reviews", ":governanceReview", "actions", use: addAction)
        routes.post("actions", ":action", "done", use: done)
    }

    /// The fields of every governance form; each form sends some.
    struct Form: Content {
        var csrf: String?
        var scheduledOn, items, title, category, likelihood, impact, owner, mitigation, reviewOn, status: String?
        var attendees, decisions, notes, dueOn, linksTo, note: String?

        var kept: [String: String] {
            let fields = [
                "scheduledOn": scheduledOn, "items": items, "title": title, "category": category, "likelihood": likelihood,
                "impact": impact,
                "owner": owner, "mitigation": mitigation, "reviewOn": reviewOn, "attendees": attendees, "decisions": decisions,
                "notes": notes,
                "dueOn": dueOn, "linksTo": linksTo,
            ]
            return fields.compactMapValues { $0 }
        }
    }

    static func lines(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The e-mail addresses of the active people of both parties: whom a risk, an action, a step or an audit can be given to.
    static func people(_ engagement: Engagement, _ request: Request) async throws -> [String] {
        let users = UserStore(request.tenantDB)
        return try await
            (users.list(organizationID: engagement.practiceID, activeOnly: true)
            + users.list(organizationID: engagement.vendorID, activeOnly: true))
            .map(\.email.value)
    }

    private func today(_ engagement: Engagement, _ request: Request) async throws -> CalendarDate {
        try await request.practiceToday(of: engagement).today
    }

    func page(_ request: Request) async throws -> Response {
        let (caller, engagement) = try await request.engagement()
        return try await renderPage(request, caller: caller, engagement: engagement)
    }

    private func renderPage(
        _ request: Request, caller: Caller, engagement: Engagement, form: [String: String] = [:], errors: [String: String] = [:],
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let store = GovernanceStore(request.tenantDB)
        let today = try await today(engagement, request)
        let versions = try await EngagementStore(request.tenantDB).versions(of: engagement.id)
        let cadence = ContractVersion.inForce(on: today, among: versions)?.contract.governance.reviewCadence.rawValue ?? "monthly"
        var kept = form
        if kept["scheduledOn"] == nil { kept["scheduledOn"] = today.description }
        if kept["reviewOn"] == nil { kept["reviewOn"] = (today.adding(days: 90) ?? today).description }
        let model = GovernancePageModel(
            chrome: PageChrome(caller: caller, csrf: try request.webSession.csrfToken), engagementID: engagement.id, cadence: cadence,
            reviews: try await store.reviews(in: engagement.id), risks: try await store.risks(in: engagement.id),
            actions: try await store.actions(in: engagement.id),
            people: try await Self.people(engagement, request), canKeep: Policy.allows(caller.user.role, .keepGovernance), today: today,
            form: kept, errors: errors)
        return try await request.view.render("governance", model).encodeResponse(status: status, for: request)
    }

    /// Runs a form's change; a refusal naming a field comes back on the page with what was typed.
    private func attempt(
        _ request: Request, form: Form, engagement: Engagement, caller: Caller, success: String,
        render: (([String: String], [String: String]) async throws -> Response)? = nil,
        _ change: () async throws -> Void
    ) async throws -> Response {
        do {
            try await change()
            return request.redirect(to: success, redirectType: .normal)
        } catch let error as GovernanceError {
            guard let field = error.field else { throw error }
            let errors = [field: error.description]
            if let render { return try await render(form.kept, errors) }
            return try await renderPage(
                request, caller: caller, engagement: engagement, form: form.kept, errors: errors, status: .unprocessableEntity)
        }
    }

    func schedule(_ request: Request) async throws -> Response {
        let form = try request.content.decode(Form.self)
        let (caller, engagement) = try await request.engagement()
        var created: GovernanceReview?
        let response = try await attempt(request, form: form, engagement: engagement, caller: caller, success: "") {
            created = try await GovernanceStore(request.tenantDB).schedule(
                on: try GovernanceController.day(form.scheduledOn, "scheduledOn"), in: engagement,
                free: Self.lines(form.items), by: caller, now: request.now)
        }
        return created.map { request.redirect(to: "/reviews/\($0.id)", redirectType: .normal) } ?? response
    }

    func addRisk(_ request: Request) async throws -> Response {
        let form = try request.content.decode(Form.self)
        let (caller, engagement) = try await request.engagement()
        return try await attempt(
            request, form: form, engagement: engagement, caller: caller, success: "/engagements/\(engagement.id)/governance#risks"
        ) {
            let draft = try GovernanceController.riskDraft(
                .init(
                    title: form.title, category: form.category, likelihood: Int(form.likelihood ?? ""), impact: Int(form.impact ?? ""),
                    owner: form.owner,
                    mitigation: form.mitigation, reviewOn: form.reviewOn), engagement: engagement.id, now: request.now)
            _ = try await GovernanceStore(request.tenantDB).addRisk(draft, in: engagement, by: caller, now: request.now)
        }
    }

    func updateRisk(_ request: Request) async throws -> Response {
        let form = try request.content.decode(Form.self)
        let caller = try request.caller
        let text = request.parameters.get("risk") ?? ""
        guard let id = Risk.ID(string: text) else { throw StoreError.notFound(kind: "risk", id: text) }
        let store = GovernanceStore(request.tenantDB)
        let (_, engagement) = try await store.risk(id, visibleTo: caller)
        return try await attempt(
            request, form: form, engagement: engagement, caller: caller, success: "/engagements/\(engagement.id)/governance#risks"
        ) {
            let likelihood = form.likelihood.flatMap { Int($0) }, impact = form.impact.flatMap { Int($0) }
            let status = form.status.flatMap(Risk.Status.init(rawValue:))
            let reviewOn = try form.reviewOn.map { try GovernanceController.day($0, "reviewOn") }
            _ = try await store.updateRisk(id, in: engagement, by: caller, now: request.now) { risk in
                if let likelihood { risk.likelihood = likelihood }
                if let impact { risk.impact = impact }
                if let status { risk.status = status }
                if let reviewOn { risk.reviewOn = reviewOn }
            }
        }
    }

    func review(_ request: Request) async throws -> Response {
        let (caller, review, engagement) = try await GovernanceController.governanceReview(request)
        return try await renderReview(request, caller: caller, review: review, engagement: engagement)
    }

    private func renderReview(
        _ request: Request, caller: Caller, review: GovernanceReview, engagement: Engagement, form: [String: String] = [:],
        errors: [String: String] = [:], status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let model = ReviewPageModel(
            chrome: PageChrome(caller: caller, csrf: try request.webSession.csrfToken), review: review,
            actions: try await GovernanceStore(request.tenantDB).actions(in: engagement.id),
            people: try await Self.people(engagement, request),
            canKeep: Policy.allows(caller.user.role, .keepGovernance), today: try await today(engagement, request), form: form,
            errors: errors)
        return try await request.view.render("review", model).encodeResponse(status: status, for: request)
    }

    func minutes(_ request: Request) async throws -> Response {
        let form = try request.content.decode(Form.self)
        let (caller, review, engagement) = try await GovernanceController.governanceReview(request)
        return try await attempt(
            request, form: form, engagement: engagement, caller: caller, success: "/reviews/\(review.id)",
            render: { kept, errors in
                try await renderReview(
                    request, caller: caller, review: review, engagement: engagement, form: kept,
                    errors: errors, status: .unprocessableEntity)
            }
        ) {
            _ = try await GovernanceStore(request.tenantDB).recordMinutes(
                review.id, attendees: Self.lines(form.attendees), decisions: Self.lines(form.decisions),
                notes: form.notes ?? "", by: caller, now: request.now)
        }
    }

    func addAction(_ request: Request) async throws -> Response {
        let form = try request.content.decode(Form.self)
        let (caller, review, engagement) = try await GovernanceController.governanceReview(request)
        return try await attempt(
            request, form: form, engagement: engagement, caller: caller, success: "/reviews/\(review.id)#actions",
            render: { kept, errors in
                try await renderReview(
                    request, caller: caller, review: review, engagement: engagement, form: kept,
                    errors: errors, status: .unprocessableEntity)
            }
        ) {
            _ = try await GovernanceStore(request.tenantDB).addAction(
                to: review.id, title: form.title ?? "", owner: form.owner ?? "",
                dueOn: try GovernanceController.day(form.dueOn, "dueOn"), linksTo: form.linksTo ?? "", by: caller, now: request.now)
        }
    }

    func done(_ request: Request) async throws -> Response {
        let form = try request.content.decode(Form.self)
        let caller = try request.caller
        let text = request.parameters.get("action") ?? ""
        guard let id = ReviewAction.ID(string: text) else { throw StoreError.notFound(kind: "action", id: text) }
        let action = try await GovernanceStore(request.tenantDB).completeAction(id, note: form.note ?? "", by: caller, now: request.now)
        return request.redirect(to: "/engagements/\(action.engagementID)/governance#actions", redirectType: .normal)
    }
}

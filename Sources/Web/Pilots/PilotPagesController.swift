import Domain
import Foundation
import Persistence
import Vapor

/// The rollout's pages: `/engagements/{id}/pilots` (phases, and the form for the next one) and
/// `/pilots/{id}` (the gate judged now, checklist answers, go or no-go).
struct PilotPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("engagements", ":engagement", "pilots", use: list)
        routes.post("engagements", ":engagement", "pilots", use: create)
        routes.get("pilots", ":pilot", use: show)
        routes.post("pilots", ":pilot", "checklist", ":criterion", use: answer)
        routes.post("pilots", ":pilot", "decision", use: decide)
    }

    func list(_ request: Request) async throws -> Response {
        let (caller, engagement) = try await request.engagement()
        return try await renderList(request, caller: caller, engagement: engagement, form: try await defaults(engagement, request))
    }

    /// The form as first shown: the baseline the three months before the pilot, the pilot this month and the next two.
    private func defaults(_ engagement: Engagement, _ request: Request) async throws -> PilotListPageModel.Form {
        var form = PilotListPageModel.Form()
        let zone = try await request.practiceZone(of: engagement)
        if let today = CalendarDate.on(request.now, in: zone), let first = CalendarMonth(today).adding(months: -3),
            let end = CalendarMonth(today).adding(months: 2)
        {
            form.baselineFrom = first.firstDay.description
            form.baselineTo = (CalendarMonth(today).firstDay.adding(days: -1) ?? today).description
            form.from = CalendarMonth(today).firstDay.description
            form.to = end.lastDay.description
        }
        return form
    }

    private func renderList(
        _ request: Request, caller: Caller, engagement: Engagement, form: PilotListPageModel.Form,
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let model = PilotListPageModel(
            chrome: PageChrome(caller: caller, csrf: try request.webSession.csrfToken), engagementID: engagement.id,
            pilots: try await PilotStore(request.tenantDB).list(in: engagement.id),
            canCreate: Policy.allows(caller.user.role, .decidePilotGate), form: form)
        return try await request.view.render("pilots", model).encodeResponse(status: status, for: request)
    }

    struct CreateForm: Content {
        var csrf: String?
        var name, payers, locations, tasks, baselineFrom, baselineTo, from, to: String?
        var useDenials, useDays, useFirstResponse: String?
        var denialPoints, dayMargin, firstResponsePercent, checklist: String?
    }

    func create(_ request: Request) async throws -> Response {
        let body = try request.content.decode(CreateForm.self)
        let (caller, engagement) = try await request.engagement()
        var form = PilotListPageModel.Form(
            name: body.name ?? "", payers: body.payers ?? "", locations: body.locations ?? "", tasks: body.tasks ?? "",
            baselineFrom: body.baselineFrom ?? "", baselineTo: body.baselineTo ?? "", from: body.from ?? "", to: body.to ?? "",
            useDenials: body.useDenials != nil, denialPoints: body.denialPoints ?? "0", useDays: body.useDays != nil,
            dayMargin: body.dayMargin ?? "5",
            useFirstResponse: body.useFirstResponse != nil, firstResponsePercent: body.firstResponsePercent ?? "90",
            checklist: body.checklist ?? "")
        do {
            let draft = Pilot(
                engagementID: engagement.id, phase: 0, name: form.name,
                scope: PilotScope(
                    payers: PilotListPageModel.list(form.payers), locations: PilotListPageModel.list(form.locations),
                    gridTasks: PilotListPageModel.list(form.tasks)),
                baselineFrom: try PilotController.day(form.baselineFrom, "baselineFrom"),
                baselineTo: try PilotController.day(form.baselineTo, "baselineTo"),
                from: try PilotController.day(form.from, "from"), to: try PilotController.day(form.to, "to"),
                criteria: try PilotListPageModel.criteria(from: form), createdAt: request.now)
            let pilot = try await PilotStore(request.tenantDB).create(draft, in: engagement, by: caller, now: request.now)
            return request.redirect(to: "/pilots/\(pilot.id)", redirectType: .normal)
        } catch let error as PilotError {
            guard let field = error.field else { throw error }
            // `criteria[…]` problems come from the checklist lines (the rest the form builds itself).
            form.errors[field.hasPrefix("criteria") ? "checklist" : field] = error.description
            return try await renderList(request, caller: caller, engagement: engagement, form: form, status: .unprocessableEntity)
        }
    }

    func show(_ request: Request) async throws -> Response {
        let (caller, pilot, engagement) = try await PilotController.pilot(request)
        let evaluation: GateEvaluation
        if let frozen = pilot.decision?.evidence {
            evaluation = frozen
        } else {
            evaluation = try await PilotStore(request.tenantDB).evaluate(pilot, in: engagement, at: request.now)
        }
        let zone = try await request.practiceZone(of: engagement)
        let model = PilotPageModel(
            chrome: PageChrome(caller: caller, csrf: try request.webSession.csrfToken), pilot: pilot, evaluation: evaluation,
            caller: caller, timeZone: zone)
        return try await request.view.render("pilot", model).encodeResponse(for: request)
    }

    struct AnswerForm: Content {
        var csrf: String?
        var met: String?
        var note: String?
    }

    func answer(_ request: Request) async throws -> Response {
        let form = try request.content.decode(AnswerForm.self)
        let (caller, pilot, _) = try await PilotController.pilot(request)
        _ = try await PilotStore(request.tenantDB).answer(
            pilot.id, criterion: request.parameters.get("criterion") ?? "", met: form.met == "yes",
            note: form.note ?? "", by: caller, now: request.now)
        return request.redirect(to: "/pilots/\(pilot.id)#gate", redirectType: .normal)
    }

    struct DecisionForm: Content {
        var csrf: String?
        var verdict: String?
        var note: String?
    }

    func decide(_ request: Request) async throws -> Response {
        let form = try request.content.decode(DecisionForm.self)
        let (caller, pilot, engagement) = try await PilotController.pilot(request)
        guard let verdict = GateDecision.Verdict(rawValue: form.verdict ?? "") else {
            throw PilotError.field("verdict", "choose go or no-go")
        }
        let store = PilotStore(request.tenantDB)
        let now = request.now
        _ = try await store.decide(
            pilot.id, verdict: verdict, note: form.note ?? "", evidence: try await store.evaluate(pilot, in: engagement, at: now),
            by: caller, now: now)
        return request.redirect(to: "/pilots/\(pilot.id)", redirectType: .normal)
    }
}

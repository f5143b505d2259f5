import Domain
import Foundation
import Persistence
import Vapor

/// `/engagements/{id}/transition`: the transition plan page and its forms (the same changes as the
/// API, for a signed-in browser).
struct TransitionPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let plan = routes.grouped("engagements", ":engagement", "transition")
        plan.get(use: page)
        plan.post(use: start)
        plan.post("steps", ":step", use: step)
        plan.post("steps", ":step", "checklist", ":checkItem", use: check)
        plan.post("workflow", use: addTask)
        plan.post("workflow", ":workflowTask", "remove", use: removeTask)
        plan.post("rollouts", use: addRollout)
        plan.post("notices", use: addNotice)
        plan.post("notices", ":notice", "publish", use: publish)
        plan.post("notices", ":notice", "responses", use: respond)
        plan.post("notices", ":notice", "responses", ":response", "answer", use: answer)
    }

    /// The fields of every form of the page; each form sends some.
    struct Form: Content {
        var csrf: String?
        var start, owner, dueOn, status, evidence, done: String?
        var task, taskOwner, handoff, commonDelay, report, function: String?
        var changes, freesFor, publish, kind, text, answer: String?

        var kept: [String: String] {
            [
                "start": start, "owner": owner, "task": task, "taskOwner": taskOwner, "handoff": handoff, "commonDelay": commonDelay,
                "report": report,
                "function": function, "noticeTask": task, "changes": changes, "freesFor": freesFor,
            ].compactMapValues { $0 }
        }
    }

    func page(_ request: Request) async throws -> Response {
        let (caller, engagement) = try await request.engagement()
        return try await render(request, caller: caller, engagement: engagement, form: [:])
    }

    private func render(
        _ request: Request, caller: Caller, engagement: Engagement, form: [String: String], errors: [String: String] = [:],
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let (zone, today) = try await request.practiceToday(of: engagement)
        var kept = form
        if kept["start"] == nil { kept["start"] = today.description }
        if kept["owner"] == nil { kept["owner"] = caller.user.email.value }
        let people = try await GovernancePagesController.people(engagement, request)
        let model = TransitionPageModel(
            chrome: PageChrome(caller: caller, csrf: try request.webSession.csrfToken), engagementID: engagement.id,
            plan: try await TransitionStore(request.tenantDB).plan(of: engagement.id, for: caller), people: people,
            canKeep: Policy.allows(caller.user.role, .keepGovernance), canRespond: Policy.allows(caller.user.role, .write),
            today: today, zone: zone, form: kept, errors: errors)
        return try await request.view.render("transition", model).encodeResponse(status: status, for: request)
    }

    /// Runs a form's change and goes back to `anchor` on the page; a refusal naming a field comes
    /// back on the page with what was typed.
    private func attempt(
        _ request: Request, anchor: String, _ change: (Form, Caller, Engagement) async throws -> Void
    ) async throws -> Response {
        let form = try request.content.decode(Form.self)
        let (caller, engagement) = try await request.engagement()
        do {
            try await change(form, caller, engagement)
            return request.redirect(to: "/engagements/\(engagement.id)/transition\(anchor)", redirectType: .normal)
        } catch let error as GovernanceError {
            guard let field = error.field else { throw error }
            return try await render(
                request, caller: caller, engagement: engagement, form: form.kept, errors: [field: error.description],
                status: .unprocessableEntity)
        }
    }

    func start(_ request: Request) async throws -> Response {
        try await attempt(request, anchor: "") { form, caller, engagement in
            _ = try await TransitionStore(request.tenantDB).start(
                in: engagement, from: try GovernanceController.day(form.start, "start"), owner: form.owner ?? "",
                by: caller, now: request.now)
        }
    }

    func step(_ request: Request) async throws -> Response {
        let step: TransitionStep.ID = try TransitionController.id(request, "step", kind: "step")
        return try await attempt(request, anchor: "#step-\(step)") { form, caller, engagement in
            let change = try TransitionController.stepChange(
                owner: form.owner, dueOn: form.dueOn, status: form.status, evidence: form.evidence)
            _ = try await TransitionStore(request.tenantDB).update(step, in: engagement, change, by: caller, now: request.now)
        }
    }

    func check(_ request: Request) async throws -> Response {
        let step: TransitionStep.ID = try TransitionController.id(request, "step", kind: "step")
        return try await attempt(request, anchor: "#step-\(step)") { form, caller, engagement in
            _ = try await TransitionStore(request.tenantDB).check(
                step, item: try TransitionController.number(request, "checkItem", field: "item"),
                done: form.done != "0", in: engagement, by: caller, now: request.now)
        }
    }

    func addTask(_ request: Request) async throws -> Response {
        try await attempt(request, anchor: "#workflow") { form, caller, engagement in
            let task = WorkflowTask(
                task: form.task ?? "", owner: form.taskOwner ?? "", handoff: form.handoff ?? "", commonDelay: form.commonDelay ?? "",
                report: form.report ?? "")
            _ = try await TransitionStore(request.tenantDB).addWorkflowTask(task, in: engagement, by: caller, now: request.now)
        }
    }

    func removeTask(_ request: Request) async throws -> Response {
        try await attempt(request, anchor: "#workflow") { _, caller, engagement in
            _ = try await TransitionStore(request.tenantDB).removeWorkflowTask(
                try TransitionController.number(request, "workflowTask", field: "task"),
                in: engagement, by: caller, now: request.now)
        }
    }

    func addRollout(_ request: Request) async throws -> Response {
        try await attempt(request, anchor: "") { form, caller, engagement in
            _ = try await TransitionStore(request.tenantDB).addRollout(
                of: form.function ?? "", from: try GovernanceController.day(form.start, "start"),
                owner: form.owner ?? "", in: engagement, by: caller, now: request.now)
        }
    }

    func addNotice(_ request: Request) async throws -> Response {
        try await attempt(request, anchor: "#notices") { form, caller, engagement in
            _ = try await TransitionStore(request.tenantDB).addNotice(
                task: form.task ?? "", changes: form.changes ?? "", freesFor: form.freesFor ?? "",
                publish: form.publish != nil, in: engagement, by: caller, now: request.now)
        }
    }

    func publish(_ request: Request) async throws -> Response {
        try await attempt(request, anchor: "#notices") { _, caller, engagement in
            _ = try await TransitionStore(request.tenantDB).publish(
                try TransitionController.id(request, "notice", kind: "notice"), in: engagement, by: caller, now: request.now)
        }
    }

    func respond(_ request: Request) async throws -> Response {
        try await attempt(request, anchor: "#notices") { form, caller, engagement in
            _ = try await TransitionStore(request.tenantDB).respond(
                to: try TransitionController.id(request, "notice", kind: "notice"),
                kind: try TransitionController.kind(form.kind), text: form.text ?? "", in: engagement,
                by: caller, now: request.now)
        }
    }

    func answer(_ request: Request) async throws -> Response {
        try await attempt(request, anchor: "#notices") { form, caller, engagement in
            _ = try await TransitionStore(request.tenantDB).answer(
                try TransitionController.id(request, "response", kind: "question"),
                on: try TransitionController.id(request, "notice", kind: "notice"), text: form.answer ?? "",
                in: engagement, by: caller, now: request.now)
        }
    }
}

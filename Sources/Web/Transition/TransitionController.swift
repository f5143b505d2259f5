import Domain
import Foundation
import Persistence
import Vapor

/// `/api/v1/engagements/{engagement}/transition…`: the transition plan — its steps and checklists,
/// the map of the current workflow, rollouts of other functions, and staff notices with their
/// questions and answers.
struct TransitionController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let plan = routes.grouped("engagements", ":engagement", "transition")
        plan.get(use: show)
        plan.post(use: start)
        plan.post("steps", ":step", use: step)
        plan.post("steps", ":step", "checklist", ":checkItem", use: check)
        plan.post("workflow", use: addTask)
        plan.delete("workflow", ":workflowTask", use: removeTask)
        plan.post("rollouts", use: addRollout)
        plan.post("notices", use: addNotice)
        plan.post("notices", ":notice", "publish", use: publish)
        plan.post("notices", ":notice", "responses", use: respond)
        plan.post("notices", ":notice", "responses", ":response", "answer", use: answer)
    }

    struct StartBody: Content {
        var start: String
        var owner: String
    }

    struct StepBody: Content {
        var owner, dueOn, status, evidence: String?
    }

    struct CheckBody: Content {
        var done: Bool
    }

    struct TaskBody: Content {
        var task, owner: String
        var handoff, commonDelay, report: String?
    }

    struct RolloutBody: Content {
        var function, start, owner: String
    }

    struct NoticeBody: Content {
        var task, changes, freesFor: String
        var publish: Bool?
    }

    struct ResponseBody: Content {
        var kind: String?
        var text: String
    }

    struct AnswerBody: Content {
        var answer: String
    }

    /// The step's change from what was sent: a status, day or owner that does not read as one is refused by field.
    static func stepChange(owner: String?, dueOn: String?, status: String?, evidence: String?) throws -> TransitionStore.StepChange {
        let owner = owner.flatMap { $0.isEmpty ? nil : $0 }
        let dueOn = try dueOn.flatMap { $0.isEmpty ? nil : $0 }.map { try GovernanceController.day($0, "dueOn") }
        let status = try status.flatMap { $0.isEmpty ? nil : $0 }.map { text in
            guard let status = TransitionStep.Status(rawValue: text) else {
                throw GovernanceError.field("status", "one of \(TransitionStep.Status.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return status
        }
        return TransitionStore.StepChange(owner: owner, dueOn: dueOn, status: status, evidence: evidence)
    }

    static func id<T>(_ request: Request, _ name: String, kind: String) throws -> EntityID<T> {
        let text = request.parameters.get(name) ?? ""
        guard let id = EntityID<T>(string: text) else { throw StoreError.notFound(kind: kind, id: text) }
        return id
    }

    static func number(_ request: Request, _ name: String, field: String) throws -> Int {
        let text = request.parameters.get(name) ?? ""
        guard let number = Int(text), (1...APIError.largestPage).contains(number) else {
            throw GovernanceError.field(field, "'\(text.prefix(40))' is not a number (1, 2, …)")
        }
        return number
    }

    func show(_ request: Request) async throws -> Response {
        let (caller, engagement) = try await request.engagement()
        guard let plan = try await TransitionStore(request.tenantDB).plan(of: engagement.id, for: caller) else {
            throw StoreError.notFound(kind: "transition plan", id: engagement.id.description)
        }
        return try JSONBody.response(plan)
    }

    func start(_ request: Request) async throws -> Response {
        let (caller, engagement) = try await request.engagement()
        let body = try JSONBody.decode(StartBody.self, from: request)
        let plan = try await TransitionStore(request.tenantDB).start(
            in: engagement, from: try GovernanceController.day(body.start, "start"), owner: body.owner,
            by: caller, now: request.now)
        return try JSONBody.response(plan, status: .created)
    }

    func step(_ request: Request) async throws -> Response {
        let (caller, engagement) = try await request.engagement()
        let body = try JSONBody.decode(StepBody.self, from: request)
        let change = try Self.stepChange(owner: body.owner, dueOn: body.dueOn, status: body.status, evidence: body.evidence)
        return try JSONBody.response(
            try await TransitionStore(request.tenantDB).update(
                try Self.id(request, "step", kind: "step"), in: engagement, change,
                by: caller, now: request.now))
    }

    func check(_ request: Request) async throws -> Response {
        let (caller, engagement) = try await request.engagement()
        let body = try JSONBody.decode(CheckBody.self, from: request)
        return try JSONBody.response(
            try await TransitionStore(request.tenantDB).check(
                try Self.id(request, "step", kind: "step"), item: try Self.number(request, "checkItem", field: "item"), done: body.done,
                in: engagement, by: caller, now: request.now))
    }

    func addTask(_ request: Request) async throws -> Response {
        let (caller, engagement) = try await request.engagement()
        let body = try JSONBody.decode(TaskBody.self, from: request)
        let task = WorkflowTask(
            task: body.task, owner: body.owner, handoff: body.handoff ?? "", commonDelay: body.commonDelay ?? "", report: body.report ?? "")
        return try JSONBody.response(
            try await TransitionStore(request.tenantDB).addWorkflowTask(task, in: engagement, by: caller, now: request.now),
            status: .created)
    }

    func removeTask(_ request: Request) async throws -> Response {
        let (caller, engagement) = try await request.engagement()
        return try JSONBody.response(
            try await TransitionStore(request.tenantDB).removeWorkflowTask(
                try Self.number(request, "workflowTask", field: "task"), in: engagement, by: caller, now: request.now))
    }

    func addRollout(_ request: Request) async throws -> Response {
        let (caller, engagement) = try await request.engagement()
        let body = try JSONBody.decode(RolloutBody.self, from: request)
        return try JSONBody.response(
            try await TransitionStore(request.tenantDB).addRollout(
                of: body.function, from: try GovernanceController.day(body.start, "start"), owner: body.owner, in: engagement, by: caller,
                now: request.now), status: .created)
    }

    func addNotice(_ request: Request) async throws -> Response {
        let (caller, engagement) = try await request.engagement()
        let body = try JSONBody.decode(NoticeBody.self, from: request)
        return try JSONBody.response(
            try await TransitionStore(request.tenantDB).addNotice(
                task: body.task, changes: body.changes, freesFor: body.freesFor, publish: body.publish ?? false, in: engagement, by: caller,
                now: request.now), status: .created)
    }

    func publish(_ request: Request) async throws -> Response {
        let (caller, engagement) = try await request.engagement()
        return try JSONBody.response(
            try await TransitionStore(request.tenantDB).publish(
                try Self.id(request, "notice", kind: "notice"), in: engagement,
                by: caller, now: request.now))
    }

    static func kind(_ text: String?) throws -> StaffResponse.Kind {
        guard let kind = StaffResponse.Kind(rawValue: text ?? "question") else {
            throw GovernanceError.field("kind", "question or feedback")
        }
        return kind
    }

    func respond(_ request: Request) async throws -> Response {
        let (caller, engagement) = try await request.engagement()
        let body = try JSONBody.decode(ResponseBody.self, from: request)
        return try JSONBody.response(
            try await TransitionStore(request.tenantDB).respond(
                to: try Self.id(request, "notice", kind: "notice"), kind: try Self.kind(body.kind), text: body.text, in: engagement,
                by: caller, now: request.now),
            status: .created)
    }

    func answer(_ request: Request) async throws -> Response {
        let (caller, engagement) = try await request.engagement()
        let body = try JSONBody.decode(AnswerBody.self, from: request)
        return try JSONBody.response(
            try await TransitionStore(request.tenantDB).answer(
                try Self.id(request, "response", kind: "question"), on: try Self.id(request, "notice", kind: "notice"), text: body.answer,
                in: engagement,
                by: caller, now: request.now))
    }
}

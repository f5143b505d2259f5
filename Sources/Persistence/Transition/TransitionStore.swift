import Domain
import FluentKit
import Foundation
import SQLKit

/// Table `transition_plans`: an engagement's plan kept whole.
final class TransitionPlanModel: Model, @unchecked Sendable {
    static let schema = "transition_plans"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "engagement_id") var engagementID: UUID
    @Field(key: "document") var document: String
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    func domain() throws(StoreError) -> TransitionPlan {
        try StoredDocument.decode(TransitionPlan.self, from: document, table: Self.schema)
    }
}

/// An engagement's transition plan: started from the template, kept step by step, with the
/// rollouts of other functions and what staff are told about each task that moves.
public struct TransitionStore: Sendable {
    let database: any Database

    public init(_ database: any Database) { self.database = database }

    /// The plan's keepers are the governance keepers: their check is governance's.
    static func require(_ caller: Caller, to action: String) throws(GovernanceError) {
        try GovernanceStore.require(caller, to: action)
    }

    /// The plan, if one was started. Notices not yet published are shown to the plan's keepers only.
    public func plan(of engagement: Engagement.ID, for caller: Caller) async throws -> TransitionPlan? {
        guard var plan = try await TransitionPlanModel.query(on: database).filter(\.$engagementID == engagement.rawValue).first()?.domain()
        else { return nil }
        if !Policy.allows(caller.user.role, .keepGovernance) { plan.notices.removeAll { $0.publishedAt == nil } }
        return plan
    }

    /// Starts the plan from the template, its steps due from `start` and owned by `owner` until reassigned.
    public func start(
        in engagement: Engagement, from start: CalendarDate, owner: String, by caller: Caller, now: Date
    ) async throws -> TransitionPlan {
        try Self.require(caller, to: "start the transition plan")
        let ownerEmail = try await GovernanceStore(database).party(owner, of: engagement, field: "owner")
        return try await database.atomically { transaction in
            if try await TransitionPlanModel.query(on: transaction).filter(\.$engagementID == engagement.id.rawValue).first() != nil {
                throw GovernanceError.conflict("the engagement has a transition plan already")
            }
            let plan = TransitionTemplate.plan(for: engagement.id, start: start, owner: ownerEmail, now: now)
            let row = TransitionPlanModel()
            row.id = UUID()
            row.practiceID = engagement.practiceID.rawValue
            row.engagementID = engagement.id.rawValue
            row.document = try StoredDocument.encode(plan)
            row.updatedAt = now
            try await row.create(on: transaction)
            try await AuditTrail(transaction).record(
                AuditEntry(
                    "transition.start", practice: engagement.practiceID.rawValue, object: "transition:\(engagement.id)",
                    detail: "\(plan.steps.count) steps from \(start), owner \(ownerEmail)"), at: now)
            return plan
        }
    }

    /// What a step's form may change; nil leaves a field as it is.
    public struct StepChange: Sendable {
        public var owner: String?
        public var dueOn: CalendarDate?
        public var status: TransitionStep.Status?
        public var evidence: String?

        public init(owner: String? = nil, dueOn: CalendarDate? = nil, status: TransitionStep.Status? = nil, evidence: String? = nil) {
            self.owner = owner
            self.dueOn = dueOn
            self.status = status
            self.evidence = evidence
        }
    }

    public func update(
        _ step: TransitionStep.ID, in engagement: Engagement, _ change: StepChange, by caller: Caller, now: Date
    ) async throws -> TransitionPlan {
        try Self.require(caller, to: "keep the transition plan")
        let owner = try await change.owner.asyncMap { try await GovernanceStore(database).party($0, of: engagement, field: "owner") }
        let evidence = try change.evidence.map { try TransitionText.checked($0, field: "evidence", limit: 2_000, required: false) }
        return try await modify(engagement, now: now, action: "transition.step", detail: "step \(step)") { plan in
            guard let (rollout, index) = plan.locate(step) else { throw StoreError.notFound(kind: "step", id: step.description) }
            try Self.edit(&plan, rollout: rollout, index: index) { step in
                if let owner { step.ownerEmail = owner }
                if let dueOn = change.dueOn { step.dueOn = dueOn }
                if let status = change.status { step.status = status }
                if let evidence { step.evidence = evidence }
                // A step done says what shows it done, and keeps saying it.
                if step.status == .done, step.evidence.isEmpty {
                    throw GovernanceError.field("evidence", "say what shows the step done before marking it done")
                }
            }
        }
    }

    /// Ticks (or unticks) item `item` (from 1) of a step's checklist.
    public func check(
        _ step: TransitionStep.ID, item: Int, done: Bool, in engagement: Engagement, by caller: Caller, now: Date
    ) async throws -> TransitionPlan {
        try Self.require(caller, to: "keep the transition plan")
        return try await modify(
            engagement, now: now, action: "transition.step", detail: "step \(step) item \(item) \(done ? "done" : "not done")"
        ) { plan in
            guard let (rollout, index) = plan.locate(step) else { throw StoreError.notFound(kind: "step", id: step.description) }
            try Self.edit(&plan, rollout: rollout, index: index) { step in
                guard (1...max(1, step.checklist.count)).contains(item), item <= step.checklist.count else {
                    throw GovernanceError.field("item", "the step's checklist has \(step.checklist.count) items")
                }
                step.checklist[item - 1].done = done
                step.checklist[item - 1].doneBy = done ? caller.user.email.value : nil
                step.checklist[item - 1].doneAt = done ? now : nil
                if done, step.status == .notStarted { step.status = .inProgress }
            }
        }
    }

    /// Adds a task to the map of the current workflow.
    public func addWorkflowTask(
        _ task: WorkflowTask, in engagement: Engagement, by caller: Caller, now: Date
    ) async throws -> TransitionPlan {
        try Self.require(caller, to: "map the workflow")
        let checked = WorkflowTask(
            task: try TransitionText.checked(task.task, field: "task", limit: 200),
            owner: try TransitionText.checked(task.owner, field: "taskOwner", limit: 200),
            handoff: try TransitionText.checked(task.handoff, field: "handoff", limit: 500, required: false),
            commonDelay: try TransitionText.checked(task.commonDelay, field: "commonDelay", limit: 500, required: false),
            report: try TransitionText.checked(task.report, field: "report", limit: 200, required: false))
        return try await modify(engagement, now: now, action: "transition.workflow", detail: "task added: \(checked.task.prefix(100))") {
            plan in
            guard plan.workflow.count < 200 else { throw GovernanceError.field("task", "the map holds at most 200 tasks") }
            plan.workflow.append(checked)
        }
    }

    /// Takes task `number` (from 1) off the map.
    public func removeWorkflowTask(_ number: Int, in engagement: Engagement, by caller: Caller, now: Date) async throws -> TransitionPlan {
        try Self.require(caller, to: "map the workflow")
        return try await modify(engagement, now: now, action: "transition.workflow", detail: "task \(number) removed") { plan in
            guard (1...max(1, plan.workflow.count)).contains(number), number <= plan.workflow.count else {
                throw GovernanceError.field("task", "the map has \(plan.workflow.count) tasks")
            }
            plan.workflow.remove(at: number - 1)
        }
    }

    /// Starts the four-step rollout of another back-office function.
    public func addRollout(
        of function: String, from start: CalendarDate, owner: String, in engagement: Engagement, by caller: Caller, now: Date
    ) async throws
        -> TransitionPlan
    {
        try Self.require(caller, to: "plan rollouts")
        let name = try TransitionText.checked(function, field: "function", limit: 200)
        let ownerEmail = try await GovernanceStore(database).party(owner, of: engagement, field: "owner")
        return try await modify(engagement, now: now, action: "transition.rollout", detail: "rollout of \(name.prefix(100)) from \(start)")
        { plan in
            guard !plan.rollouts.contains(where: { $0.function.lowercased() == name.lowercased() }) else {
                throw GovernanceError.field("function", "'\(name)' has a rollout already")
            }
            plan.rollouts.append(TransitionTemplate.rollout(of: name, start: start, owner: ownerEmail))
        }
    }

    /// Runs `body` on the engagement's plan in one transaction, the plan's row taken for writing
    /// first so that two changes at once are applied one after the other.
    func modify(
        _ engagement: Engagement, now: Date, action: String, detail: String,
        _ body: @escaping @Sendable (inout TransitionPlan) throws -> Void
    ) async throws -> TransitionPlan {
        try await database.atomically { transaction in
            try await transaction.sql.update(TransitionPlanModel.schema).set(SQLColumn("updated_at"), to: SQLColumn("updated_at"))
                .where("engagement_id", .equal, SQLBind(engagement.id.rawValue)).run()
            guard let row = try await TransitionPlanModel.query(on: transaction).filter(\.$engagementID == engagement.id.rawValue).first()
            else {
                throw StoreError.notFound(kind: "transition plan", id: engagement.id.description)
            }
            var plan = try row.domain()
            try body(&plan)
            row.document = try StoredDocument.encode(plan)
            row.updatedAt = now
            try await row.update(on: transaction)
            try await AuditTrail(transaction).record(
                AuditEntry(
                    action, practice: engagement.practiceID.rawValue, object: "transition:\(engagement.id)",
                    detail: String(detail.prefix(300))), at: now)
            return plan
        }
    }

    static func edit(_ plan: inout TransitionPlan, rollout: Int?, index: Int, _ change: (inout TransitionStep) throws -> Void) throws {
        if let rollout { try change(&plan.rollouts[rollout].steps[index]) } else { try change(&plan.steps[index]) }
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}

import Domain
import FluentKit
import Foundation

/// Table `pilots`: one rollout phase and its gate; scope, criteria, checklist and decision kept whole as JSON.
final class PilotModel: Model, @unchecked Sendable {
    static let schema = "pilots"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "engagement_id") var engagementID: UUID
    @Field(key: "phase") var phase: Int
    @Field(key: "name") var name: String
    @Field(key: "scope") var scope: String
    @Field(key: "baseline_from") var baselineFrom: String
    @Field(key: "baseline_to") var baselineTo: String
    @Field(key: "from_day") var fromDay: String
    @Field(key: "to_day") var toDay: String
    @Field(key: "criteria") var criteria: String
    @Field(key: "checklist") var checklist: String
    @Field(key: "status") var status: String
    @OptionalField(key: "decision") var decision: String?
    @Field(key: "created_by") var createdBy: UUID
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(_ pilot: Pilot, practiceID: UUID, createdBy: UUID) throws {
        id = pilot.id.rawValue
        self.practiceID = practiceID
        engagementID = pilot.engagementID.rawValue
        phase = pilot.phase
        name = pilot.name
        scope = try StoredDocument.encode(pilot.scope)
        baselineFrom = pilot.baselineFrom.description
        baselineTo = pilot.baselineTo.description
        fromDay = pilot.from.description
        toDay = pilot.to.description
        criteria = try StoredDocument.encode(pilot.criteria)
        checklist = try StoredDocument.encode(pilot.checklist)
        status = pilot.status.rawValue
        decision = try pilot.decision.map { try StoredDocument.encode($0) }
        self.createdBy = createdBy
        createdAt = pilot.createdAt
    }

    func domain() throws(StoreError) -> Pilot {
        guard let id, let baselineFrom = CalendarDate(baselineFrom), let baselineTo = CalendarDate(baselineTo),
            let from = CalendarDate(fromDay),
            let to = CalendarDate(toDay), let state = Pilot.Status(rawValue: status)
        else { throw .corruptRow(table: Self.schema, detail: "days or status") }
        return Pilot(
            id: .init(id), engagementID: .init(engagementID), phase: phase, name: name,
            scope: try StoredDocument.decode(PilotScope.self, from: scope, table: Self.schema), baselineFrom: baselineFrom,
            baselineTo: baselineTo,
            from: from, to: to, criteria: try StoredDocument.decode([GateCriterion].self, from: criteria, table: Self.schema),
            checklist: try StoredDocument.decode([String: ChecklistAnswer].self, from: checklist, table: Self.schema), status: state,
            decision: try decision.map { text throws(StoreError) in
                try StoredDocument.decode(GateDecision.self, from: text, table: Self.schema)
            },
            createdAt: createdAt)
    }
}

/// A practice's controlled rollout with its vendor: phases set up by the practice, each judged at
/// its gate on the scope's own figures and service levels, and decided by the practice with the
/// evidence frozen — later imports change the live evaluation, never a recorded decision.
public struct PilotStore: Sendable {
    let database: any Database

    public init(_ database: any Database) { self.database = database }

    /// The engagement's phases, in order.
    public func list(in engagement: Engagement.ID) async throws -> [Pilot] {
        try await PilotModel.query(on: database).filter(\.$engagementID == engagement.rawValue).sort(\.$phase).all().map { try $0.domain() }
    }

    /// One phase the caller may see, with its engagement; another organisation's answers as missing.
    public func find(_ id: Pilot.ID, visibleTo caller: Caller) async throws -> (Pilot, Engagement) {
        guard let row = try await PilotModel.find(id.rawValue, on: database) else {
            throw StoreError.notFound(kind: "pilot", id: id.description)
        }
        let engagement = try await EngagementStore(database).owning(row.engagementID, of: "pilot", id: id.description, visibleTo: caller)
        return (try row.domain(), engagement)
    }

    /// Sets up the next phase of the engagement's rollout (phase numbers follow on).
    public func create(_ draft: Pilot, in engagement: Engagement, by caller: Caller, now: Date) async throws -> Pilot {
        try Self.require(caller, .decidePilotGate, to: "set up a pilot or phase")
        return try await database.atomically { transaction in
            let last = try await PilotModel.query(on: transaction).filter(\.$engagementID == engagement.id.rawValue).sort(
                \.$phase, .descending
            ).first()
            var pilot = draft
            pilot.id = Pilot.ID()
            pilot.engagementID = engagement.id
            pilot.phase = (last?.phase ?? 0) + 1
            pilot.name = draft.name.trimmingCharacters(in: .whitespacesAndNewlines)
            pilot.checklist = [:]
            pilot.status = .open
            pilot.decision = nil
            pilot.createdAt = now
            try pilot.validate()
            try await PilotModel(pilot, practiceID: engagement.practiceID.rawValue, createdBy: caller.user.id.rawValue).create(
                on: transaction)
            try await AuditTrail(transaction).record(
                AuditEntry(
                    "pilot.create", practice: engagement.practiceID.rawValue, object: "pilot:\(pilot.id)",
                    detail:
                        "phase \(pilot.phase) \(pilot.name.prefix(80)): \(pilot.scope.summary.prefix(200)), \(pilot.criteria.count) criteria"
                ), at: now)
            return pilot
        }
    }

    /// Records a person's answer to a checklist criterion of an open phase.
    public func answer(_ id: Pilot.ID, criterion key: String, met: Bool, note: String, by caller: Caller, now: Date) async throws -> Pilot {
        try Self.require(caller, .answerPilotChecklist, to: "answer a gate's checklist")
        let (_, engagement) = try await find(id, visibleTo: caller)
        return try await database.atomically { transaction in
            guard let row = try await PilotModel.find(id.rawValue, on: transaction) else {
                throw StoreError.notFound(kind: "pilot", id: id.description)
            }
            var pilot = try row.domain()
            guard pilot.status == .open else { throw PilotError.decided }
            guard pilot.criteria.contains(where: { $0.key == key && $0.kind == .checklist }) else { throw PilotError.unknownCriterion(key) }
            let text = note.trimmingCharacters(in: .whitespacesAndNewlines)
            guard text.count <= 1_000 else { throw PilotError.field("note", "at most 1,000 characters") }
            pilot.checklist[key] = ChecklistAnswer(met: met, note: text, by: caller.user.email.value, at: now)
            row.checklist = try StoredDocument.encode(pilot.checklist)
            try await row.update(on: transaction)
            try await AuditTrail(transaction).record(
                AuditEntry(
                    "pilot.checklist", practice: engagement.practiceID.rawValue, object: "pilot:\(id)",
                    detail: "\(key): \(met ? "met" : "not met")"), at: now)
            return pilot
        }
    }

    /// Records the practice's go or no-go with `evidence` (the evaluation made for it) frozen.
    public func decide(
        _ id: Pilot.ID, verdict: GateDecision.Verdict, note: String, evidence: GateEvaluation, by caller: Caller, now: Date
    ) async throws -> Pilot {
        try Self.require(caller, .decidePilotGate, to: "record a gate's go or no-go")
        let (_, engagement) = try await find(id, visibleTo: caller)
        let text = note.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text.count <= 2_000 else { throw PilotError.field("note", "say why, in at most 2,000 characters") }
        return try await database.atomically { transaction in
            guard let row = try await PilotModel.find(id.rawValue, on: transaction) else {
                throw StoreError.notFound(kind: "pilot", id: id.description)
            }
            var pilot = try row.domain()
            guard pilot.status == .open else { throw PilotError.decided }
            pilot.status = .decided
            pilot.decision = GateDecision(verdict: verdict, note: text, by: caller.user.email.value, at: now, evidence: evidence)
            row.status = pilot.status.rawValue
            row.decision = try pilot.decision.map { try StoredDocument.encode($0) }
            try await row.update(on: transaction)
            try await AuditTrail(transaction).record(
                AuditEntry(
                    "pilot.decision", practice: engagement.practiceID.rawValue, object: "pilot:\(id)", severity: .high,
                    detail: "phase \(pilot.phase): \(verdict.rawValue) with the gate \(evidence.passed ? "passed" : "not passed") "
                        + "(\(evidence.results.filter { $0.outcome == .pass }.count) of \(evidence.results.count) criteria)"), at: now)
            return pilot
        }
    }

    static func require(_ caller: Caller, _ permission: Permission, to action: String) throws(PilotError) {
        guard Policy.allows(caller, permission) else { throw .notAllowed(caller.user.role, action) }
    }
}

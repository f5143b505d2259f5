import Foundation

/// How an engagement's work moves to the vendor: the billing transition's steps, the rollouts of
/// other back-office functions, the map of the workflow as it runs today, and what staff are told
/// about each task that moves (with their questions and feedback).
public struct TransitionPlan: Sendable, Equatable, Codable {
    public var engagementID: Engagement.ID
    public var steps: [TransitionStep]
    public var workflow: [WorkflowTask]
    public var rollouts: [Rollout]
    public var notices: [StaffNotice]
    public var createdAt: Date

    public init(
        engagementID: Engagement.ID, steps: [TransitionStep], workflow: [WorkflowTask] = [], rollouts: [Rollout] = [],
        notices: [StaffNotice] = [], createdAt: Date
    ) {
        self.engagementID = engagementID
        self.steps = steps
        self.workflow = workflow
        self.rollouts = rollouts
        self.notices = notices
        self.createdAt = createdAt
    }

    /// Where a step is: in the billing transition (`rollout` nil) or in one rollout.
    public func locate(_ step: TransitionStep.ID) -> (rollout: Int?, index: Int)? {
        if let index = steps.firstIndex(where: { $0.id == step }) { return (nil, index) }
        for (number, rollout) in rollouts.enumerated() {
            if let index = rollout.steps.firstIndex(where: { $0.id == step }) { return (number, index) }
        }
        return nil
    }

    /// Every step, the billing transition's first.
    public var allSteps: [TransitionStep] { steps + rollouts.flatMap(\.steps) }
}

/// One step of a plan, with its owner, due day, status, evidence and checklist.
public struct TransitionStep: Sendable, Equatable, Codable, Identifiable {
    public typealias ID = EntityID<TransitionStep>

    public enum Status: String, Sendable, Codable, CaseIterable {
        case notStarted = "not_started"
        case inProgress = "in_progress"
        case blocked
        case done
    }

    public var id: ID
    /// The template's name for the step (`map_workflow`, `pressure_points`, …).
    public var key: String
    public var title: String
    public var purpose: String
    public var ownerEmail: String?
    public var dueOn: CalendarDate?
    public var status: Status
    /// What shows the step done: a note, a document's name, a link.
    public var evidence: String
    public var checklist: [ChecklistItem]

    public init(
        id: ID = ID(), key: String, title: String, purpose: String, ownerEmail: String? = nil, dueOn: CalendarDate? = nil,
        status: Status = .notStarted, evidence: String = "", checklist: [ChecklistItem]
    ) {
        self.id = id
        self.key = key
        self.title = title
        self.purpose = purpose
        self.ownerEmail = ownerEmail
        self.dueOn = dueOn
        self.status = status
        self.evidence = evidence
        self.checklist = checklist
    }

    /// Past its due day and not done.
    public func isOverdue(on day: CalendarDate) -> Bool {
        status != .done && (dueOn.map { $0 < day } ?? false)
    }
}

public struct ChecklistItem: Sendable, Equatable, Codable {
    public var text: String
    public var done: Bool
    public var doneBy: String?
    public var doneAt: Date?

    public init(text: String, done: Bool = false, doneBy: String? = nil, doneAt: Date? = nil) {
        self.text = text
        self.done = done
        self.doneBy = doneBy
        self.doneAt = doneAt
    }
}

/// A task of the workflow as it runs before the transition: who does it, where it is handed off,
/// what usually delays it, and which report it relies on.
public struct WorkflowTask: Sendable, Equatable, Codable {
    public var task: String
    public var owner: String
    public var handoff: String
    public var commonDelay: String
    public var report: String

    public init(task: String, owner: String, handoff: String, commonDelay: String, report: String) {
        self.task = task
        self.owner = owner
        self.handoff = handoff
        self.commonDelay = commonDelay
        self.report = report
    }
}

/// Another back-office function handed over in four steps: pressure points, task boundaries, a
/// pilot, evaluate and expand.
public struct Rollout: Sendable, Equatable, Codable {
    public var function: String
    public var steps: [TransitionStep]

    public init(function: String, steps: [TransitionStep]) {
        self.function = function
        self.steps = steps
    }
}

/// What staff are told about a task that moves: what changes and what it frees them for; once
/// published, staff ask questions and give feedback on it, and the plan's keepers answer.
public struct StaffNotice: Sendable, Equatable, Codable, Identifiable {
    public typealias ID = EntityID<StaffNotice>

    public var id: ID
    public var number: Int
    public var task: String
    public var changes: String
    public var freesFor: String
    public var writtenBy: String
    public var publishedAt: Date?
    public var responses: [StaffResponse]

    public init(
        id: ID = ID(), number: Int, task: String, changes: String, freesFor: String, writtenBy: String, publishedAt: Date? = nil,
        responses: [StaffResponse] = []
    ) {
        self.id = id
        self.number = number
        self.task = task
        self.changes = changes
        self.freesFor = freesFor
        self.writtenBy = writtenBy
        self.publishedAt = publishedAt
        self.responses = responses
    }
}

/// A question or a piece of feedback from staff on a notice, and its answer.
public struct StaffResponse: Sendable, Equatable, Codable, Identifiable {
    public typealias ID = EntityID<StaffResponse>

    public enum Kind: String, Sendable, Codable, CaseIterable {
        case question, feedback
    }

    public var id: ID
    public var kind: Kind
    public var text: String
    public var by: String
    public var at: Date
    public var answer: String?
    public var answeredBy: String?
    public var answeredAt: Date?

    public init(id: ID = ID(), kind: Kind, text: String, by: String, at: Date) {
        self.id = id
        self.kind = kind
        self.text = text
        self.by = by
        self.at = at
    }
}

/// Field checks of what people type into a plan.
public enum TransitionText {
    /// The text trimmed, or a field error when empty (if required) or longer than `limit`.
    public static func checked(_ text: String?, field: String, limit: Int, required: Bool = true) throws(GovernanceError) -> String {
        let trimmed = (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if required, trimmed.isEmpty { throw .field(field, "cannot be empty") }
        guard trimmed.count <= limit else { throw .field(field, "at most \(limit) characters") }
        return trimmed
    }
}

import Domain
import Foundation

/// `/engagements/{id}/transition`: the transition plan's steps, the workflow map, the rollouts of
/// other functions, and the notices staff read and ask about.
struct TransitionPageModel: Encodable, Equatable {
    struct Item: Encodable, Equatable {
        let number: Int
        let text: String
        let done: Bool
        let by: String
        let link: String
    }

    struct Step: Encodable, Equatable {
        let id, title, purpose, owner, dueOn, status, statusLabel, evidence, link: String
        let overdue: Bool
        let checklist: [Item]
        let progress: String
    }

    struct Track: Encodable, Equatable {
        let title: String
        let steps: [Step]
    }

    struct Task: Encodable, Equatable {
        let number: Int
        let task, owner, handoff, commonDelay, report, removeLink: String
    }

    struct Response: Encodable, Equatable {
        let id, kind, text, by, at, answerLink: String
        let answer, answeredBy: String?
    }

    struct Notice: Encodable, Equatable {
        let number: Int
        let task, changes, freesFor, writtenBy, published, link: String
        let isPublished: Bool
        let responses: [Response]
    }

    let chrome: PageChrome
    let engagementLink: String
    let action: String
    let started: Bool
    let canKeep: Bool
    let canRespond: Bool
    let tracks: [Track]
    let workflow: [Task]
    let notices: [Notice]
    let statuses: [GovernancePageModel.Option]
    let people: [GovernancePageModel.Option]
    let form: [String: String]
    let errors: [String: String]
    /// The errors as sentences, for the summary at the top (the forms are many, the fields marked in place).
    let errorLines: [String]

    static func label(_ status: TransitionStep.Status) -> String {
        switch status {
        case .notStarted: "not started"
        case .inProgress: "in progress"
        case .blocked: "blocked"
        case .done: "done"
        }
    }

    init(
        chrome: PageChrome, engagementID: Engagement.ID, plan: TransitionPlan?, people: [String], canKeep: Bool, canRespond: Bool,
        today: CalendarDate,
        zone: String, form: [String: String] = [:], errors: [String: String] = [:]
    ) {
        self.chrome = chrome
        engagementLink = "/engagements/\(engagementID)"
        action = "/engagements/\(engagementID)/transition"
        started = plan != nil
        self.canKeep = canKeep
        self.canRespond = canRespond
        let base = "/engagements/\(engagementID)/transition"
        func day(_ date: Date) -> String { CalendarDate.on(date, in: zone)?.description ?? "" }
        func steps(_ steps: [TransitionStep]) -> [Step] {
            steps.map { step in
                let link = "\(base)/steps/\(step.id)"
                return Step(
                    id: step.id.description, title: step.title, purpose: step.purpose, owner: step.ownerEmail ?? "",
                    dueOn: step.dueOn?.description ?? "",
                    status: step.status.rawValue, statusLabel: Self.label(step.status), evidence: step.evidence, link: link,
                    overdue: step.isOverdue(on: today),
                    checklist: step.checklist.enumerated().map { offset, item in
                        Item(
                            number: offset + 1, text: item.text, done: item.done,
                            by: item.doneBy.map { by in "\(by), \(item.doneAt.map(day) ?? "")" } ?? "",
                            link: "\(link)/checklist/\(offset + 1)")
                    },
                    progress: "\(step.checklist.filter(\.done).count) of \(step.checklist.count)")
            }
        }
        tracks =
            plan.map { plan in
                [Track(title: "Billing transition", steps: steps(plan.steps))]
                    + plan.rollouts.map { Track(title: "Rollout: \($0.function)", steps: steps($0.steps)) }
            } ?? []
        workflow = (plan?.workflow ?? []).enumerated().map { offset, task in
            Task(
                number: offset + 1, task: task.task, owner: task.owner, handoff: task.handoff, commonDelay: task.commonDelay,
                report: task.report,
                removeLink: "\(base)/workflow/\(offset + 1)/remove")
        }
        notices = (plan?.notices ?? []).sorted { $0.number > $1.number }.map { notice in
            let link = "\(base)/notices/\(notice.id)"
            return Notice(
                number: notice.number, task: notice.task, changes: notice.changes, freesFor: notice.freesFor, writtenBy: notice.writtenBy,
                published: notice.publishedAt.map(day) ?? "", link: link, isPublished: notice.publishedAt != nil,
                responses: notice.responses.map { response in
                    Response(
                        id: response.id.description, kind: response.kind.rawValue, text: response.text, by: response.by,
                        at: day(response.at),
                        answerLink: "\(link)/responses/\(response.id)/answer", answer: response.answer, answeredBy: response.answeredBy)
                })
        }
        statuses = TransitionStep.Status.allCases.map {
            GovernancePageModel.Option(value: $0.rawValue, label: Self.label($0), selected: false)
        }
        self.people = people.map { GovernancePageModel.Option(value: $0, label: $0, selected: form["owner"] == $0) }
        self.form = form
        self.errors = errors
        errorLines = errors.sorted { $0.key < $1.key }.map(\.value)
    }
}

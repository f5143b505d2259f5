import Domain
import Foundation
import Persistence

/// `/engagements/{id}/pilots`: the rollout's phases, and the form that sets up the next one.
struct PilotListPageModel: Encodable, Equatable {
    struct Row: Encodable, Equatable {
        let phase: Int
        let name, link, scope, days, state: String
    }

    /// The set-up form: what was typed (kept across a refusal), and what to fix by field.
    struct Form: Encodable, Equatable {
        var name = ""
        var payers = ""
        var locations = ""
        var tasks = ""
        var baselineFrom = ""
        var baselineTo = ""
        var from = ""
        var to = ""
        var useDenials = true
        var denialPoints = "0"
        var useDays = true
        var dayMargin = "5"
        var useFirstResponse = true
        var firstResponsePercent = "90"
        var checklist = "Reports are clear\nQuestions reach the right owner\nKnown errors have fixes"
        var errors: [String: String] = [:]
    }

    let chrome: PageChrome
    let engagementLink: String
    let action: String
    let rows: [Row]
    let canCreate: Bool
    let form: Form

    init(chrome: PageChrome, engagementID: Engagement.ID, pilots: [Pilot], canCreate: Bool, form: Form) {
        self.chrome = chrome
        engagementLink = "/engagements/\(engagementID)"
        action = "/engagements/\(engagementID)/pilots"
        rows = pilots.map { pilot in
            Row(
                phase: pilot.phase, name: pilot.name, link: "/pilots/\(pilot.id)", scope: pilot.scope.summary,
                days: "\(pilot.from) to \(pilot.to)",
                state: pilot.decision.map { $0.verdict == .go ? "go, decided \(Self.day($0.at))" : "no-go, decided \(Self.day($0.at))" }
                    ?? "open")
        }
        self.canCreate = canCreate
        self.form = form
    }

    static func day(_ date: Date) -> String { String(ISO8601DateFormatter().string(from: date).prefix(10)) }

    /// The criteria the form asks for, from what was typed; a number that does not read is named by its field.
    static func criteria(from form: Form) throws(PilotError) -> [GateCriterion] {
        func number(_ text: String, _ field: String) throws(PilotError) -> Double {
            guard let value = Double(text.trimmingCharacters(in: .whitespaces)) else { throw .field(field, "'\(text)' is not a number") }
            return value
        }
        var criteria: [GateCriterion] = []
        if form.useDenials {
            let points = try number(form.denialPoints, "denialPoints")
            criteria.append(
                GateCriterion(
                    key: "denial-rate", kind: .figure,
                    label: "Initial denial rate not above the baseline"
                        + (points == 0 ? "" : " + \(GateEvaluation.number(points)) points"),
                    measure: Figure.initialDenialRate.rawValue, comparator: .atMost, relativeToBaseline: true, offset: points / 100))
        }
        if form.useDays {
            let days = try number(form.dayMargin, "dayMargin")
            criteria.append(
                GateCriterion(
                    key: "days-in-ar", kind: .figure, label: "Days in A/R not above the baseline + \(GateEvaluation.number(days))",
                    measure: Figure.daysInAR.rawValue, comparator: .atMost, relativeToBaseline: true, offset: days))
        }
        if form.useFirstResponse {
            let percent = try number(form.firstResponsePercent, "firstResponsePercent")
            guard (0...100).contains(percent) else { throw .field("firstResponsePercent", "a percentage from 0 to 100") }
            criteria.append(
                GateCriterion(
                    key: "first-response", kind: .serviceLevel,
                    label: "First response met at least \(GateEvaluation.number(percent))% of the time",
                    measure: "firstResponse", comparator: .atLeast, threshold: percent / 100))
        }
        let items = form.checklist.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for (index, item) in items.enumerated() {
            criteria.append(GateCriterion(key: "check-\(index + 1)", kind: .checklist, label: item))
        }
        return criteria
    }

    /// Comma- or line-separated values.
    static func list(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0.isNewline }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

/// `/pilots/{id}`: one phase, its gate judged now (or as decided), the checklist, and the decision.
struct PilotPageModel: Encodable, Equatable {
    struct Result: Encodable, Equatable {
        let key, label, kind, baseline, value, bound, outcome, detail: String
        /// The checklist answer form is offered for it.
        let answerable: Bool
    }

    let chrome: PageChrome
    let engagementLink: String
    let pilotsLink: String
    let action: String
    let title: String
    let scope, baselineDays, pilotDays: String
    let evaluatedAt: String
    let results: [Result]
    let passed: Bool
    let decided: Bool
    let decision: String?
    let decisionNote: String?
    let canAnswer: Bool
    let canDecide: Bool

    init(chrome: PageChrome, pilot: Pilot, evaluation: GateEvaluation, caller: Caller, timeZone: String) {
        self.chrome = chrome
        engagementLink = "/engagements/\(pilot.engagementID)"
        pilotsLink = "/engagements/\(pilot.engagementID)/pilots"
        action = "/pilots/\(pilot.id)"
        title = "Phase \(pilot.phase): \(pilot.name)"
        scope = pilot.scope.summary
        baselineDays = "\(evaluation.baselineFrom) to \(evaluation.baselineTo)"
        pilotDays = "\(evaluation.from) to \(evaluation.to)"
        let formatter = ClockCell.formatter(timeZone: timeZone)
        evaluatedAt = formatter.string(from: evaluation.evaluatedAt)
        decided = pilot.decision != nil
        canAnswer = !decided && Policy.allows(caller.user.role, .answerPilotChecklist)
        canDecide = !decided && Policy.allows(caller.user.role, .decidePilotGate)
        let measures = Dictionary(pilot.criteria.map { ($0.key, $0.measure ?? "") }, uniquingKeysWith: { first, _ in first })
        results = evaluation.results.map { result in
            let measure = measures[result.key] ?? ""
            func shown(_ value: Double?) -> String {
                guard let value else { return "—" }
                return result.kind == .serviceLevel
                    ? KPITarget.format(value, rate: true) : DashboardPageModel.format(value, figure: measure)
            }
            return Result(
                key: result.key, label: result.label, kind: result.kind.rawValue, baseline: shown(result.baseline),
                value: shown(result.value),
                bound: result.bound.map { "\(result.comparator?.symbol ?? "") \(shown($0))" } ?? "—", outcome: result.outcome.words,
                detail: result.kind == .checklist
                    ? result.detail : (result.outcome == .unmeasured || result.outcome == .inProgress ? result.detail : ""),
                answerable: result.kind == .checklist && !(pilot.decision != nil))
        }
        passed = evaluation.passed
        decision = pilot.decision.map { decision in
            "\(decision.verdict == .go ? "Go" : "No-go"), recorded by \(decision.by) on \(formatter.string(from: decision.at)), on the evidence below as it stood then"
        }
        decisionNote = pilot.decision?.note
    }
}

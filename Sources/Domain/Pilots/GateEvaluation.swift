import Foundation

/// A gate's criteria judged on the evidence: the scope's figures in the baseline and in the
/// pilot, the share of each vendor clock met on the scope's tickets, and the checklist answers.
/// A gate passes only when every criterion passes; a criterion that cannot be measured (no
/// claims, no finished clock, an unanswered checklist item) does not pass, and neither does a
/// measured one while the pilot's days are still running: figures and clocks are judged by
/// ``ServiceLevelJudge``, like every other target.
public struct GateEvaluation: Sendable, Equatable, Codable {
    public struct Result: Sendable, Equatable, Codable {
        public enum Outcome: String, Sendable, Codable {
            case pass, fail
            /// Nothing to judge it on yet.
            case unmeasured
            /// The pilot's days have not ended: measured so far, not judged.
            case inProgress = "in_progress"

            /// `pass`, `fail`, `no data`, `in progress`.
            public var words: String {
                switch self {
                case .pass: "pass"
                case .fail: "fail"
                case .unmeasured: "no data"
                case .inProgress: "in progress"
                }
            }
        }

        public var key: String
        public var label: String
        public var kind: GateCriterion.Kind
        public var baseline: Double?
        public var value: Double?
        /// The bound the value was held to (the baseline plus the offset, or the threshold).
        public var bound: Double?
        public var comparator: KPITarget.Comparator?
        public var outcome: Outcome
        /// Why, in words: the numbers, the checklist note, or what is missing.
        public var detail: String
    }

    public var evaluatedAt: Date
    public var baselineFrom: CalendarDate
    public var baselineTo: CalendarDate
    public var from: CalendarDate
    public var to: CalendarDate
    public var scope: String
    public var results: [Result]
    public var passed: Bool

    /// What a gate is judged on.
    public struct Evidence: Sendable, Equatable {
        public var baseline: KPIFigures
        public var pilot: KPIFigures
        /// Share met (0…1) of each clock on the scope's tickets opened in the pilot; nil when none finished.
        public var serviceLevels: [String: Double?]

        public init(baseline: KPIFigures, pilot: KPIFigures, serviceLevels: [String: Double?]) {
            self.baseline = baseline
            self.pilot = pilot
            self.serviceLevels = serviceLevels
        }
    }

    /// - Parameter today: the practice's day at `at`; a pilot whose last day has not passed is in progress.
    public init(_ pilot: Pilot, evidence: Evidence, at: Date, today: CalendarDate) {
        evaluatedAt = at
        baselineFrom = pilot.baselineFrom
        baselineTo = pilot.baselineTo
        from = pilot.from
        to = pilot.to
        scope = pilot.scope.summary
        results = pilot.criteria.map {
            Self.judge($0, evidence: evidence, checklist: pilot.checklist, from: pilot.from, to: pilot.to, today: today)
        }
        passed = !results.isEmpty && results.allSatisfy { $0.outcome == .pass }
    }

    static func judge(
        _ criterion: GateCriterion, evidence: Evidence, checklist: [String: ChecklistAnswer], from: CalendarDate, to: CalendarDate,
        today: CalendarDate
    ) -> Result {
        var result = Result(
            key: criterion.key, label: criterion.label, kind: criterion.kind, baseline: nil, value: nil, bound: nil,
            comparator: criterion.comparator, outcome: .unmeasured, detail: "")
        switch criterion.kind {
        case .checklist:
            guard let answer = checklist[criterion.key] else {
                result.detail = "not answered yet"
                return result
            }
            result.outcome = answer.met ? .pass : .fail
            result.detail = (answer.met ? "confirmed" : "not met") + " by \(answer.by)" + (answer.note.isEmpty ? "" : ": \(answer.note)")
            return result
        case .figure:
            let measure = criterion.measure ?? ""
            result.baseline = evidence.baseline.value(of: measure)
            result.value = evidence.pilot.value(of: measure)
            if result.value == nil {
                result.detail = evidence.pilot.reasons[measure] ?? "no value in the pilot's days"
                return result
            }
        case .serviceLevel:
            result.value = evidence.serviceLevels[criterion.measure ?? ""] ?? nil
            if result.value == nil {
                result.detail = "no clock of the scope's tickets has finished yet"
                return result
            }
        }
        if criterion.relativeToBaseline {
            guard let baseline = result.baseline else {
                result.detail = evidence.baseline.reasons[criterion.measure ?? ""] ?? "no value in the baseline's days"
                return result
            }
            result.bound = baseline + criterion.offset
        } else {
            result.bound = criterion.threshold
        }
        guard let value = result.value, let bound = result.bound, let comparator = criterion.comparator else { return result }
        let verdict = ServiceLevelJudge.verdict(
            figure: criterion.measure ?? "", value: value, reason: nil, comparator: comparator, target: bound,
            from: from, to: to, asOf: today)
        let met = verdict.outcome == .met
        switch verdict.outcome {
        case .met: result.outcome = .pass
        case .missed: result.outcome = .fail
        case .inProgress: result.outcome = .inProgress
        case .notMeasurable: result.outcome = .unmeasured
        }
        // A figure as its pages write it; a clock's share met as a percentage.
        func shown(_ number: Double) -> String {
            if criterion.kind == .serviceLevel { return KPITarget.format(number, rate: true) }
            return FigureCatalogue.info(criterion.measure ?? "").map { $0.format(number) } ?? Self.number(number)
        }
        result.detail =
            "\(shown(value)) \(comparator.symbol) \(shown(bound))"
            + (criterion.relativeToBaseline
                ? " (baseline \(shown(result.baseline ?? 0))\(criterion.offset == 0 ? "" : " \(criterion.offset > 0 ? "+" : "−") \(shown(abs(criterion.offset)))"))"
                : "")
            + (verdict.outcome == .inProgress ? ", so far: the pilot runs to \(to)" : met ? "" : ": not met")
        return result
    }

    /// A value as the detail line shows it: at most four significant digits.
    public static func number(_ value: Double) -> String { String(format: "%.4g", value) }
}

/// The practice's go or no-go on a gate, with the evaluation it was made on, frozen.
public struct GateDecision: Sendable, Equatable, Codable {
    public enum Verdict: String, Sendable, Codable, CaseIterable {
        case go
        case noGo = "no_go"
    }

    public var verdict: Verdict
    public var note: String
    public var by: String
    public var at: Date
    public var evidence: GateEvaluation

    public init(verdict: Verdict, note: String, by: String, at: Date, evidence: GateEvaluation) {
        self.verdict = verdict
        self.note = note
        self.by = by
        self.at = at
        self.evidence = evidence
    }
}

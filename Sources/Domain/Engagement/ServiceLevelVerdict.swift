import Foundation

/// What a target's figure says over one period as of one day: met, missed, still in progress, or
/// no data (and why). Every page, report, agenda, export and API answer takes its verdicts from
/// ``ServiceLevelJudge``, so no two places can judge the same figure differently.
public struct Verdict: Sendable, Equatable, Codable {
    public var outcome: ServiceLevelResult.Outcome
    /// Why there is no data, for `notMeasurable`.
    public var reason: String?

    public init(_ outcome: ServiceLevelResult.Outcome, reason: String? = nil) {
        self.outcome = outcome
        self.reason = outcome == .notMeasurable ? (reason ?? "the figure could not be computed") : nil
    }

    /// Met or missed: a verdict on a period that has ended and has data.
    public var isJudged: Bool { outcome == .met || outcome == .missed }

    /// `met`, `missed`, `in progress`, `no data: no claims adjudicated in the period`.
    public var words: String { outcome.words + (reason.map { ": \($0)" } ?? "") }
}

extension ServiceLevelResult.Outcome {
    /// The outcome in words (`in progress`, `no data`), never its stored value.
    public var words: String {
        switch self {
        case .met: "met"
        case .missed: "missed"
        case .inProgress: "in progress"
        case .notMeasurable: "no data"
        }
    }
}

/// The one judge of a figure against a target.
public enum ServiceLevelJudge {
    /// Figures are compared at a precision far finer than any is shown at, so that a value equal to
    /// its target (95% against ≥ 95%) meets it whatever the floating-point rounding of the division.
    public static let tolerance = 1e-9

    /// Judges `value` of `figure` over the days `from`…`to` against `comparator target`, as of the
    /// day `asOf` (the practice's today): a period whose last day has not passed is in progress,
    /// never met or missed; a period without a value has no data, with `reason`.
    public static func verdict(figure: String, value: Double?, reason: String?, comparator: KPITarget.Comparator, target: Double,
                               from: CalendarDate, to: CalendarDate, asOf: CalendarDate) -> Verdict {
        guard asOf > to else { return Verdict(.inProgress) }
        guard let value, value.isFinite else {
            return Verdict(.notMeasurable, reason: reason ?? "no \(FigureCatalogue.label(figure).lowercased()) could be computed for the period")
        }
        let met = switch comparator {
        case .atLeast: target - value <= tolerance
        case .atMost: value - target <= tolerance
        }
        return Verdict(met ? .met : .missed)
    }
}

extension KPITarget {
    /// This target's verdict on `value` over `period` as of `asOf`, from ``ServiceLevelJudge``.
    public func verdict(value: Double?, reason: String?, period: MeasurementPeriod, asOf: CalendarDate) -> Verdict {
        ServiceLevelJudge.verdict(figure: figure, value: value, reason: reason, comparator: comparator, target: target,
                                  from: period.from, to: period.to, asOf: asOf)
    }

    /// `≥ 95%`: the target as pages write it.
    public var stated: String { "\(comparator.symbol) \(FigureCatalogue.format(target, figure: figure))" }
}

/// The days one measurement of a target covers: a calendar month or a calendar quarter.
public struct MeasurementPeriod: Sendable, Equatable, Hashable, Codable {
    public var from: CalendarDate
    public var to: CalendarDate
    public var kind: KPITarget.Period

    /// The month, or the calendar quarter, that `month` falls in.
    public init(_ kind: KPITarget.Period, containing month: CalendarMonth) {
        self.kind = kind
        switch kind {
        case .month:
            from = month.firstDay
            to = month.lastDay
        case .quarter:
            let first = CalendarMonth(year: month.year, month: (month.month - 1) / 3 * 3 + 1) ?? month
            from = first.firstDay
            to = first.adding(months: 2)?.lastDay ?? month.lastDay
        }
    }

    /// The latest period of `kind` that has ended before `today`.
    public static func latestEnded(_ kind: KPITarget.Period, before today: CalendarDate) -> MeasurementPeriod {
        let containing = MeasurementPeriod(kind, containing: CalendarMonth(today))
        return containing.previous
    }

    /// The month whose close judges the period: its last month.
    public var closingMonth: CalendarMonth { CalendarMonth(to) }

    /// The period of the same kind just before this one.
    public var previous: MeasurementPeriod {
        MeasurementPeriod(kind, containing: CalendarMonth(from).adding(months: -1) ?? CalendarMonth(from))
    }

    /// `November 2026` or `Jul–Sep 2026`.
    public var label: String { Self.label(from: from, to: to) }

    /// Whole months as `November 2026`, `Jul–Sep 2026` or `Nov 2026–Jan 2027`; other days as `2026-11-03 to 2026-12-02`.
    public static func label(from: CalendarDate, to: CalendarDate) -> String {
        let first = CalendarMonth(from), last = CalendarMonth(to)
        guard from == first.firstDay, to == last.lastDay, first <= last else { return "\(from) to \(to)" }
        if first == last { return "\(monthNames[first.month - 1]) \(first.year)" }
        let start = String(monthNames[first.month - 1].prefix(3)), end = String(monthNames[last.month - 1].prefix(3))
        return first.year == last.year ? "\(start)–\(end) \(last.year)" : "\(start) \(first.year)–\(end) \(last.year)"
    }

    /// The days of the same length just before `from`…`to`: as many whole months when the days are whole months.
    public static func before(from: CalendarDate, to: CalendarDate) -> (from: CalendarDate, to: CalendarDate) {
        let first = CalendarMonth(from), last = CalendarMonth(to)
        if from == first.firstDay, to == last.lastDay {
            let months = (last.year - first.year) * 12 + last.month - first.month + 1
            if let start = first.adding(months: -months), let end = first.adding(months: -1) { return (start.firstDay, end.lastDay) }
        }
        let days = to.dayNumber - from.dayNumber + 1
        return (from.adding(days: -days) ?? from, from.adding(days: -1) ?? from)
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
}

/// A target's standing over one period: today's figure and verdict and, once the period was
/// closed, the figure and verdict frozen at the close, with the billing files that arrived since.
public struct TargetStanding: Sendable, Equatable, Codable {
    /// What the close judged.
    public struct AtClose: Sendable, Equatable, Codable {
        /// The practice's day of the (latest) close.
        public var closedOn: CalendarDate
        public var value: Double?
        public var verdict: Verdict
        /// Billing files imported after the close.
        public var filesSince: Int

        public init(closedOn: CalendarDate, value: Double?, verdict: Verdict, filesSince: Int) {
            self.closedOn = closedOn
            self.value = value
            self.verdict = verdict
            self.filesSince = filesSince
        }
    }

    public var target: KPITarget
    public var period: MeasurementPeriod
    /// The figure now.
    public var value: Double?
    /// The verdict now.
    public var verdict: Verdict
    public var atClose: AtClose?

    /// Judges `value` now through ``ServiceLevelJudge``.
    public init(target: KPITarget, period: MeasurementPeriod, value: Double?, reason: String?, asOf: CalendarDate, atClose: AtClose? = nil) {
        self.target = target
        self.period = period
        self.value = value
        verdict = target.verdict(value: value, reason: reason, period: period, asOf: asOf)
        self.atClose = atClose
    }

    /// Whether the figure frozen at the close is not today's (files arrived later, or the contract changed).
    public var closeDiffers: Bool {
        guard let atClose else { return false }
        let shown = { (value: Double?) in value.map { FigureCatalogue.format($0, figure: self.target.figure) } }
        return shown(atClose.value) != shown(value) || atClose.verdict.outcome != verdict.outcome
    }

    /// `55.91%` or `no value`.
    public var shownValue: String { value.map { FigureCatalogue.format($0, figure: target.figure) } ?? "no value" }

    /// `judged at close on 2026-10-02: 55.91%, missed; 3 billing files imported since the close`, when the close differs from now.
    public var closeWords: String? {
        guard let atClose, closeDiffers else { return nil }
        let value = atClose.value.map { FigureCatalogue.format($0, figure: target.figure) } ?? "no value"
        let files = atClose.filesSince == 1 ? "1 billing file" : "\(atClose.filesSince) billing files"
        return "judged at close on \(atClose.closedOn): \(value), \(atClose.verdict.words); \(files) imported since the close"
    }
}

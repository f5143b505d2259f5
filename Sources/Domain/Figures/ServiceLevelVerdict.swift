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
    public static func verdict(
        figure: String, value: Double?, reason: String?, comparator: KPITarget.Comparator, target: Double,
        from: CalendarDate, to: CalendarDate, asOf: CalendarDate
    ) -> Verdict {
        guard asOf > to else { return Verdict(.inProgress) }
        guard let value, value.isFinite else {
            return Verdict(
                .notMeasurable, reason: reason ?? "no \(FigureCatalogue.label(figure).lowercased()) could be computed for the period")
        }
        let met =
            switch comparator {
            case .atLeast: target - value <= tolerance
            case .atMost: value - target <= tolerance
            }
        return Verdict(met ? .met : .missed)
    }
}

extension KPITarget {
    /// This target's verdict on `value` over `period` as of `asOf`, from ``ServiceLevelJudge``.
    public func verdict(value: Double?, reason: String?, period: MeasurementPeriod, asOf: CalendarDate) -> Verdict {
        ServiceLevelJudge.verdict(
            figure: figure, value: value, reason: reason, comparator: comparator, target: target,
            from: period.from, to: period.to, asOf: asOf)
    }

    /// `≥ 95%`: the target as pages write it.
    public var stated: String { "\(comparator.symbol) \(FigureCatalogue.format(target, figure: figure))" }
}

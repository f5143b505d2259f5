import Foundation

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
    public init(target: KPITarget, period: MeasurementPeriod, value: Double?, reason: String?, asOf: CalendarDate, atClose: AtClose? = nil)
    {
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

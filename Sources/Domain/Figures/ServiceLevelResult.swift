/// How one KPI target fared over one measurement period.
public struct ServiceLevelResult: Sendable, Equatable, Codable {
    /// The verdict.
    public enum Outcome: String, Sendable, Codable {
        case met, missed
        /// The figure could not be computed for the period (no claims, no 277CA, …): "no data" on pages.
        case notMeasurable = "not_measurable"
        /// The period has not ended yet; never stored by a close, which only closes months that are over.
        case inProgress = "in_progress"
    }

    public var target: KPITarget
    /// First and last day measured.
    public var from: CalendarDate
    public var to: CalendarDate
    public var value: Double?
    public var outcome: Outcome
    /// Why the figure could not be computed.
    public var reason: String?

    /// Judges `value` against `target` as of `asOf` through ``ServiceLevelJudge``: a `nil` value
    /// is not a miss, it has no data; a period not over at `asOf` is in progress.
    public init(target: KPITarget, from: CalendarDate, to: CalendarDate, value: Double?, reason: String?, asOf: CalendarDate) {
        self.target = target
        self.from = from
        self.to = to
        self.value = value
        let verdict = ServiceLevelJudge.verdict(
            figure: target.figure, value: value, reason: reason, comparator: target.comparator,
            target: target.target, from: from, to: to, asOf: asOf)
        outcome = verdict.outcome
        self.reason = verdict.reason
    }

    /// The stored outcome with its reason, as pages say it.
    public var verdict: Verdict { Verdict(outcome, reason: reason) }

    /// The months a target measures when `month` closes: the month itself, or the quarter it ends
    /// (`nil` for a quarterly target when the month does not end a calendar quarter).
    public static func span(of period: KPITarget.Period, closing month: CalendarMonth) -> (from: CalendarDate, to: CalendarDate)? {
        switch period {
        case .month: return (month.firstDay, month.lastDay)
        case .quarter:
            guard month.month % 3 == 0, let first = month.adding(months: -2) else { return nil }
            return (first.firstDay, month.lastDay)
        }
    }

    /// `Days in A/R ≤ 40.0 days (month): 52.3 days, missed`.
    public var summary: String {
        let shown = value.map { FigureCatalogue.format($0, figure: target.figure) } ?? "no value"
        return "\(target.summary): \(shown), \(verdict.words)"
    }
}

/// A calendar month (`2026-03`).
public struct CalendarMonth: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    /// The month's first day.
    public let firstDay: CalendarDate

    public init?(year: Int, month: Int) {
        guard (1...9999).contains(year), let first = CalendarDate(year: year, month: month, day: 1) else { return nil }
        self.year = year
        self.month = month
        firstDay = first
    }

    /// Parses `YYYY-MM`.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let year = Int(parts[0]), let month = Int(parts[1]) else {
            return nil
        }
        self.init(year: year, month: month)
    }

    /// The month a date falls in.
    public init(_ date: CalendarDate) {
        year = date.year
        month = date.month
        firstDay = CalendarDate(year: date.year, month: date.month, day: 1) ?? date
    }
    public var lastDay: CalendarDate {
        CalendarDate(year: year, month: month, day: CalendarDate.daysIn(month: month, year: year)) ?? firstDay
    }

    /// The month `months` later (earlier when negative).
    public func adding(months: Int) -> CalendarMonth? {
        let index = year * 12 + (month - 1) + months
        return CalendarMonth(year: index / 12, month: index % 12 + 1)
    }

    public var description: String { "\(year)-\(month < 10 ? "0" : "")\(month)" }

    public static func < (lhs: CalendarMonth, rhs: CalendarMonth) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let month = CalendarMonth(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not a month (YYYY-MM)"))
        }
        self = month
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

import Foundation

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

    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ]
}

/// The one rule for a span of days a person asks about (figures, reports, scorecards, pilots,
/// audits): it runs forward and covers at most ``longestDays``. Figures are computed day by day
/// and month by month, so an unbounded span (year 1 to 9999) would keep a server busy for as long
/// as it took; ten years is more than any contract or look-back needs.
public enum DateSpan {
    /// Ten years and a little.
    public static let longestDays = 3_660

    /// Why `from`…`to` cannot be asked about (a sentence for the `to` field), or `nil`.
    public static func problem(from: CalendarDate, to: CalendarDate) -> String? {
        if to < from { return "is before from" }
        if to.dayNumber - from.dayNumber >= longestDays {
            return "is more than ten years after from (\(longestDays.formatted()) days at most)"
        }
        return nil
    }
}

extension Int {
    fileprivate func formatted() -> String {
        let digits = String(self)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return out
    }
}

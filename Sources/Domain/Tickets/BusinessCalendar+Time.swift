import Foundation

extension BusinessCalendar {
    /// The calendar's open intervals that overlap `[from, to)`, clipped to it, in order. Local
    /// times are read in the calendar's zone on each date, so a daylight-saving change moves
    /// nothing that should not move.
    public func openIntervals(from: Date, to: Date) -> [DateInterval] {
        guard from < to, let zone = TimeZone(identifier: timeZone), var day = CalendarDate.on(from, in: timeZone)?.adding(days: -1) else { return [] }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let closed = Set(holidays)
        var intervals: [DateInterval] = []
        while let start = Self.instant(day, minute: 0, calendar: calendar), start < to {
            if !closed.contains(day) {
                for hours in self.hours where hours.day == Self.weekday(of: day) {
                    guard let opens = hours.openingMinute, let closes = hours.closingMinute,
                          let open = Self.instant(day, minute: opens, calendar: calendar), let close = Self.instant(day, minute: closes, calendar: calendar)
                    else { continue }
                    let clipped = (max(open, from), min(close, to))
                    if clipped.0 < clipped.1 { intervals.append(DateInterval(start: clipped.0, end: clipped.1)) }
                }
            }
            guard let next = day.adding(days: 1) else { break }
            day = next
        }
        return intervals.sorted { $0.start < $1.start }
    }

    /// Business seconds in `[from, to)`.
    public func businessSeconds(from: Date, to: Date) -> TimeInterval {
        openIntervals(from: from, to: to).reduce(0) { $0 + $1.duration }
    }

    /// The instant when `seconds` business seconds have passed after `start`; `nil` when the
    /// calendar has no business hours within the next ten years.
    public func instant(after seconds: TimeInterval, from start: Date) -> Date? {
        guard seconds > 0 else { return start }
        var remaining = seconds
        var windowStart = start
        // Look ahead in 31-day windows, so a target never costs more than a few windows of work.
        for _ in 0..<120 {
            let windowEnd = windowStart.addingTimeInterval(31 * 86_400)
            for interval in openIntervals(from: windowStart, to: windowEnd) {
                if interval.duration >= remaining { return interval.start.addingTimeInterval(remaining) }
                remaining -= interval.duration
            }
            windowStart = windowEnd
        }
        return nil
    }

    /// The instant of `minute` minutes after local midnight of `day` (1,440 is the next midnight).
    static func instant(_ day: CalendarDate, minute: Int, calendar: Calendar) -> Date? {
        let target = minute >= 1_440 ? day.adding(days: minute / 1_440) : day
        guard let target else { return nil }
        let rest = minute % 1_440
        return calendar.date(from: DateComponents(year: target.year, month: target.month, day: target.day, hour: rest / 60, minute: rest % 60))
    }

    /// The weekday of a date (1970-01-01 was a Thursday).
    static func weekday(of day: CalendarDate) -> Weekday {
        let index = ((day.dayNumber + 3) % 7 + 7) % 7
        return Weekday.allCases[index]
    }
}

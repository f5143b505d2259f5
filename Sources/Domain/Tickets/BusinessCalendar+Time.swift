import Foundation

extension BusinessCalendar {
    /// The calendar's open intervals that overlap `[from, to)`, clipped to it, in order. Local
    /// times are read in the calendar's zone on each date, so a daylight-saving change moves
    /// nothing that should not move.
    public func openIntervals(from: Date, to: Date) -> [DateInterval] {
        guard from < to, let zone = TimeZone(identifier: timeZone), var day = CalendarDate.on(from, in: timeZone)?.adding(days: -1) else {
            return []
        }
        let closed = Set(holidays)
        var intervals: [DateInterval] = []
        while let start = Self.instant(day, minute: 0, zone: zone), start < to {
            for open in hours(on: day, zone: zone, closed: closed) {
                let clipped = (max(open.start, from), min(open.end, to))
                if clipped.0 < clipped.1 { intervals.append(DateInterval(start: clipped.0, end: clipped.1)) }
            }
            guard let next = day.adding(days: 1) else { break }
            day = next
        }
        return intervals.sorted { $0.start < $1.start }
    }

    /// The open intervals of one local day (none on a holiday), earliest first.
    func hours(on day: CalendarDate, zone: TimeZone, closed: Set<CalendarDate>) -> [DateInterval] {
        guard !closed.contains(day) else { return [] }
        var intervals: [DateInterval] = []
        for hours in self.hours where hours.day == Self.weekday(of: day) {
            guard let opens = hours.openingMinute, let closes = hours.closingMinute,
                let open = Self.instant(day, minute: opens, zone: zone), let close = Self.instant(day, minute: closes, zone: zone),
                open < close
            else { continue }
            intervals.append(DateInterval(start: open, end: close))
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
        guard let zone = TimeZone(identifier: timeZone), var day = CalendarDate.on(start, in: timeZone)?.adding(days: -1) else {
            return nil
        }
        let closed = Set(holidays)
        var remaining = seconds
        // Day by day from the day before (its hours may run past midnight), so a target of a few
        // business hours reads a day or two of the calendar, not weeks of it.
        for _ in 0..<(10 * 366 + 2) {
            for open in hours(on: day, zone: zone, closed: closed) where open.end > start {
                let from = max(open.start, start)
                let length = open.end.timeIntervalSince(from)
                if length >= remaining { return from.addingTimeInterval(remaining) }
                remaining -= length
            }
            guard let next = day.adding(days: 1) else { return nil }
            day = next
        }
        return nil
    }

    /// The instant of `minute` minutes after local midnight of `day` (1,440 is the next midnight)
    /// in `zone`, as a Gregorian calendar in that zone reads a wall time: a time that occurs twice
    /// (clocks set back) is its first occurrence; a time that does not occur (clocks set forward)
    /// moves on by the gap. Worked out from the zone's offsets (three or four look-ups), because a
    /// calendar's date-from-components is the costliest step of reading a ticket's clocks.
    public static func instant(_ day: CalendarDate, minute: Int, zone: TimeZone) -> Date? {
        guard minute >= 0 else { return nil }
        let wall = Double(day.dayNumber) * 86_400 + Double(minute) * 60
        func offset(_ seconds: Double) -> Double { Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: seconds))) }
        // The offsets in force a day either side: a wall time is one of them, both (set back) or neither (set forward).
        let before = offset(wall - 86_400), after = offset(wall + 86_400)
        let valid = [before, after].map { wall - $0 }.filter { wall - offset($0) == $0 }
        if let first = valid.min() { return Date(timeIntervalSince1970: first) }
        // In a gap: read with the offset before the change, which lands after it.
        return Date(timeIntervalSince1970: wall - before)
    }

    /// The weekday of a date (1970-01-01 was a Thursday).
    static func weekday(of day: CalendarDate) -> Weekday {
        let index = ((day.dayNumber + 3) % 7 + 7) % 7
        return Weekday.allCases[index]
    }
}

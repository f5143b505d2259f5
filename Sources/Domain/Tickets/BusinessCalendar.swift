/// Weekly business hours, holidays and the time zone they are read in (SLA.md "calendar").
public struct BusinessCalendar: Sendable, Equatable, Codable {
    /// IANA time zone the hours are in.
    public var timeZone: String
    /// Open intervals per weekday; a day may have several, or none.
    public var hours: [BusinessHours]
    /// Dates the business is closed all day.
    public var holidays: [CalendarDate]

    public init(timeZone: String, hours: [BusinessHours], holidays: [CalendarDate] = []) {
        self.timeZone = timeZone
        self.hours = hours
        self.holidays = holidays
    }

    /// Monday to Friday, 08:00–17:00, no holidays: the template's calendar.
    public static func weekdays(timeZone: String) -> BusinessCalendar {
        BusinessCalendar(
            timeZone: timeZone,
            hours: [Weekday.monday, .tuesday, .wednesday, .thursday, .friday].map {
                BusinessHours(day: $0, opens: "08:00", closes: "17:00")
            })
    }

    /// Business hours in one week.
    public var hoursPerWeek: Double {
        hours.reduce(0) { $0 + Double(($1.closingMinute ?? 0) - ($1.openingMinute ?? 0)) / 60 }
    }

    /// The problems that make the calendar unusable, in words.
    public var problems: [String] {
        var problems: [String] = []
        if (try? IANATimeZone.validate(timeZone)) == nil { problems.append("'\(timeZone)' is not an IANA time zone") }
        for interval in hours {
            guard let opens = interval.openingMinute, let closes = interval.closingMinute else {
                problems.append("\(interval.day.rawValue) \(interval.opens)–\(interval.closes) is not HH:MM–HH:MM")
                continue
            }
            if opens >= closes {
                problems.append("\(interval.day.rawValue) closes at \(interval.closes), not after it opens at \(interval.opens)")
            }
        }
        for day in Weekday.allCases {
            let intervals = hours.filter { $0.day == day }.compactMap { interval in
                interval.openingMinute.flatMap { opens in interval.closingMinute.map { (opens, $0) } }
            }.sorted { $0.0 < $1.0 }
            for (earlier, later) in zip(intervals, intervals.dropFirst()) where later.0 < earlier.1 {
                problems.append("\(day.rawValue) has overlapping hours")
            }
        }
        if hours.isEmpty { problems.append("the calendar has no business hours") }
        return problems
    }
}

/// A day of the week.
public enum Weekday: String, Sendable, Codable, CaseIterable {
    case monday, tuesday, wednesday, thursday, friday, saturday, sunday
}

/// One open interval on a weekday, in local time (`08:00`–`17:00`; `24:00` closes at midnight).
public struct BusinessHours: Sendable, Equatable, Codable {
    public var day: Weekday
    public var opens: String
    public var closes: String

    public init(day: Weekday, opens: String, closes: String) {
        self.day = day
        self.opens = opens
        self.closes = closes
    }

    /// Minutes after midnight the interval opens, or `nil` when `opens` is not `HH:MM`.
    public var openingMinute: Int? { Self.minute(opens, allowMidnightEnd: false) }
    /// Minutes after midnight it closes (up to 1,440).
    public var closingMinute: Int? { Self.minute(closes, allowMidnightEnd: true) }

    static func minute(_ text: String, allowMidnightEnd: Bool) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
            let hour = Int(parts[0]), let minute = Int(parts[1]), (0..<60).contains(minute)
        else { return nil }
        if hour == 24, minute == 0, allowMidnightEnd { return 1_440 }
        guard (0..<24).contains(hour) else { return nil }
        return hour * 60 + minute
    }
}

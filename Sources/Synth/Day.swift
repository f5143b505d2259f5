import Domain

/// A calendar day as a number of days since 1970-01-01, for the simulation's arithmetic (lags,
/// weekdays, business days) without a calendar object or a clock.
struct Day: Hashable, Comparable, Strideable {
    /// Days since 1970-01-01.
    var number: Int

    init(_ number: Int) { self.number = number }

    init(_ date: CalendarDate) { number = date.dayNumber }

    /// `months` months after `date`, on the same day of the month (the month's last day when it is shorter).
    /// The configuration keeps dates within the years 1971–9000, where the sum always exists.
    static func adding(months: Int, to date: CalendarDate) -> Day {
        Day(date.adding(months: months) ?? date)
    }

    /// Year, month and day. The configuration keeps the simulation within the years 1971–9000,
    /// where every day has a date; outside them this reads 1970-01-01.
    var civil: (year: Int, month: Int, day: Int) {
        guard let date = CalendarDate(dayNumber: number) else { return (1970, 1, 1) }
        return (date.year, date.month, date.day)
    }

    /// 0 Sunday … 6 Saturday.
    var weekday: Int { ((number % 7) + 7 + 4) % 7 }

    /// Monday to Friday; the simulation keeps no holiday calendar.
    var isBusinessDay: Bool { (1...5).contains(weekday) }

    /// This day if it is a business day, else the next one.
    var businessDayOnOrAfter: Day {
        var day = self
        while !day.isBusinessDay { day = day + 1 }
        return day
    }

    /// The business day `count` business days before this one.
    func businessDays(before count: Int) -> Day {
        var day = self, left = count
        while left > 0 {
            day = day - 1
            if day.isBusinessDay { left -= 1 }
        }
        return day
    }

    /// `CCYYMMDD`, as X12 D8 dates are written.
    var ccyymmdd: String {
        let (year, month, day) = civil
        return Self.pad(year, 4) + Self.pad(month, 2) + Self.pad(day, 2)
    }

    /// `YYMMDD`, as ISA09 is written.
    var yymmdd: String { String(ccyymmdd.dropFirst(2)) }

    /// `CCYY-MM-DD`.
    var iso: String {
        let (year, month, day) = civil
        return Self.pad(year, 4) + "-" + Self.pad(month, 2) + "-" + Self.pad(day, 2)
    }

    /// The same day as a Domain date.
    var calendarDate: CalendarDate? { CalendarDate(dayNumber: number) }

    static func < (lhs: Day, rhs: Day) -> Bool { lhs.number < rhs.number }
    static func + (lhs: Day, rhs: Int) -> Day { Day(lhs.number + rhs) }
    static func - (lhs: Day, rhs: Int) -> Day { Day(lhs.number - rhs) }
    func distance(to other: Day) -> Int { other.number - number }
    func advanced(by count: Int) -> Day { Day(number + count) }

    /// `number` written with at least `width` digits.
    static func pad(_ number: Int, _ width: Int) -> String {
        let text = String(number)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    /// The day of a valid year, month and day.
    init(year: Int, month: Int, day: Int) {
        number = CalendarDate.dayNumber(year: year, month: month, day: day)
    }

}

/// A date without a time or zone, as X12 carries it (CCYYMMDD).
public struct CalendarDate: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    /// Four-digit year.
    public let year: Int
    /// Month 1–12.
    public let month: Int
    /// Day 1–31, valid for the month.
    public let day: Int

    /// A validated date; `nil` when the day does not exist (2026-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
            day <= CalendarDate.daysIn(month: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly eight ASCII digits `CCYYMMDD` (X12 D8) without allocating.
    @inlinable
    public init?(digits: some Collection<UInt8>) {
        guard digits.count == 8 else { return nil }
        var values = (0, 0, 0)
        var position = 0
        for byte in digits {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            let digit = Int(byte &- 0x30)
            switch position {
            case 0..<4: values.0 = values.0 * 10 + digit
            case 4..<6: values.1 = values.1 * 10 + digit
            default: values.2 = values.2 * 10 + digit
            }
            position += 1
        }
        self.init(year: values.0, month: values.1, day: values.2)
    }

    /// Parses `CCYYMMDD` (X12 D8) or ISO `YYYY-MM-DD`.
    public init?(_ text: some StringProtocol) {
        let digits = text.utf8.filter { $0 != UInt8(ascii: "-") }
        guard digits.count == 8, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            text.utf8.count == 8 || text.utf8.count == 10
        else { return nil }
        func number(_ range: Range<Int>) -> Int { digits[range].reduce(0) { $0 * 10 + Int($1 - 0x30) } }
        self.init(year: number(0..<4), month: number(4..<6), day: number(6..<8))
    }

    /// Days since 1970-01-01 (negative before), for date arithmetic without a calendar object.
    public var dayNumber: Int { CalendarDate.dayNumber(year: year, month: month, day: day) }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil);
    /// the parts are not validated.
    public static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthIndex = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `dayNumber` days after 1970-01-01 (negative before); `nil` outside the years 1–9999.
    public init?(dayNumber: Int) {
        // The inverse of `dayNumber` (civil from days, in 400-year eras starting March 1).
        let shifted = dayNumber + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        self.init(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }

    /// The date `days` days later (earlier when negative); `nil` outside the years 1–9999.
    public func adding(days: Int) -> CalendarDate? { CalendarDate(dayNumber: dayNumber + days) }

    /// `2026-11-23`.
    public var description: String {
        // Ten ASCII bytes, built without formatting machinery: this runs for every stored date.
        String(unsafeUninitializedCapacity: 10) { text in
            func digit(_ value: Int) -> UInt8 { UInt8(ascii: "0") + UInt8(value % 10) }
            (text[0], text[1], text[2], text[3]) = (digit(year / 1000), digit(year / 100), digit(year / 10), digit(year))
            (text[4], text[5], text[6]) = (UInt8(ascii: "-"), digit(month / 10), digit(month))
            (text[7], text[8], text[9]) = (UInt8(ascii: "-"), digit(day / 10), digit(day))
            return 10
        }
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// The same day `months` months later (earlier when negative), clamped to the month's last
    /// day: January 31 plus one month is February 28 or 29. `nil` outside the years 1–9999.
    public func adding(months: Int) -> CalendarDate? {
        let index = year * 12 + (month - 1) + months
        guard index >= 12 else { return nil }
        let newYear = index / 12, newMonth = index % 12 + 1
        return CalendarDate(year: newYear, month: newMonth, day: min(day, CalendarDate.daysIn(month: newMonth, year: newYear)))
    }

    /// Days in `month` of `year`, leap years included.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

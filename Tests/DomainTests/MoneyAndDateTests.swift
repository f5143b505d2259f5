import Domain
import Testing

@Suite("Money and calendar dates")
struct MoneyAndDateTests {
    @Test(
        "X12 amounts parse exactly to cents",
        arguments: [
            ("125", 12_500), ("125.5", 12_550), ("-1.27", -127), ("+40.00", 4_000), (".5", 50), ("0", 0),
            ("149998.73", 14_999_873), ("-361.19", -36_119), ("10.005", 1_000), ("10.015", 1_002), ("10.0051", 1_001), ("7.000", 700),
        ])
    func amounts(text: String, cents: Int64) throws {
        #expect(try #require(Money(text)).cents == cents)
    }

    @Test(
        "text that is not an amount is refused",
        arguments: ["", "-", ".", "1.2.3", "12a", "1,000.00", " 5", "NaN", "99999999999999999999", "10000000001.00"])
    func notAmounts(text: String) {
        #expect(Money(text) == nil)
    }

    @Test("more than two decimals are flagged as rounded")
    func rounding() {
        var rounded = false
        _ = Money(x12: Array("10.00".utf8), rounded: &rounded)
        #expect(!rounded)
        _ = Money(x12: Array("10.001".utf8), rounded: &rounded)
        #expect(rounded)
    }

    @Test(
        "amounts print with two decimals and sign",
        arguments: [(0, "0.00"), (5, "0.05"), (-127, "-1.27"), (14_999_873, "149998.73"), (-5, "-0.05")])
    func printing(cents: Int64, text: String) {
        #expect(Money(cents: cents).description == text)
    }

    @Test(
        "dates parse from CCYYMMDD and ISO form and reject impossible days",
        arguments: [
            ("20261123", "2026-11-23"), ("2024-02-29", "2024-02-29"), ("20000229", "2000-02-29"),
            ("00010101", "0001-01-01"), ("09991231", "0999-12-31"), ("99991231", "9999-12-31"), ("20261001", "2026-10-01"),
        ])
    func dates(text: String, iso: String) throws {
        #expect(try #require(CalendarDate(text)).description == iso)
    }

    @Test(
        "impossible or malformed dates are nil",
        arguments: ["20230229", "19000229", "20261301", "20261100", "2026112", "20002316", "2026-1-23", "abcdefgh"])
    func badDates(text: String) {
        #expect(CalendarDate(text) == nil)
    }

    @Test(
        "adding months clamps to the month's last day",
        arguments: [
            ("2026-01-31", 1, "2026-02-28"), ("2024-01-31", 1, "2024-02-29"), ("2026-11-23", -3, "2026-08-23"),
            ("2026-01-15", -1, "2025-12-15"), ("2026-05-31", -3, "2026-02-28"), ("2026-12-01", 13, "2028-01-01"),
        ])
    func addingMonths(start: String, months: Int, expected: String) throws {
        #expect(try #require(CalendarDate(start)).adding(months: months)?.description == expected)
    }

    @Test("day numbers count days across months, leap years and the epoch")
    func dayNumbers() throws {
        #expect(try #require(CalendarDate("19700101")).dayNumber == 0)
        #expect(try #require(CalendarDate("20240301")).dayNumber - (try #require(CalendarDate("20240228"))).dayNumber == 2)
        #expect(try #require(CalendarDate("20261123")).dayNumber == 20_780)
        #expect(try #require(CalendarDate("19691231")).dayNumber == -1)
    }

    @Test(
        "day numbers convert back to the same date, across leap days and centuries",
        arguments: [
            "0001-01-01", "1900-02-28", "1900-03-01", "1969-12-31", "1970-01-01", "2000-02-29", "2024-02-29", "2026-11-23", "9999-12-31",
        ])
    func dayNumberRoundTrip(text: String) throws {
        let date = try #require(CalendarDate(text))
        #expect(CalendarDate(dayNumber: date.dayNumber) == date)
        #expect(date.adding(days: 1)?.dayNumber == date.dayNumber + 1 || date.year == 9999)
    }

    @Test("every day of four centuries round-trips through its day number")
    func everyDay() throws {
        var date = try #require(CalendarDate("1900-01-01"))
        for number in date.dayNumber..<(date.dayNumber + 146_097) {
            let back = try #require(CalendarDate(dayNumber: number))
            #expect(back.dayNumber == number)
            if number > date.dayNumber { #expect(date < back) }
            date = back
        }
        #expect(CalendarDate(dayNumber: CalendarDate.dayNumber(year: 10_000, month: 1, day: 1)) == nil)
    }
}

import Domain
import Foundation
import Testing

/// The offset arithmetic behind business hours must read every wall time as a Gregorian calendar
/// does, daylight-saving changes included — at midnight too, where some zones change.
@Suite("Local wall times to instants")
struct LocalInstantTests {
    @Test(
        "every day of 2026 and 2027, at the minutes business hours use, agrees with the calendar",
        arguments: [
            "America/New_York", "America/Chicago", "America/Los_Angeles", "America/Phoenix", "Pacific/Honolulu", "Europe/London",
            "Europe/Berlin", "Australia/Sydney", "Asia/Kolkata", "America/Havana", "America/Santiago", "Asia/Beirut", "Pacific/Chatham",
            "UTC",
        ])
    func agreesWithCalendar(zoneName: String) throws {
        let zone = try #require(TimeZone(identifier: zoneName))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let first = try #require(CalendarDate(year: 2026, month: 1, day: 1)).dayNumber
        var mismatches: [String] = []
        for number in first..<(first + 730) {
            let day = try #require(CalendarDate(dayNumber: number))
            for minute in [0, 30, 60, 90, 120, 150, 180, 480, 510, 1_020, 1_439, 1_440] {
                let target = minute >= 1_440 ? try #require(day.adding(days: 1)) : day
                let rest = minute % 1_440
                let expected = calendar.date(
                    from: DateComponents(year: target.year, month: target.month, day: target.day, hour: rest / 60, minute: rest % 60))
                let actual = BusinessCalendar.instant(day, minute: minute, zone: zone)
                if expected != actual {
                    mismatches.append("\(day) +\(minute): \(String(describing: expected)) vs \(String(describing: actual))")
                }
            }
        }
        #expect(mismatches.isEmpty, "\(zoneName): \(mismatches.prefix(5))")
    }
}

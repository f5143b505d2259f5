import Domain
import FluentKit
import Foundation
import Persistence

extension DemoWorkspace {
    /// When things happen in the demo's history: on the contract's business calendar, read in its
    /// time zone, so that people file, answer and decide in business hours — and never after `now`.
    struct Clock: Sendable {
        let calendar: BusinessCalendar
        let zone: TimeZone
        /// The real present the history leads up to.
        let now: Date

        init(calendar: BusinessCalendar, now: Date) {
            self.calendar = calendar
            zone = TimeZone(identifier: calendar.timeZone) ?? .gmt
            self.now = now
        }

        /// The template's calendar (weekdays 08:00–17:00) in `timeZone`.
        init(timeZone: String, now: Date) {
            self.init(calendar: .weekdays(timeZone: timeZone), now: now)
        }

        /// Today in the calendar's zone.
        var today: CalendarDate { CalendarDate.on(now, in: calendar.timeZone) ?? CalendarDate(dayNumber: 0)! }

        /// Local `hour`:`minute` on `day`, whatever the calendar says of it.
        func wall(_ day: CalendarDate, _ hour: Int, _ minute: Int = 0) -> Date {
            BusinessCalendar.instant(day, minute: hour * 60 + minute, zone: zone)
                ?? Date(timeIntervalSince1970: Double(day.dayNumber) * 86_400)
        }

        /// The day's open hours (none on a weekend or holiday).
        func openHours(on day: CalendarDate) -> [DateInterval] {
            calendar.openIntervals(from: wall(day, 0), to: wall(day, 24))
        }

        /// Whether `day` is a Sunday (1970-01-01 was a Thursday).
        func isSunday(_ day: CalendarDate) -> Bool { ((day.dayNumber + 4) % 7 + 7) % 7 == 0 }

        /// Whether the business is open at some time of `day`.
        func isBusinessDay(_ day: CalendarDate) -> Bool { !openHours(on: day).isEmpty }

        /// `day` when it is a business day, else the next one.
        func businessDay(onOrAfter day: CalendarDate) -> CalendarDate {
            var day = day
            for _ in 0..<30 where !isBusinessDay(day) { day = day.adding(days: 1) ?? day }
            return day
        }

        /// `day` when it is a business day, else the one before.
        func businessDay(onOrBefore day: CalendarDate) -> CalendarDate {
            var day = day
            for _ in 0..<30 where !isBusinessDay(day) { day = day.adding(days: -1) ?? day }
            return day
        }

        /// Local `hour`:`minute` on `day`, moved into business hours: on the next business day
        /// when `day` is not one, and to the nearest open instant of the day when the time is outside
        /// its hours.
        func at(_ day: CalendarDate, _ hour: Int, _ minute: Int = 0) -> Date {
            let open = businessDay(onOrAfter: day)
            let wanted = wall(open, hour, minute)
            let hours = openHours(on: open)
            if hours.contains(where: { $0.start <= wanted && wanted < $0.end }) { return wanted }
            if let later = hours.first(where: { $0.start > wanted }) { return later.start }
            return hours.last.map { $0.end.addingTimeInterval(-15 * 60) } ?? wanted
        }

        /// `hours` business hours after `start` (at once when `start` is outside them, from the next opening).
        func after(_ hours: Double, from start: Date) -> Date {
            calendar.instant(after: max(hours * 3_600, 1), from: start) ?? start.addingTimeInterval(hours * 3_600)
        }

        /// The instant `hours` business hours before now: counted back through the open hours.
        func ago(_ hours: Double) -> Date {
            var remaining = hours * 3_600
            var day = today
            for _ in 0..<400 {
                for open in openHours(on: day).reversed() where open.start < now {
                    let end = min(open.end, now)
                    let length = end.timeIntervalSince(open.start)
                    if length > remaining { return end.addingTimeInterval(-remaining) }
                    remaining -= length
                }
                day = day.adding(days: -1) ?? day
            }
            return now.addingTimeInterval(-hours * 3_600)
        }

        /// Whether `instant` falls in business hours (both ends of an interval count).
        func isOpen(_ instant: Date) -> Bool {
            guard let day = CalendarDate.on(instant, in: calendar.timeZone) else { return false }
            return openHours(on: day).contains { $0.start <= instant && instant <= $0.end }
        }
    }

    /// The clock of an engagement's history: the business calendar of its first contract version
    /// (the practice's weekdays when it has none).
    static func demoClock(of engagement: Engagement, practice: Organization, now: Date, on database: any Database) async throws -> Clock {
        if let calendar = try await EngagementStore(database).versions(of: engagement.id).first?.contract.serviceLevels.responsePolicy
            .calendar
        {
            return Clock(calendar: calendar, now: now)
        }
        return Clock(timeZone: practice.timeZone, now: now)
    }

    /// When the vendor sends its figures of `month`: the fifth business day after it, late morning.
    static func reportedAt(_ month: CalendarMonth, clock: Clock) -> Date {
        var day = month.lastDay
        for _ in 0..<5 { day = clock.businessDay(onOrAfter: day.adding(days: 1) ?? day) }
        return clock.at(day, 11)
    }

    /// "October 2026".
    static func monthName(_ month: CalendarMonth) -> String {
        let names = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
        ]
        return "\(names[max(0, min(11, month.month - 1))]) \(month.year)"
    }

    /// "30 September".
    static func dayName(_ day: CalendarDate) -> String {
        "\(day.day) " + monthName(CalendarMonth(day)).split(separator: " ")[0]
    }

    /// The calendar quarter `day` is in: its first and last days.
    static func quarter(of day: CalendarDate) -> (from: CalendarDate, to: CalendarDate) {
        let month = CalendarMonth(day)
        let first = month.adding(months: -((month.month - 1) % 3)) ?? month
        return (first.firstDay, (first.adding(months: 2) ?? first).lastDay)
    }

    /// "Quarterly access review, October to December 2026": the title of the quarter's campaign.
    static func accessReviewTitle(quarterOf day: CalendarDate) -> String {
        let (from, to) = quarter(of: day)
        return "Quarterly access review, \(monthName(CalendarMonth(from)).split(separator: " ")[0]) to \(monthName(CalendarMonth(to)))"
    }

    /// Runs the real escalation sweep at each instant a level falls due, up to `instant`
    /// (``EscalationSweeper/catchUp(through:)``). Returns how many levels fired.
    @discardableResult
    static func sweepEscalations(through instant: Date, on database: any Database) async throws -> Int {
        try await EscalationSweeper(database).catchUp(through: instant)
    }
}

extension DemoWorkspace {
    /// Today in the practice's zone.
    static func demoToday(_ now: Date, practice: Organization) throws -> CalendarDate {
        guard let today = CalendarDate.on(now, in: practice.timeZone) else {
            throw StoreError.corruptRow(table: "organizations", detail: "time zone")
        }
        return today
    }

    /// A demo account acting, by its address.
    static func demoCaller(_ address: String, on database: any Database) async throws -> Caller {
        guard let user = try await UserStore(database).find(email: try EmailAddress(address)),
            let organization = try await OrganizationStore(database).find(user.organizationID)
        else {
            throw StoreError.userNotFound(email: address)
        }
        return Caller(user: user, organization: organization)
    }
}

import Domain
import Foundation
import Testing

/// An instant from local wall time in a zone (`2026-03-06 16:30`).
func local(_ text: String, _ zone: String = "America/New_York") -> Date {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: zone)
    formatter.dateFormat = "yyyy-MM-dd HH:mm"
    return formatter.date(from: text)!
}

@Suite("Business time and ticket clocks (SLA.md)")
struct TicketClockTests {
    static let newYork = BusinessCalendar.weekdays(timeZone: "America/New_York")
    static let template = Contract.medicalBilling(timeZone: "America/New_York").serviceLevels.responsePolicy

    @Test(
        "first-response due times under the template's calendar",
        arguments: [
            // A high ticket opened Friday 16:30 before the March change is due Monday 11:30 (4 business hours).
            ("high", "2026-03-06 16:30", "2026-03-09 11:30"),
            // Opened out of hours, Saturday: the clock starts Monday 08:00.
            ("normal", "2026-03-07 10:00", "2026-03-09 16:00"),
            // Overnight: urgent at 16:45 is due 08:45 the next morning.
            ("urgent", "2026-04-15 16:45", "2026-04-16 08:45"),
            // Across the November change: low (16 hours) opened Friday 2026-10-30 09:00: 8 hours on
            // Friday (EDT), 8 on Monday (EST).
            ("low", "2026-10-30 09:00", "2026-11-02 16:00"),
            ("high", "2026-10-30 15:00", "2026-11-02 10:00"),
        ])
    func firstResponseDue(priority: String, opened: String, due: String) throws {
        let clocks = TicketClocks.evaluate(
            .init(
                openedAt: local(opened), category: "claim_error", priority: try #require(TicketPriority(rawValue: priority)),
                requester: .practice, assignee: .vendor),
            events: [], policy: Self.template, asOf: local(opened))
        #expect(clocks.firstResponse.dueAt == local(due), "\(String(describing: clocks.firstResponse.dueAt))")
        #expect(clocks.firstResponse.state == .running)
    }

    @Test(
        "business seconds skip nights, weekends and holidays, and several intervals a day add up",
        arguments: [
            ("2026-03-06 16:00", "2026-03-09 09:00", 2.0),  // Fri 16–17, Mon 8–9
            ("2026-03-07 00:00", "2026-03-08 23:59", 0.0),  // the weekend, with the DST change
            ("2026-11-25 12:00", "2026-11-27 12:00", 9.0),  // Thanksgiving closed: Wed 12–17, Fri 8–12
            ("2026-11-02 07:00", "2026-11-02 18:00", 9.0),
        ] as [(String, String, Double)])
    func businessHours(from: String, to: String, hours: Double) {
        var calendar = Self.newYork
        calendar.holidays = [CalendarDate("2026-11-26")!]
        #expect(calendar.businessSeconds(from: local(from), to: local(to)) == hours * 3_600)
    }

    @Test("a day with a lunch break counts only the open intervals")
    func splitDay() {
        let calendar = BusinessCalendar(
            timeZone: "Europe/Berlin",
            hours: [
                BusinessHours(day: .monday, opens: "08:00", closes: "12:00"), BusinessHours(day: .monday, opens: "13:00", closes: "17:00"),
            ])
        #expect(
            calendar.businessSeconds(from: local("2026-06-01 07:00", "Europe/Berlin"), to: local("2026-06-01 18:00", "Europe/Berlin")) == 8
                * 3_600)
        #expect(
            calendar.instant(after: 5 * 3_600, from: local("2026-06-01 07:00", "Europe/Berlin"))
                == local("2026-06-01 14:00", "Europe/Berlin"))
        #expect(
            calendar.instant(after: 9 * 3_600, from: local("2026-06-01 07:00", "Europe/Berlin"))
                == local("2026-06-08 09:00", "Europe/Berlin"))
    }

    static let ticket = TicketClocks.Ticket(
        openedAt: local("2026-04-13 09:00"), category: "claim_error", priority: .normal, requester: .practice, assignee: .vendor)

    @Test("a reply by the assigned party meets the first response; the requester's own message does not")
    func firstResponse() {
        let requesterOnly = TicketClocks.evaluate(
            Self.ticket, events: [.init(at: local("2026-04-13 10:00"), kind: .publicMessage(by: .practice))],
            policy: Self.template, asOf: local("2026-04-13 11:00"))
        #expect(requesterOnly.firstResponse.state == .running)
        let answered = TicketClocks.evaluate(
            Self.ticket, events: [.init(at: local("2026-04-13 15:00"), kind: .publicMessage(by: .vendor))],
            policy: Self.template, asOf: local("2026-04-20 11:00"))
        #expect(answered.firstResponse.state == .met)
        #expect(answered.firstResponse.businessSecondsUsed == 6 * 3_600)
        let late = TicketClocks.evaluate(
            Self.ticket, events: [.init(at: local("2026-04-14 09:30"), kind: .publicMessage(by: .vendor))],
            policy: Self.template, asOf: local("2026-04-20 11:00"))
        #expect(late.firstResponse.state == .breached)
        // The breach is the instant the target fell due: 8 business hours after Monday 09:00.
        #expect(late.firstResponse.breachedAt == local("2026-04-13 17:00"))
        let afterHours = TicketClocks.evaluate(
            Self.ticket, events: [.init(at: local("2026-04-13 20:00"), kind: .publicMessage(by: .vendor))],
            policy: Self.template, asOf: local("2026-04-20 11:00"))
        #expect(afterHours.firstResponse.state == .met)
    }

    @Test(
        "a ticket set waiting after hours says whose wait it is at once, before any business time is paused",
        arguments: [
            ("2026-04-13 19:00", "2026-04-13 20:00"),  // Monday evening, read the same evening
            ("2026-04-17 18:00", "2026-04-18 12:00"),  // Friday evening, read on Saturday
            ("2026-04-13 11:00", "2026-04-13 11:00"),  // during business hours, read the same instant
        ])
    func pausedAfterHours(setAt: String, readAt: String) {
        let clocks = TicketClocks.evaluate(
            Self.ticket, events: [.init(at: local(setAt), kind: .status(.waitingOnRequester))], policy: Self.template, asOf: local(readAt))
        #expect(clocks.resolution.state == .paused)
        #expect(clocks.resolution.pausedBy == .practice)
        #expect(clocks.resolution.businessSecondsPaused == 0)
    }

    @Test("waiting on the requester pauses resolution, attributed to the requester; the paused time is not used time")
    func pause() {
        let events: [TicketClockEvent] = [
            .init(at: local("2026-04-13 10:00"), kind: .publicMessage(by: .vendor)),
            .init(at: local("2026-04-13 11:00"), kind: .status(.waitingOnRequester)),
            .init(at: local("2026-04-15 11:00"), kind: .status(.inProgress)),
        ]
        let clocks = TicketClocks.evaluate(Self.ticket, events: events, policy: Self.template, asOf: local("2026-04-15 12:00"))
        #expect(clocks.resolution.state == .running)
        #expect(clocks.resolution.businessSecondsUsed == 3 * 3_600)
        #expect(clocks.resolution.businessSecondsPaused == 18 * 3_600)
        #expect(clocks.resolution.pausedBy == .practice)
        // 45 normal hours less 3 used: due 42 business hours after Wednesday 12:00.
        #expect(clocks.resolution.dueAt == Self.newYork.instant(after: 42 * 3_600, from: local("2026-04-15 12:00")))
        let whilePaused = TicketClocks.evaluate(
            Self.ticket, events: Array(events.prefix(2)), policy: Self.template, asOf: local("2026-04-14 12:00"))
        #expect(whilePaused.resolution.state == .paused)
        #expect(whilePaused.resolution.dueAt == nil)
    }

    @Test("reopening resumes the same resolution clock and keeps the first resolution time")
    func reopen() {
        let events: [TicketClockEvent] = [
            .init(at: local("2026-04-13 10:00"), kind: .publicMessage(by: .vendor)),
            .init(at: local("2026-04-13 12:00"), kind: .status(.resolved)),
            .init(at: local("2026-04-14 09:00"), kind: .status(.open)),
        ]
        let clocks = TicketClocks.evaluate(Self.ticket, events: events, policy: Self.template, asOf: local("2026-04-14 10:00"))
        #expect(clocks.resolution.state == .running)
        #expect(clocks.resolution.businessSecondsUsed == 4 * 3_600)
        #expect(clocks.resolution.stoppedAt == local("2026-04-13 12:00"))
    }

    @Test("a priority change re-targets from the new targets, keeping the time already used")
    func priorityChange() {
        let events: [TicketClockEvent] = [.init(at: local("2026-04-13 11:00"), kind: .priority(.urgent))]
        let clocks = TicketClocks.evaluate(Self.ticket, events: events, policy: Self.template, asOf: local("2026-04-13 11:00"))
        // Two hours used, urgent allows one: breached at the change.
        #expect(clocks.firstResponse.state == .breached)
        #expect(clocks.firstResponse.breachedAt == local("2026-04-13 11:00"))
        let toLow = TicketClocks.evaluate(
            Self.ticket, events: [.init(at: local("2026-04-13 11:00"), kind: .priority(.low))], policy: Self.template,
            asOf: local("2026-04-13 11:00"))
        // Low allows 16 hours; 2 are used: due after 14 more.
        #expect(toLow.firstResponse.dueAt == Self.newYork.instant(after: 14 * 3_600, from: local("2026-04-13 11:00")))
    }

    @Test("the update clock runs from each requester message until the assigned party replies")
    func updates() {
        let events: [TicketClockEvent] = [
            .init(at: local("2026-04-13 10:00"), kind: .publicMessage(by: .vendor)),
            .init(at: local("2026-04-13 11:00"), kind: .publicMessage(by: .practice)),
            .init(at: local("2026-04-13 12:00"), kind: .publicMessage(by: .practice)),
            .init(at: local("2026-04-14 09:00"), kind: .publicMessage(by: .vendor)),
        ]
        let answered = TicketClocks.evaluate(Self.ticket, events: events, policy: Self.template, asOf: local("2026-04-14 10:00"))
        #expect(answered.update.state == .met)
        #expect(answered.update.businessSecondsUsed == 7 * 3_600)
        let waiting = TicketClocks.evaluate(
            Self.ticket, events: Array(events.prefix(3)), policy: Self.template, asOf: local("2026-04-13 13:00"))
        #expect(waiting.update.state == .running)
        #expect(waiting.update.dueAt == Self.newYork.instant(after: 16 * 3_600, from: local("2026-04-13 13:00")))
    }

    @Test("a policy edited after the ticket opened leaves the ticket's clocks as they were")
    func frozenPolicy() {
        var edited = Self.template
        edited.targets = edited.targets.map { target in
            var target = target
            target.firstResponseHours = 1
            return target
        }
        let frozen = TicketClocks.evaluate(Self.ticket, events: [], policy: Self.template, asOf: local("2026-04-13 12:00"))
        let withEdit = TicketClocks.evaluate(Self.ticket, events: [], policy: edited, asOf: local("2026-04-13 12:00"))
        #expect(frozen.firstResponse.state == .running)
        #expect(withEdit.firstResponse.state == .breached)
    }
}

@Suite("SLA reports")
struct SLAReportTests {
    static let opened = local("2026-04-13 09:00")

    static func item(
        priority: TicketPriority, events: [TicketClockEvent], asOf: Date, category: Ticket.Category = .claimError
    ) -> SLAReport.Item {
        let ticket = Ticket(
            engagementID: Engagement.ID(), number: 1, category: category, priority: priority, title: "t", detail: "", requester: .practice,
            assignedParty: .vendor, gridTask: nil, openedBy: nil, openedAt: opened)
        let clocks = TicketClocks.evaluate(
            .init(openedAt: opened, category: category.rawValue, priority: priority, requester: .practice, assignee: .vendor),
            events: events, policy: TicketClockTests.template, asOf: asOf)
        return .init(ticket: ticket, clocks: clocks, month: CalendarMonth("2026-04")!)
    }

    @Test("share met, breaches, percentiles of finished clocks and paused time per party")
    func report() throws {
        let asOf = local("2026-04-20 12:00")
        let items = [
            // Answered after 1 hour, resolved after 2.
            Self.item(
                priority: .normal,
                events: [
                    .init(at: local("2026-04-13 10:00"), kind: .publicMessage(by: .vendor)),
                    .init(at: local("2026-04-13 11:00"), kind: .status(.resolved)),
                ], asOf: asOf),
            // Answered after 3 hours.
            Self.item(priority: .normal, events: [.init(at: local("2026-04-13 12:00"), kind: .publicMessage(by: .vendor))], asOf: asOf),
            // Never answered: a high ticket breaches its 4 hours.
            Self.item(priority: .high, events: [.init(at: local("2026-04-13 10:00"), kind: .status(.waitingOnRequester))], asOf: asOf),
        ]
        let report = SLAReport(items, by: .month)
        let first = try #require(report.rows.first { $0.clock == "firstResponse" })
        #expect(first.clocks == 3 && first.met == 2 && first.breached == 1 && first.open == 0)
        #expect(first.shareMet == 2.0 / 3.0)
        #expect(first.medianBusinessSeconds == 3_600 && first.p90BusinessSeconds == 3 * 3_600)
        let resolution = try #require(report.rows.first { $0.clock == "resolution" })
        // The second, unresolved for 49 business hours, is past its 45; the third is paused.
        #expect(resolution.met == 1 && resolution.breached == 1 && resolution.open == 1)
        #expect(resolution.pausedByPractice > 0 && resolution.pausedByVendor == 0)
        #expect(SLAReport(items, by: .priority).rows.map(\.group).first == "high")
        #expect(report.csv.hasPrefix("month,clock,clocks,met,breached,open,share_met"))
    }
}

import Domain
import Foundation
import Testing

/// The schedule kept with each ticket must agree, at every later instant, with reading the clocks
/// then: it is what the queue's breached filter and the escalation sweep trust instead of them.
@Suite("Ticket schedule: when a ticket breaches and escalates next")
struct TicketScheduleTests {
    static let contract = Contract.medicalBilling(timeZone: "America/New_York")
    static let policy = contract.serviceLevels.responsePolicy
    static let ladder = contract.serviceLevels.escalationLadder

    static func ticket(_ priority: TicketPriority, opened: String) -> TicketClocks.Ticket {
        TicketClocks.Ticket(openedAt: local(opened), category: "claim_error", priority: priority, requester: .practice, assignee: .vendor)
    }

    /// Histories that stop at their last event, as a ticket does between two changes.
    static let cases: [(name: String, ticket: TicketClocks.Ticket, events: [TicketClockEvent])] = [
        ("untouched high ticket, opened Friday after hours", ticket(.high, opened: "2026-03-06 16:30"), []),
        (
            "answered in time, then waiting on the practice", ticket(.normal, opened: "2026-04-13 09:00"),
            [
                .init(at: local("2026-04-13 10:00"), kind: .publicMessage(by: .vendor)),
                .init(at: local("2026-04-13 10:05"), kind: .status(.waitingOnRequester)),
            ]
        ),
        (
            "answered late, in progress", ticket(.urgent, opened: "2026-04-13 09:00"),
            [
                .init(at: local("2026-04-14 15:00"), kind: .publicMessage(by: .vendor)),
                .init(at: local("2026-04-14 15:01"), kind: .status(.inProgress)),
            ]
        ),
        (
            "resolved", ticket(.low, opened: "2026-04-13 09:00"),
            [
                .init(at: local("2026-04-13 09:30"), kind: .publicMessage(by: .vendor)),
                .init(at: local("2026-04-13 12:00"), kind: .status(.resolved)),
            ]
        ),
        (
            "reopened after resolution, priority raised", ticket(.normal, opened: "2026-04-13 09:00"),
            [
                .init(at: local("2026-04-13 09:30"), kind: .publicMessage(by: .vendor)),
                .init(at: local("2026-04-13 12:00"), kind: .status(.resolved)),
                .init(at: local("2026-04-15 09:00"), kind: .status(.open)),
                .init(at: local("2026-04-15 09:10"), kind: .priority(.urgent)),
            ]
        ),
        (
            "waiting on a linked request of the practice", ticket(.high, opened: "2026-11-20 14:00"),
            [
                .init(at: local("2026-11-20 14:30"), kind: .publicMessage(by: .vendor)),
                .init(at: local("2026-11-20 15:00"), kind: .pause(by: .practice)),
            ]
        ),
    ]

    /// Every hour for three weeks after the last event.
    static func instants(after start: Date) -> [Date] {
        (0...(21 * 24)).map { start.addingTimeInterval(Double($0) * 3_600 + 1) }
    }

    @Test("breached at an instant exactly when the kept breach is at or before it", arguments: cases.indices)
    func breach(index: Int) {
        let (name, ticket, events) = Self.cases[index]
        let last = events.map(\.at).max() ?? ticket.openedAt
        let schedule = TicketSchedule.compute(ticket, events: events, policy: Self.policy, ladder: Self.ladder, fired: [], at: last)
        for instant in Self.instants(after: last) {
            let clocks = TicketClocks.evaluate(ticket, events: events, policy: Self.policy, asOf: instant)
            let breached = [clocks.firstResponse, clocks.update, clocks.resolution].contains { $0.breachedAt != nil }
            #expect(breached == (schedule.breachAt.map { $0 <= instant } ?? false), "\(name) at \(instant)")
        }
    }

    @Test(
        "a level is due at an instant exactly when the next escalation is at or before it, levels fired excluded", arguments: cases.indices)
    func escalation(index: Int) {
        let (name, ticket, events) = Self.cases[index]
        let last = events.map(\.at).max() ?? ticket.openedAt
        var fired: Set<String> = []
        // Fire as a sweeper would, every hour, and check the schedule before each sweep.
        for instant in Self.instants(after: last) {
            let schedule = TicketSchedule.compute(
                ticket, events: events, policy: Self.policy, ladder: Self.ladder, fired: fired, at: instant)
            let clocks = TicketClocks.evaluate(
                ticket, events: events, policy: Self.policy, asOf: instant, shares: EscalationPlan.shares(of: Self.ladder))
            let due = WatchedClock.all(clocks).flatMap { watched in
                EscalationPlan.due(
                    watched.reading, breachedAt: watched.breachedAt, ladder: Self.ladder, calendar: Self.policy.calendar, at: instant
                )
                .map { watched.key($0.level) }
            }.filter { !fired.contains($0) }
            #expect(!due.isEmpty == (schedule.nextEscalationAt.map { $0 <= instant } ?? false), "\(name) at \(instant): \(due)")
            fired.formUnion(due)
        }
    }

    @Test(
        "the hand-worked case: a high ticket opened Friday 16:30 breaches its first response Monday 11:30 and escalates first at the ladder's first share"
    )
    func handWorked() throws {
        let ticket = Self.ticket(.high, opened: "2026-03-06 16:30")
        let schedule = TicketSchedule.compute(
            ticket, events: [], policy: Self.policy, ladder: Self.ladder, fired: [], at: local("2026-03-06 16:30"))
        #expect(schedule.breachAt == local("2026-03-09 11:30"))
        let first = try #require(Self.ladder.first)
        let next = try #require(schedule.nextEscalationAt)
        #expect(next > local("2026-03-06 16:30") && next <= local("2026-03-09 11:30"), "level \(first.key) at \(next)")
        let done = TicketSchedule.compute(
            ticket,
            events: [
                .init(at: local("2026-03-09 09:00"), kind: .publicMessage(by: .vendor)),
                .init(at: local("2026-03-09 09:05"), kind: .status(.resolved)),
            ],
            policy: Self.policy, ladder: Self.ladder, fired: [], at: local("2026-03-09 09:05"))
        #expect(done == TicketSchedule(breachAt: nil, nextEscalationAt: nil))
    }
}

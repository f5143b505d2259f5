import Domain
import Foundation
import Testing

/// What each clock's state says at an instant: "met" only for an obligation that existed and was
/// kept; an update clock nobody owed yet is "not due".
@Suite("Ticket clock states say what is true")
struct TicketClockStateTests {
    static let ticket = TicketClocks.Ticket(
        openedAt: local("2026-04-13 09:00"), category: "claim_error", priority: .normal, requester: .practice, assignee: .vendor)
    static let policy = Contract.medicalBilling(timeZone: "America/New_York").serviceLevels.responsePolicy

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let events: [(String, TicketClockEvent.Kind)]
        let asOf: String
        let first, update, resolution: ClockReading.State
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "brand new, nobody has written", events: [], asOf: "2026-04-13 10:00", first: .running, update: .notDue,
            resolution: .running),
        Case(
            name: "answered once, the requester has not written since", events: [("2026-04-13 10:00", .publicMessage(by: .vendor))],
            asOf: "2026-04-13 11:00", first: .met, update: .notDue, resolution: .running),
        Case(
            name: "the requester wrote after the answer: an update is owed",
            events: [
                ("2026-04-13 10:00", .publicMessage(by: .vendor)), ("2026-04-13 11:00", .publicMessage(by: .practice)),
            ], asOf: "2026-04-13 12:00", first: .met, update: .running, resolution: .running),
        Case(
            name: "the owed update was given",
            events: [
                ("2026-04-13 10:00", .publicMessage(by: .vendor)), ("2026-04-13 11:00", .publicMessage(by: .practice)),
                ("2026-04-13 12:00", .publicMessage(by: .vendor)),
            ], asOf: "2026-04-13 13:00", first: .met, update: .met, resolution: .running),
        Case(
            name: "the owed update was never given, days later",
            events: [
                ("2026-04-13 10:00", .publicMessage(by: .vendor)), ("2026-04-13 11:00", .publicMessage(by: .practice)),
            ], asOf: "2026-04-20 12:00", first: .met, update: .breached, resolution: .breached),
        Case(
            name: "the requester wrote again before any answer", events: [("2026-04-13 10:00", .publicMessage(by: .practice))],
            asOf: "2026-04-13 11:00", first: .running, update: .running, resolution: .running),
        Case(
            name: "answered and resolved without a further question",
            events: [
                ("2026-04-13 10:00", .publicMessage(by: .vendor)), ("2026-04-13 11:00", .status(.resolved)),
            ], asOf: "2026-04-13 12:00", first: .met, update: .notDue, resolution: .met),
        Case(
            name: "waiting on the requester",
            events: [
                ("2026-04-13 10:00", .publicMessage(by: .vendor)), ("2026-04-13 10:30", .status(.waitingOnRequester)),
            ], asOf: "2026-04-13 12:00", first: .met, update: .notDue, resolution: .paused),
        Case(
            name: "brand new and left unanswered past its first-response target", events: [], asOf: "2026-04-15 12:00",
            first: .breached, update: .notDue, resolution: .running),
    ]

    @Test("each clock's state", arguments: cases)
    func states(_ example: Case) {
        let events = example.events.map { TicketClockEvent(at: local($0.0), kind: $0.1) }
        let clocks = TicketClocks.evaluate(Self.ticket, events: events, policy: Self.policy, asOf: local(example.asOf))
        #expect(clocks.firstResponse.state == example.first, "first response")
        #expect(clocks.update.state == example.update, "update")
        #expect(clocks.resolution.state == example.resolution, "resolution")
    }

    @Test("an update clock never owed fires no escalation")
    func notDueNeverEscalates() {
        let clocks = TicketClocks.evaluate(
            Self.ticket, events: [], policy: Self.policy, asOf: local("2026-04-20 12:00"), shares: [0.5, 0.75])
        let ladder = Contract.medicalBilling(timeZone: "America/New_York").serviceLevels.escalationLadder
        #expect(clocks.update.state == .notDue)
        #expect(
            EscalationPlan.due(
                clocks.update, breachedAt: clocks.update.breachedAt, ladder: ladder, calendar: Self.policy.calendar,
                at: local("2026-04-20 12:00")
            ).isEmpty)
    }
}

import Domain
import Foundation
import Testing

@Suite("Vendor scorecard")
struct VendorScorecardTests {
    static let policy = Contract.medicalBilling(timeZone: "America/New_York").serviceLevels.responsePolicy
    static let engagement = Engagement.ID()

    static func item(_ number: Int, assigned: Party, status: Ticket.Status = .open, events: [TicketClockEvent], asOf: String) -> SLAReport.Item {
        var ticket = Ticket(engagementID: engagement, number: number, category: .claimError, priority: .normal, title: "T\(number)", detail: "",
                            requester: assigned.other, assignedParty: assigned, gridTask: nil, openedBy: nil, openedAt: local("2026-04-13 09:00"))
        ticket.status = status
        let clocks = TicketClocks.evaluate(.init(openedAt: ticket.openedAt, category: "claim_error", priority: .normal, requester: assigned.other, assignee: assigned),
                                           events: events, policy: policy, asOf: local(asOf))
        return SLAReport.Item(ticket: ticket, clocks: clocks, month: CalendarMonth(CalendarDate(year: 2026, month: 4, day: 13)!))
    }

    @Test("waiting on the practice, escalations and service levels, hand-computed")
    func handComputed() throws {
        // T1: the vendor answers at 10:00 and waits on the practice from 11:00 to 13:00, then resolves at 14:00:
        // resolution used 3 business hours (9–11, 13–14) and paused 2, attributed to the practice.
        let waited = Self.item(1, assigned: .vendor, status: .resolved, events: [
            .init(at: local("2026-04-13 10:00"), kind: .publicMessage(by: .vendor)),
            .init(at: local("2026-04-13 11:00"), kind: .pause(by: .practice)),
            .init(at: local("2026-04-13 13:00"), kind: .resume),
            .init(at: local("2026-04-13 14:00"), kind: .status(.resolved)),
        ], asOf: "2026-04-14 12:00")
        // T2: untouched vendor ticket, read a week later: every clock breached.
        let ignored = Self.item(2, assigned: .vendor, events: [], asOf: "2026-04-20 12:00")
        // T3: a request for action the practice answered at 09:30.
        let request = Self.item(3, assigned: .practice, events: [.init(at: local("2026-04-13 09:30"), kind: .publicMessage(by: .practice))], asOf: "2026-04-13 12:00")
        let card = VendorScorecard(
            from: CalendarDate(year: 2026, month: 4, day: 1)!, to: CalendarDate(year: 2026, month: 4, day: 30)!,
            items: [waited, ignored, request], escalations: [ignored.ticket.id: 3, request.ticket.id: 1],
            targets: [.init(month: "2026-04", key: "initialDenialRate", outcome: .missed, value: 0.12),
                      .init(month: "2026-03", key: "initialDenialRate", outcome: .met, value: 0.04),
                      .init(month: "2026-04", key: "cleanClaimRate", outcome: .notMeasurable, value: nil)])
        #expect(card.waitingOnPracticeSeconds == 2 * 3_600)
        let used = waited.clocks.resolution.businessSecondsUsed + ignored.clocks.resolution.businessSecondsUsed
        #expect(card.waitingOnPracticeShare == 2 * 3_600 / (used + 2 * 3_600))
        #expect(card.vendorTickets == 2 && card.vendorTicketsDone == 1)
        #expect(card.escalations == 3, "only the vendor's tickets count")
        #expect(card.targetsMet == 1 && card.targetsMissed == 1)
        #expect(card.targets.map(\.month) == ["2026-03", "2026-04", "2026-04"])
        let firstResponse = try #require(card.vendorClocks.first { $0.clock == "firstResponse" })
        #expect((firstResponse.clocks, firstResponse.met, firstResponse.breached) == (2, 1, 1))
        let owed = try #require(card.practiceClocks.first { $0.clock == "firstResponse" })
        #expect((owed.clocks, owed.met) == (1, 1))
        #expect(card.csv.split(separator: "\n").contains("waiting,waiting_on_practice_business_seconds,7200.0000,,,,,,"))
        #expect(card.csv.split(separator: "\n").contains("target 2026-04,initialDenialRate,0.1200,0,1,,,,"))
    }

    @Test("no tickets: nothing to divide, nothing waited")
    func empty() {
        let card = VendorScorecard(from: CalendarDate(year: 2026, month: 4, day: 1)!, to: CalendarDate(year: 2026, month: 4, day: 30)!, items: [], escalations: [:], targets: [])
        #expect(card.waitingOnPracticeShare == nil && card.vendorClocks.isEmpty && card.targetsMet == 0)
    }
}

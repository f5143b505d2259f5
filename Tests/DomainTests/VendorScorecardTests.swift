import Domain
import Foundation
import Testing

@Suite("Vendor scorecard")
struct VendorScorecardTests {
    /// The vendor answers at 10:00 on 13 April 2026 and waits on the practice from 11:00 to
    /// 13:00, then resolves at 14:00 (Chicago time).
    static let answeredAfterWaitingOnThePractice: [TicketClockEvent] = [
        .init(at: local("2026-04-13 10:00"), kind: .publicMessage(by: .vendor)),
        .init(at: local("2026-04-13 11:00"), kind: .pause(by: .practice)),
        .init(at: local("2026-04-13 13:00"), kind: .resume),
        .init(at: local("2026-04-13 14:00"), kind: .status(.resolved)),
    ]

    static let policy = Contract.medicalBilling(timeZone: "America/New_York").serviceLevels.responsePolicy
    static let engagement = Engagement.ID()

    static func item(
        _ number: Int, assigned: Party, status: Ticket.Status = .open, opened: String = "2026-04-13 09:00", events: [TicketClockEvent],
        asOf: String
    ) -> SLAReport.Item {
        var ticket = Ticket(
            engagementID: engagement, number: number, category: .claimError, priority: .normal, title: "T\(number)", detail: "",
            requester: assigned.other, assignedParty: assigned, gridTask: nil, openedBy: nil, openedAt: local(opened))
        ticket.status = status
        let clocks = TicketClocks.evaluate(
            .init(openedAt: ticket.openedAt, category: "claim_error", priority: .normal, requester: assigned.other, assignee: assigned),
            events: events, policy: policy, asOf: local(asOf))
        return SLAReport.Item(
            ticket: ticket, clocks: clocks, month: CalendarMonth(CalendarDate.on(ticket.openedAt, in: "America/New_York")!))
    }

    @Test("waiting on the practice, escalations and service levels, hand-computed")
    func handComputed() throws {
        // T1: the vendor answers at 10:00 and waits on the practice from 11:00 to 13:00, then resolves at 14:00:
        // resolution used 3 business hours (9–11, 13–14) and paused 2, attributed to the practice.
        let waited = Self.item(
            1, assigned: .vendor, status: .resolved,
            events: Self.answeredAfterWaitingOnThePractice, asOf: "2026-04-14 12:00")
        // T2: untouched vendor ticket, read a week later: every clock breached.
        let ignored = Self.item(2, assigned: .vendor, events: [], asOf: "2026-04-20 12:00")
        // T3: a request for action the practice answered at 09:30.
        let request = Self.item(
            3, assigned: .practice, events: [.init(at: local("2026-04-13 09:30"), kind: .publicMessage(by: .practice))],
            asOf: "2026-04-13 12:00")
        let card = VendorScorecard(
            from: CalendarDate(year: 2026, month: 4, day: 1)!, to: CalendarDate(year: 2026, month: 4, day: 30)!,
            items: [waited, ignored, request], escalations: [ignored.ticket.id: 3, request.ticket.id: 1],
            targets: [
                .init(month: "2026-04", key: "initialDenialRate", outcome: .missed, value: 0.12),
                .init(month: "2026-03", key: "initialDenialRate", outcome: .met, value: 0.04),
                .init(month: "2026-04", key: "cleanClaimRate", outcome: .notMeasurable, value: nil),
            ])
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
        let card = VendorScorecard(
            from: CalendarDate(year: 2026, month: 4, day: 1)!, to: CalendarDate(year: 2026, month: 4, day: 30)!, items: [],
            escalations: [:], targets: [])
        #expect(card.waitingOnPracticeShare == nil && card.vendorClocks.isEmpty && card.targetsMet == 0)
    }

    /// An audit of `right` claims without error and `wrong` with one, `unreviewed` not yet looked at.
    static func audit(_ number: Int, from: CalendarDate, right: Int, wrong: Int, unreviewed: Int = 0) -> QualityAudit {
        let reviewed = Date(timeIntervalSince1970: 1_780_000_000)
        let claims =
            (0..<right).map { SampledClaim(claim: "R\(number)-\($0)", stratum: "", reviewedAt: reviewed) }
            + (0..<wrong).map {
                SampledClaim(
                    claim: "W\(number)-\($0)", stratum: "", reviewedAt: reviewed,
                    findings: [AuditFinding(type: .coding, severity: .medium, note: "", foundAt: reviewed)])
            }
            + (0..<unreviewed).map { SampledClaim(claim: "U\(number)-\($0)", stratum: "") }
        return QualityAudit(
            engagementID: engagement, number: number, name: "Audit \(number)", from: from, to: from.adding(days: 20)!,
            size: claims.count, seed: 1, reviewerEmail: "a@b.example", claims: claims, createdAt: reviewed)
    }

    @Test("month by month: service levels, clocks met in time, escalations, waiting and audit accuracy, hand-computed")
    func monthByMonth() throws {
        let april = CalendarDate(year: 2026, month: 4, day: 1)!, may = CalendarDate(year: 2026, month: 5, day: 1)!
        // April: T1 answered and resolved in time (2 clocks met), waited 2 business hours on the practice.
        let answered = Self.item(
            1, assigned: .vendor, status: .resolved,
            events: Self.answeredAfterWaitingOnThePractice, asOf: "2026-06-01 12:00")
        // May: T2 never touched, read in June: both clocks breached; escalated twice.
        let ignored = Self.item(2, assigned: .vendor, opened: "2026-05-12 09:00", events: [], asOf: "2026-06-01 12:00")
        let card = VendorScorecard(
            from: april, to: CalendarDate(year: 2026, month: 5, day: 31)!, items: [answered, ignored], escalations: [ignored.ticket.id: 2],
            targets: [
                .init(month: "2026-04", key: "initialDenialRate", outcome: .met, value: 0.04),
                .init(month: "2026-04", key: "daysInAR", outcome: .met, value: 31),
                .init(month: "2026-05", key: "initialDenialRate", outcome: .missed, value: 0.11),
                .init(month: "2026-05", key: "cleanClaimRate", outcome: .notMeasurable, value: nil),
            ],
            // Audit 1 (April): 9 right of 10 reviewed, 2 not reviewed; audit 2 (May): 3 of 4; audit 3 starts in March: outside.
            audits: [
                Self.audit(1, from: april, right: 9, wrong: 1, unreviewed: 2), Self.audit(2, from: may, right: 3, wrong: 1),
                Self.audit(3, from: CalendarDate(year: 2026, month: 3, day: 1)!, right: 0, wrong: 5),
            ],
            openEscalations: ["T-2"])
        #expect(card.months.map(\.month) == ["2026-04", "2026-05"])
        let (first, second) = (card.months[0], card.months[1])
        #expect((first.targetsMet, first.targetsMeasured) == (2, 2))
        #expect((second.targetsMet, second.targetsMeasured) == (0, 1), "a target that could not be measured is not judged")
        let firstClocks = answered.clocks
        #expect(firstClocks.firstResponse.state == .met && firstClocks.resolution.state == .met)
        #expect((first.clocksMet, first.clocksBreached, first.slaCompliance) == (2, 0, 1))
        #expect((second.clocksMet, second.clocksBreached, second.slaCompliance) == (0, 2, 0))
        #expect(card.slaCompliance == 0.5)
        #expect((first.escalations, second.escalations) == (0, 2))
        #expect((first.waitingOnPracticeSeconds, second.waitingOnPracticeSeconds) == (2 * 3_600, 0))
        #expect((first.auditAccuracy, first.auditedClaims) == (0.9, 10))
        #expect((second.auditAccuracy, second.auditedClaims) == (0.75, 4))
        #expect(card.audits.map(\.number) == [1, 2], "an audit of claims from before the range is not counted")
        #expect(card.auditAccuracy == 12.0 / 14.0)
        #expect(card.openEscalations == ["T-2"])
        let lines = card.csv.split(separator: "\n")
        #expect(lines.contains("tickets,open_escalations,1,,,,,,"))
        #expect(lines.contains("month 2026-05,vendor_clocks,2,0,2,,0.0000,,"))
        #expect(lines.contains("month 2026-04,audit_accuracy,0.9000,,,,,,"))
    }

    @Test("a range inside one month has one month; no audit means no accuracy, not zero")
    func oneMonth() {
        let card = VendorScorecard(
            from: CalendarDate(year: 2026, month: 2, day: 10)!, to: CalendarDate(year: 2026, month: 2, day: 20)!, items: [],
            escalations: [:], targets: [], audits: [Self.audit(1, from: CalendarDate(year: 2026, month: 2, day: 1)!, right: 1, wrong: 0)])
        #expect(card.months.map(\.month) == ["2026-02"])
        #expect(card.auditAccuracy == nil && card.months[0].auditAccuracy == nil && card.slaCompliance == nil)
    }
}

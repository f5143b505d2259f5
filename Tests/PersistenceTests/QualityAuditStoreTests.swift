import Domain
import Foundation
import SightlineTestSupport
import Testing

@testable import Persistence

@Suite("Quality audits in the database", .database)
struct QualityAuditStoreTests {
    @Test(
        "a sample drawn twice with one seed is the same claims, spread over the payers; reviews add up to accuracy, error rates and correction time"
    )
    func audits() async throws {
        let database = try TestDatabase.app.db
        let (parties, engagement) = try await engagedPractice(months: 2)
        let store = QualityAuditStore(database)
        let manager = parties[.practiceManager]
        func draft(seed: UInt64, strata: QualityAudit.Strata = .payer) -> QualityAudit {
            QualityAudit(
                engagementID: engagement.id, number: 0, name: "January claims", from: day("2026-01-05"), to: day("2026-01-31"),
                strata: strata,
                size: 12, seed: seed, reviewerEmail: manager.user.email.value, createdAt: Date())
        }
        let first = try await store.create(draft(seed: 99), in: engagement, by: manager, now: Date())
        let again = try await store.create(draft(seed: 99), in: engagement, by: manager, now: Date())
        let other = try await store.create(draft(seed: 100), in: engagement, by: manager, now: Date())
        #expect(first.claims.map(\.claim) == again.claims.map(\.claim))
        #expect(first.claims.map(\.claim) != other.claims.map(\.claim))
        #expect(first.claims.count == 12 && Set(first.claims.map(\.stratum)).count > 1, "spread over the payers")
        #expect(first.number == 1 && again.number == 2)
        let denied = try await store.create(draft(seed: 5, strata: .denialCategory), in: engagement, by: manager, now: Date())
        #expect(!denied.claims.isEmpty)

        await #expect(throws: GovernanceError.notAllowed(.vendorLead, "review audited claims")) {
            try await store.review(first.id, claim: first.claims[0].claim, findings: [], by: parties[.vendorLead], now: Date())
        }
        await #expect(throws: GovernanceError.field("claim", "'nope' is not in the sample")) {
            try await store.review(first.id, claim: "nope", findings: [], by: manager, now: Date())
        }
        let found = Date()
        _ = try await store.review(first.id, claim: first.claims[0].claim, findings: [], by: manager, now: found)
        _ = try await store.review(
            first.id, claim: first.claims[1].claim,
            findings: [AuditFinding(type: .coding, severity: .high, note: "modifier 25 missing", foundAt: found)], by: manager, now: found)
        let fixed = try await store.corrected(first.id, claim: first.claims[1].claim, by: manager, now: found.addingTimeInterval(6 * 3_600))
        let results = AuditResults(fixed)
        #expect(results.reviewed == 2 && results.accuracy == 0.5 && results.errorRates == ["coding": 0.5])
        #expect(results.meanHoursToCorrect.map { abs($0 - 6) < 0.01 } == true)
        #expect(fixed.status == .open)

        let others = try await TestParties.make(practiceName: "Lakeside Pediatrics", vendorName: "Other Billing")
        await #expect(throws: StoreError.notFound(kind: "audit", id: first.id.description)) {
            try await store.audit(first.id, visibleTo: others[.practiceManager])
        }
    }

    @Test(
        "a finding opens one ticket for the vendor, prioritised by its severity and linked to the claim, and becomes one review action; the scorecard counts the audit"
    )
    func findingsFollowUp() async throws {
        let database = try TestDatabase.app.db
        let (parties, engagement) = try await engagedPractice(months: 2)
        let store = QualityAuditStore(database)
        let manager = parties[.practiceManager], lead = parties[.vendorLead]
        var audit = try await store.create(
            QualityAudit(
                engagementID: engagement.id, number: 0, name: "January", from: day("2026-01-05"), to: day("2026-01-31"), size: 4, seed: 3,
                reviewerEmail: manager.user.email.value, createdAt: Date()), in: engagement, by: manager, now: Date())
        let claim = audit.claims[0].claim
        audit = try await store.addFinding(
            audit.id, claim: claim, type: .payerRule, severity: .high, note: "auth number missing", by: manager, now: Date())
        audit = try await store.addFinding(audit.id, claim: claim, type: .coding, severity: .low, note: "", by: manager, now: Date())
        #expect(audit.claims[0].findings.map(\.type) == [.payerRule, .coding], "findings add up on a claim")
        for other in audit.claims.dropFirst() {
            audit = try await store.review(audit.id, claim: other.claim, findings: [], by: manager, now: Date())
        }
        #expect(audit.status == .completed && AuditResults(audit).accuracy == 0.75)

        let ticket = try await store.openTicket(for: audit.id, claim: claim, finding: 1, by: manager, now: Date())
        #expect(ticket.priority == .high && ticket.assignedParty == .vendor && ticket.category == .claimError)
        #expect(ticket.evidence["claim"] == claim && ticket.title.contains("payer rule"))
        let events = try await TicketStore(database).events(of: ticket.id, visibleTo: nil)
        #expect(events.contains { $0.kind == .link && $0.data["claim"] == claim })
        await #expect(throws: GovernanceError.conflict("finding 1 of claim \(claim) opened ticket \(ticket.reference) already")) {
            try await store.openTicket(for: audit.id, claim: claim, finding: 1, by: manager, now: Date())
        }
        let low = try await store.openTicket(for: audit.id, claim: claim, finding: 2, by: manager, now: Date())
        #expect(low.priority == .low)
        await #expect(throws: GovernanceError.field("finding", "claim \(claim) has 2 findings; there is no finding 3")) {
            try await store.openTicket(for: audit.id, claim: claim, finding: 3, by: manager, now: Date())
        }
        await #expect(throws: GovernanceError.notAllowed(.vendorLead, "open tickets from audit findings")) {
            try await store.openTicket(for: audit.id, claim: claim, finding: 1, by: lead, now: Date())
        }

        let review = try await GovernanceStore(database).schedule(on: day("2026-03-10"), in: engagement, free: [], by: manager, now: Date())
        let action = try await store.openAction(
            for: audit.id, claim: claim, finding: 1, review: review.id, title: nil, owner: lead.user.email.value,
            dueOn: day("2026-03-31"), by: manager, now: Date())
        #expect(action.ownerEmail == lead.user.email.value && action.linksTo.contains(ticket.reference) && action.title.contains(claim))
        let (stored, _) = try await store.audit(audit.id, visibleTo: manager)
        #expect(stored.claims[0].findings[0].ticket == ticket.reference && stored.claims[0].findings[0].action == action.reference)
        await #expect(throws: GovernanceError.conflict("finding 1 of claim \(claim) is action \(action.reference) already")) {
            try await store.openAction(
                for: audit.id, claim: claim, finding: 1, review: review.id, title: nil, owner: lead.user.email.value,
                dueOn: day("2026-03-31"), by: manager, now: Date())
        }

        let card = try await TicketStore(database).scorecard(
            of: engagement.id, from: day("2026-01-01"), to: day("2026-01-31"), zone: "UTC", asOf: Date())
        #expect(card.audits.map(\.number) == [audit.number] && card.auditAccuracy == 0.75)
        #expect(card.months.first?.auditAccuracy == 0.75)
    }

    @Test("open escalations on the scorecard: the vendor's escalated tickets still open, not the resolved ones nor the practice's")
    func openEscalations() async throws {
        let database = try TestDatabase.app.db
        let (parties, engagement) = try await engagedPractice(months: 1)
        let tickets = TicketStore(database)
        let manager = parties[.practiceManager], lead = parties[.vendorLead]
        func open(_ title: String, _ party: Party) async throws -> Ticket {
            try await tickets.open(
                TicketDraft(category: .claimError, priority: .normal, title: title, detail: "", assignedParty: party, gridTask: nil),
                in: engagement, by: manager, now: Date())
        }
        let stuck = try await open("Stuck", .vendor), solved = try await open("Solved", .vendor), quiet = try await open("Quiet", .vendor)
        let owed = try await open("Owed by the practice", .practice)
        for ticket in [stuck, solved, owed] {
            _ = try await tickets.escalate(ticket.id, level: "leadership", reason: "filing limit", by: manager, now: Date())
        }
        _ = try await tickets.setStatus(solved.id, to: .resolved, reason: "done", by: lead, now: Date())
        let today = try #require(CalendarDate.on(Date(), in: "UTC"))
        let card = try await tickets.scorecard(of: engagement.id, from: today, to: today, zone: "UTC", asOf: Date())
        #expect(card.openEscalations == [stuck.reference], "\(quiet.reference) was never escalated")
    }
}

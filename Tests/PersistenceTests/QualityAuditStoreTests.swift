import Domain
import Foundation
@testable import Persistence
import SightlineTestSupport
import Testing

@Suite("Quality audits in the database", .database)
struct QualityAuditStoreTests {
    @Test("a sample drawn twice with one seed is the same claims, spread over the payers; reviews add up to accuracy, error rates and correction time")
    func audits() async throws {
        let database = try TestDatabase.app.db
        let (parties, engagement) = try await engagedPractice(months: 2)
        let store = QualityAuditStore(database)
        let manager = parties[.practiceManager]
        func draft(seed: UInt64, strata: QualityAudit.Strata = .payer) -> QualityAudit {
            QualityAudit(engagementID: engagement.id, number: 0, name: "January claims", from: day("2026-01-05"), to: day("2026-01-31"), strata: strata,
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
        _ = try await store.review(first.id, claim: first.claims[1].claim,
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
}

import Domain
import FluentKit
import Foundation
import Persistence

extension DemoWorkspace {
    /// The demo's quality audit: 20 claims submitted in the four weeks that end ten days before
    /// the latest review (`before`), drawn by payer with a fixed seed and reviewed in the week
    /// before it — three with findings (one corrected), the rest right — so its findings are on
    /// that review's agenda, and it lies within the scorecard's default range (the last 90 days).
    static func drawDemoAudit(
        on database: any Database, engagement: Engagement, by manager: Caller, before review: CalendarDate, clock: Clock
    ) async throws -> QualityAudit {
        let from = review.adding(days: -36) ?? review, to = review.adding(days: -10) ?? review
        func moment(_ daysBefore: Int, hour: Int) -> Date {
            clock.at(clock.businessDay(onOrBefore: review.adding(days: -daysBefore) ?? review), hour)
        }
        let store = QualityAuditStore(database)
        let drawn = moment(8, hour: 15)
        var audit = try await store.create(
            QualityAudit(
                engagementID: engagement.id, number: 0, name: "Claims of \(dayName(from)) to \(dayName(to))", from: from, to: to,
                strata: .payer, size: 20, seed: 2_026, reviewerEmail: manager.user.email.value, createdAt: drawn),
            in: engagement, by: manager, now: drawn)
        let findings: [(AuditFinding.ErrorType, AuditFinding.Severity, String)] = [
            (.coding, .high, "Modifier 25 missing on the visit billed with a procedure the same day"),
            (.payerRule, .medium, "Submitted without the authorization number the payer requires"),
            (.demographic, .low, "Subscriber id typed with a transposed digit"),
        ]
        for (index, sampled) in audit.claims.enumerated() {
            let at = moment(7 - index / 5, hour: 14)
            if index % 6 == 2, index / 6 < findings.count {
                let (type, severity, note) = findings[index / 6]
                audit = try await store.addFinding(
                    audit.id, claim: sampled.claim, type: type, severity: severity, note: note, by: manager, now: at)
                if type == .demographic {
                    audit = try await store.corrected(audit.id, claim: sampled.claim, by: manager, now: moment(2, hour: 11))
                }
            } else {
                audit = try await store.review(audit.id, claim: sampled.claim, findings: [], by: manager, now: at)
            }
        }
        return audit
    }

    /// The audit's follow-up once the reviews are held: the coding finding opened a ticket for the
    /// vendor, the payer-rule finding became an action of the latest review.
    static func followDemoAudit(
        _ audit: QualityAudit, on database: any Database, review: GovernanceReview, owner: Caller, by manager: Caller, clock: Clock
    ) async throws {
        let store = QualityAuditStore(database)
        let moment = clock.at(review.scheduledOn, 15, 30)
        for sampled in audit.claims {
            for (offset, finding) in sampled.findings.enumerated() {
                switch finding.type {
                case .coding:
                    _ = try await store.openTicket(for: audit.id, claim: sampled.claim, finding: offset + 1, by: manager, now: moment)
                case .payerRule:
                    _ = try await store.openAction(
                        for: audit.id, claim: sampled.claim, finding: offset + 1, review: review.id,
                        title: "Add the payer's authorization rule to the claim scrubber", owner: owner.user.email.value,
                        dueOn: review.scheduledOn.adding(days: 21) ?? review.scheduledOn, by: manager, now: moment)
                default: break
                }
            }
        }
    }
}

import Domain
import FluentKit
import Foundation

extension DemoWorkspace {
    /// The demo's quality audit: 20 claims of three months ago drawn by payer with a fixed seed and
    /// reviewed two months ago — three with findings (one corrected), the rest right — so its
    /// findings are on the agendas of the reviews that follow.
    static func drawDemoAudit(on database: any Database, engagement: Engagement, by manager: Caller, month: CalendarMonth) async throws -> QualityAudit {
        let claimsMonth = month.adding(months: -3) ?? month, reviewMonth = month.adding(months: -2) ?? month
        func moment(_ day: Int, hour: Int) -> Date {
            let date = CalendarDate(year: reviewMonth.year, month: reviewMonth.month, day: day) ?? reviewMonth.firstDay
            return Date(timeIntervalSince1970: Double(date.dayNumber) * 86_400 + Double(hour) * 3_600)
        }
        let store = QualityAuditStore(database)
        var audit = try await store.create(
            QualityAudit(engagementID: engagement.id, number: 0, name: "Claims of \(claimsMonth)", from: claimsMonth.firstDay, to: claimsMonth.lastDay,
                         strata: .payer, size: 20, seed: 2_026, reviewerEmail: manager.user.email.value, createdAt: moment(2, hour: 15)),
            in: engagement, by: manager, now: moment(2, hour: 15))
        let findings: [(AuditFinding.ErrorType, AuditFinding.Severity, String)] = [
            (.coding, .high, "Modifier 25 missing on the visit billed with a procedure the same day"),
            (.payerRule, .medium, "Submitted without the authorization number the payer requires"),
            (.demographic, .low, "Subscriber id typed with a transposed digit"),
        ]
        for (index, sampled) in audit.claims.enumerated() {
            let at = moment(3 + index / 5, hour: 14)
            if index % 6 == 2, index / 6 < findings.count {
                let (type, severity, note) = findings[index / 6]
                audit = try await store.addFinding(audit.id, claim: sampled.claim, type: type, severity: severity, note: note, by: manager, now: at)
                if type == .demographic {
                    audit = try await store.corrected(audit.id, claim: sampled.claim, by: manager, now: moment(9, hour: 11))
                }
            } else {
                audit = try await store.review(audit.id, claim: sampled.claim, findings: [], by: manager, now: at)
            }
        }
        return audit
    }

    /// The audit's follow-up once the reviews are held: the coding finding opened a ticket for the
    /// vendor, the payer-rule finding became an action of the latest review.
    static func followDemoAudit(_ audit: QualityAudit, on database: any Database, review: GovernanceReview, owner: Caller, by manager: Caller) async throws {
        let store = QualityAuditStore(database)
        let moment = Date(timeIntervalSince1970: Double(review.scheduledOn.dayNumber) * 86_400 + 17 * 3_600)
        for sampled in audit.claims {
            for (offset, finding) in sampled.findings.enumerated() {
                switch finding.type {
                case .coding:
                    _ = try await store.openTicket(for: audit.id, claim: sampled.claim, finding: offset + 1, by: manager, now: moment)
                case .payerRule:
                    _ = try await store.openAction(for: audit.id, claim: sampled.claim, finding: offset + 1, review: review.id,
                                                   title: "Add the payer's authorization rule to the claim scrubber", owner: owner.user.email.value,
                                                   dueOn: review.scheduledOn.adding(days: 21) ?? review.scheduledOn, by: manager, now: moment)
                default: break
                }
            }
        }
    }
}

import Domain
import FluentKit
import Foundation

/// Follow-up of an audit's findings, one at a time: a finding added to a claim's review, and a
/// finding turned into a ticket for the vendor to correct or into an action of a governance review.
extension QualityAuditStore {
    /// Adds one finding to a claim's review (the claim counts as reviewed, with an error).
    public func addFinding(
        _ id: QualityAudit.ID, claim: String, type: AuditFinding.ErrorType, severity: AuditFinding.Severity, note: String,
        by caller: Caller, now: Date
    ) async throws -> QualityAudit {
        try Self.require(caller, to: "review audited claims")
        let (_, engagement) = try await audit(id, visibleTo: caller)
        let text = note.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count <= 1_000 else { throw GovernanceError.field("note", "at most 1,000 characters") }
        return try await change(id, engagement: engagement, now: now, detail: "\(claim): \(type.rawValue) finding (\(severity.rawValue))") {
            audit in
            let index = try Self.index(of: claim, in: audit)
            audit.claims[index].reviewedAt = now
            audit.claims[index].findings.append(AuditFinding(type: type, severity: severity, note: text, foundAt: now))
            if audit.claims.allSatisfy({ $0.reviewedAt != nil }) { audit.status = .completed }
        }
    }

    /// Opens a ticket for the vendor to correct a finding: its priority follows the finding's
    /// severity, it is linked to the claim, and the finding keeps the ticket's reference.
    public func openTicket(for id: QualityAudit.ID, claim: String, finding: Int, by caller: Caller, now: Date) async throws -> Ticket {
        try Self.require(caller, to: "open tickets from audit findings")
        let (_, engagement) = try await audit(id, visibleTo: caller)
        return try await database.atomically { transaction in
            let row = try await Self.row(id, on: transaction)
            var audit = try row.domain()
            let (claimIndex, found) = try Self.finding(finding, of: claim, in: audit)
            if let ticket = found.ticket {
                throw GovernanceError.conflict("finding \(finding) of claim \(claim) opened ticket \(ticket) already")
            }
            let title = "Audit \(audit.number) finding: \(found.type.label.lowercased()) error on claim \(claim)"
            let detail =
                "Quality audit \(audit.number) (\(audit.name)) found a \(found.severity.rawValue)-severity \(found.type.label.lowercased()) error on claim \(claim)."
                + (found.note.isEmpty ? "" : "\n\n\(found.note)") + "\n\nPlease correct the claim and say what was done."
            let store = TicketStore(transaction)
            let ticket = try await store.insert(
                engagement: engagement, category: .claimError, priority: found.priority, title: String(title.prefix(200)), detail: detail,
                requester: caller.user.role.party, assignedParty: .vendor, gridTask: nil, openedBy: caller.user.id, now: now,
                evidence: ["audit": audit.id.description, "claim": claim, "finding": String(finding)],
                dedupeKey: "audit:\(audit.id):\(claim):\(finding)")
            _ = try await store.append(
                .link, to: ticket, practiceID: engagement.practiceID, at: now, actor: caller.user.id, party: caller.user.role.party,
                organization: caller.organization.id, data: ["claim": claim])
            audit.claims[claimIndex].findings[finding - 1].ticket = ticket.reference
            try await Self.save(
                audit, row: row, engagement: engagement, on: transaction, now: now,
                detail: "\(claim): finding \(finding) opened \(ticket.reference)")
            return ticket
        }
    }

    /// Makes a finding an action of a governance review, owned and due, linked back to the audit.
    public func openAction(
        for id: QualityAudit.ID, claim: String, finding: Int, review: GovernanceReview.ID, title: String?, owner: String,
        dueOn: CalendarDate, by caller: Caller, now: Date
    ) async throws -> ReviewAction {
        try Self.require(caller, to: "make audit findings review actions")
        let (_, engagement) = try await audit(id, visibleTo: caller)
        return try await database.atomically { transaction in
            let row = try await Self.row(id, on: transaction)
            var audit = try row.domain()
            let (claimIndex, found) = try Self.finding(finding, of: claim, in: audit)
            if let action = found.action {
                throw GovernanceError.conflict("finding \(finding) of claim \(claim) is action \(action) already")
            }
            let (chosen, _) = try await GovernanceStore(transaction).review(review, visibleTo: caller)
            guard chosen.engagementID == engagement.id else { throw GovernanceError.field("review", "is not a review of this engagement") }
            let named = title?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            let what =
                named.isEmpty ? "Correct the \(found.type.label.lowercased()) error audit \(audit.number) found on claim \(claim)" : named
            let action = try await GovernanceStore(transaction).addAction(
                to: review, title: String(what.prefix(200)), owner: owner, dueOn: dueOn,
                linksTo: "audit \(audit.number), claim \(claim)" + (found.ticket.map { ", \($0)" } ?? ""),
                by: caller, now: now)
            audit.claims[claimIndex].findings[finding - 1].action = action.reference
            try await Self.save(
                audit, row: row, engagement: engagement, on: transaction, now: now,
                detail: "\(claim): finding \(finding) became \(action.reference)")
            return action
        }
    }

    static func index(of claim: String, in audit: QualityAudit) throws(GovernanceError) -> Int {
        guard let index = audit.claims.firstIndex(where: { $0.claim == claim }) else {
            throw .field("claim", "'\(claim)' is not in the sample")
        }
        return index
    }

    /// The `number`th finding (from 1) of a claim of the sample.
    static func finding(_ number: Int, of claim: String, in audit: QualityAudit) throws(GovernanceError) -> (Int, AuditFinding) {
        let index = try index(of: claim, in: audit)
        let findings = audit.claims[index].findings
        guard (1...max(1, findings.count)).contains(number), number <= findings.count else {
            throw .field("finding", "claim \(claim) has \(findings.count) findings; there is no finding \(number)")
        }
        return (index, findings[number - 1])
    }

    static func row(_ id: QualityAudit.ID, on database: any Database) async throws -> QualityAuditModel {
        guard let row = try await QualityAuditModel.find(id.rawValue, on: database) else {
            throw StoreError.notFound(kind: "audit", id: id.description)
        }
        return row
    }

    static func save(
        _ audit: QualityAudit, row: QualityAuditModel, engagement: Engagement, on database: any Database, now: Date, detail: String
    ) async throws {
        row.document = try StoredDocument.encode(audit)
        row.status = audit.status.rawValue
        try await row.update(on: database)
        try await AuditTrail(database).record(
            AuditEntry(
                "quality_audit.review", practice: engagement.practiceID.rawValue, object: "quality_audit:\(audit.id)",
                detail: String(detail.prefix(300))), at: now)
    }
}

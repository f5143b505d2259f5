import Domain
import FluentKit
import Foundation
import SQLKit

/// Table `quality_audits`: the audit, its sample and reviews kept whole.
final class QualityAuditModel: Model, @unchecked Sendable {
    static let schema = "quality_audits"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "engagement_id") var engagementID: UUID
    @Field(key: "number") var number: Int
    @Field(key: "document") var document: String
    @Field(key: "status") var status: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    func domain() throws(StoreError) -> QualityAudit { try StoredDocument.decode(QualityAudit.self, from: document, table: Self.schema) }
}

/// Quality audits of the vendor's work on the practice's claims: drawn, reviewed claim by claim,
/// and summed up as accuracy, error rates by type and correction time.
public struct QualityAuditStore: Sendable {
    let database: any Database

    public init(_ database: any Database) { self.database = database }

    static func require(_ caller: Caller, to action: String) throws(GovernanceError) {
        guard Policy.allows(caller.user.role, .auditClaims) else { throw .notAllowed(caller.user.role, action) }
    }

    public func audits(in engagement: Engagement.ID) async throws -> [QualityAudit] {
        try await QualityAuditModel.query(on: database).filter(\.$engagementID == engagement.rawValue).sort(\.$number, .descending).all()
            .map { try $0.domain() }
    }

    public func audit(_ id: QualityAudit.ID, visibleTo caller: Caller) async throws -> (QualityAudit, Engagement) {
        guard let row = try await QualityAuditModel.find(id.rawValue, on: database) else {
            throw StoreError.notFound(kind: "audit", id: id.description)
        }
        let engagement = try await EngagementStore(database).owning(row.engagementID, of: "audit", id: id.description, visibleTo: caller)
        return (try row.domain(), engagement)
    }

    /// The population: claims submitted on the audit's days (of its payers, first denied for its
    /// categories when it names any), each with its stratum.
    func population(of audit: QualityAudit, practice: Organization.ID) async throws -> [String: String] {
        guard let sql = database as? any SQLDatabase else { return [:] }
        var filters: [KPIDimension: Set<String>] = [:]
        if !audit.payers.isEmpty { filters[.payer] = Set(audit.payers) }
        var selection = ClaimSelection(
            practiceID: practice.rawValue, figure: .claimsSubmitted, from: audit.from, to: audit.to, filters: filters, page: 1,
            perPage: 1_000_000)
        selection.page = 1
        let categories = Set(audit.denialCategories)
        var population: [String: String] = [:]
        for item in try await selection.run(on: sql).claims {
            let category =
                item.firstAdjudicationClass == "denial" ? item.primaryReason.map { DenialCategory.of(primaryReason: $0).rawValue } : nil
            if !categories.isEmpty, !categories.contains(where: { $0.rawValue == category }) { continue }
            switch audit.strata {
            case .none: population[item.claim] = ""
            case .payer: population[item.claim] = item.payer
            case .denialCategory: population[item.claim] = category ?? "not denied"
            }
        }
        return population
    }

    /// Draws the sample and opens the audit.
    public func create(_ draft: QualityAudit, in engagement: Engagement, by caller: Caller, now: Date) async throws -> QualityAudit {
        try Self.require(caller, to: "draw quality audit samples")
        var audit = draft
        audit.name = draft.name.trimmingCharacters(in: .whitespacesAndNewlines)
        audit.reviewerEmail = try await GovernanceStore(database).party(draft.reviewerEmail, of: engagement, field: "reviewer")
        try audit.validate()
        audit.claims = AuditSampler.sample(
            try await population(of: audit, practice: engagement.practiceID), size: audit.size, seed: audit.seed)
        guard !audit.claims.isEmpty else { throw GovernanceError.field("from", "no claim submitted on those days matches the audit") }
        let drawn = audit
        return try await database.atomically { transaction in
            var audit = drawn
            let last = try await QualityAuditModel.query(on: transaction).filter(\.$engagementID == engagement.id.rawValue).sort(
                \.$number, .descending
            ).first()
            audit.id = QualityAudit.ID()
            audit.engagementID = engagement.id
            audit.number = (last?.number ?? 0) + 1
            audit.status = .open
            audit.createdAt = now
            let row = QualityAuditModel()
            row.id = audit.id.rawValue
            row.practiceID = engagement.practiceID.rawValue
            row.engagementID = engagement.id.rawValue
            row.number = audit.number
            row.document = try StoredDocument.encode(audit)
            row.status = audit.status.rawValue
            row.createdAt = now
            try await row.create(on: transaction)
            try await AuditTrail(transaction).record(
                AuditEntry(
                    "quality_audit.create", practice: engagement.practiceID.rawValue, object: "quality_audit:\(audit.id)",
                    detail:
                        "\(audit.claims.count) claims drawn with seed \(audit.seed) (\(audit.strata.rawValue)) from \(audit.from) to \(audit.to)"
                ), at: now)
            return audit
        }
    }

    /// Records the review of one sampled claim: its findings (none: the claim was right).
    public func review(
        _ id: QualityAudit.ID, claim: String, findings: [AuditFinding], by caller: Caller, now: Date
    ) async throws -> QualityAudit {
        try Self.require(caller, to: "review audited claims")
        let (_, engagement) = try await audit(id, visibleTo: caller)
        guard findings.allSatisfy({ $0.note.count <= 1_000 }) else { throw GovernanceError.field("note", "at most 1,000 characters") }
        return try await change(id, engagement: engagement, now: now, detail: "\(claim): \(findings.count) findings") { audit in
            let index = try Self.index(of: claim, in: audit)
            audit.claims[index].reviewedAt = now
            audit.claims[index].findings = findings.map { AuditFinding(type: $0.type, severity: $0.severity, note: $0.note, foundAt: now) }
            if audit.claims.allSatisfy({ $0.reviewedAt != nil }) { audit.status = .completed }
        }
    }

    /// Marks a claim's findings corrected (the time to correct is measured from the finding).
    public func corrected(_ id: QualityAudit.ID, claim: String, by caller: Caller, now: Date) async throws -> QualityAudit {
        try Self.require(caller, to: "record corrections")
        let (_, engagement) = try await audit(id, visibleTo: caller)
        return try await change(id, engagement: engagement, now: now, detail: "\(claim): corrected") { audit in
            let index = try Self.index(of: claim, in: audit)
            for finding in audit.claims[index].findings.indices where audit.claims[index].findings[finding].correctedAt == nil {
                audit.claims[index].findings[finding].correctedAt = now
            }
        }
    }

    func change(
        _ id: QualityAudit.ID, engagement: Engagement, now: Date, detail: String,
        _ body: @escaping @Sendable (inout QualityAudit) throws -> Void
    ) async throws -> QualityAudit {
        try await database.atomically { transaction in
            let row = try await Self.row(id, on: transaction)
            var audit = try row.domain()
            try body(&audit)
            try await Self.save(audit, row: row, engagement: engagement, on: transaction, now: now, detail: detail)
            return audit
        }
    }
}

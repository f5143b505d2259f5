import Domain
import Foundation
import Persistence
import Vapor

/// `/api/v1/engagements/{engagement}/audits` and `/api/v1/audits/{audit}`: quality audits of
/// sampled claims, their claim-by-claim reviews, and what they add up to.
struct QualityAuditController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("engagements", ":engagement", "audits", use: list)
        routes.post("engagements", ":engagement", "audits", use: create)
        routes.get("audits", ":audit", use: show)
        routes.post("audits", ":audit", "claims", ":sampledClaim", use: review)
        routes.post("audits", ":audit", "claims", ":sampledClaim", "corrected", use: corrected)
        routes.post("audits", ":audit", "claims", ":sampledClaim", "findings", ":finding", "ticket", use: ticket)
        routes.post("audits", ":audit", "claims", ":sampledClaim", "findings", ":finding", "action", use: action)
    }

    struct ActionBody: Content {
        var review: String
        var title: String?
        var owner: String
        var dueOn: String
    }

    struct CreateBody: Content {
        var name: String
        var from: String
        var to: String
        var payers: [String]?
        var denialCategories: [String]?
        var strata: String?
        var size: Int
        var seed: UInt64?
        var reviewer: String
    }

    struct FindingBody: Content {
        var type: String
        var severity: String
        var note: String?
    }

    struct ReviewBody: Content {
        var findings: [FindingBody]
    }

    struct AuditDTO: Encodable {
        let audit: QualityAudit
        let results: AuditResults
    }

    static func audit(_ request: Request) async throws -> (Caller, QualityAudit, Engagement) {
        let caller = try request.caller
        let text = request.parameters.get("audit") ?? ""
        guard let id = QualityAudit.ID(string: text) else { throw StoreError.notFound(kind: "audit", id: text) }
        let (audit, engagement) = try await QualityAuditStore(request.tenantDB).audit(id, visibleTo: caller)
        return (caller, audit, engagement)
    }

    /// A new audit from what was asked; a seed left out is drawn at random (and kept, so the sample can be drawn again).
    static func draft(
        name: String, from: String, to: String, payers: [String], categories: [String], strata: String?, size: Int, seed: UInt64?,
        reviewer: String, engagement: Engagement.ID, now: Date
    ) throws -> QualityAudit {
        let chosen = try categories.map { text in
            guard let category = DenialCategory(rawValue: text) else {
                throw GovernanceError.field("denialCategories", "'\(text)' is not a denial category")
            }
            return category
        }
        guard let strata = QualityAudit.Strata(rawValue: strata ?? "none") else {
            throw GovernanceError.field("strata", "none, payer or denial_category")
        }
        return QualityAudit(
            engagementID: engagement, number: 0, name: name, from: try GovernanceController.day(from, "from"),
            to: try GovernanceController.day(to, "to"),
            payers: payers, denialCategories: chosen, strata: strata, size: size, seed: seed ?? UInt64.random(in: 1...UInt64(Int64.max)),
            reviewerEmail: reviewer, createdAt: now)
    }

    static func findings(_ bodies: [FindingBody], now: Date) throws -> [AuditFinding] {
        try bodies.map { body in
            guard let type = AuditFinding.ErrorType(rawValue: body.type) else {
                throw GovernanceError.field("type", "one of \(AuditFinding.ErrorType.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let severity = AuditFinding.Severity(rawValue: body.severity) else {
                throw GovernanceError.field("severity", "low, medium or high")
            }
            return AuditFinding(type: type, severity: severity, note: body.note ?? "", foundAt: now)
        }
    }

    func list(_ request: Request) async throws -> Response {
        let (_, engagement) = try await request.engagement()
        return try JSONBody.response([
            "audits": try await QualityAuditStore(request.tenantDB).audits(in: engagement.id).map {
                AuditDTO(audit: $0, results: AuditResults($0))
            }
        ])
    }

    func create(_ request: Request) async throws -> Response {
        let (caller, engagement) = try await request.engagement()
        let body = try JSONBody.decode(CreateBody.self, from: request)
        let draft = try Self.draft(
            name: body.name, from: body.from, to: body.to, payers: body.payers ?? [], categories: body.denialCategories ?? [],
            strata: body.strata, size: body.size, seed: body.seed, reviewer: body.reviewer, engagement: engagement.id, now: request.now)
        let audit = try await QualityAuditStore(request.tenantDB).create(draft, in: engagement, by: caller, now: request.now)
        return try JSONBody.response(AuditDTO(audit: audit, results: AuditResults(audit)), status: .created)
    }

    func show(_ request: Request) async throws -> Response {
        let (_, audit, _) = try await Self.audit(request)
        return try JSONBody.response(AuditDTO(audit: audit, results: AuditResults(audit)))
    }

    func review(_ request: Request) async throws -> Response {
        let (caller, audit, _) = try await Self.audit(request)
        let body = try JSONBody.decode(ReviewBody.self, from: request)
        let updated = try await QualityAuditStore(request.tenantDB).review(
            audit.id, claim: request.parameters.get("sampledClaim") ?? "",
            findings: try Self.findings(body.findings, now: request.now), by: caller, now: request.now)
        return try JSONBody.response(AuditDTO(audit: updated, results: AuditResults(updated)))
    }

    func corrected(_ request: Request) async throws -> Response {
        let (caller, audit, _) = try await Self.audit(request)
        let updated = try await QualityAuditStore(request.tenantDB).corrected(
            audit.id, claim: request.parameters.get("sampledClaim") ?? "", by: caller, now: request.now)
        return try JSONBody.response(AuditDTO(audit: updated, results: AuditResults(updated)))
    }

    /// The finding named in the path: its claim and its number (from 1).
    static func finding(_ request: Request) throws -> (claim: String, number: Int) {
        let text = request.parameters.get("finding") ?? ""
        guard let number = Int(text), (1...APIError.largestPage).contains(number) else {
            throw GovernanceError.field("finding", "'\(text.prefix(40))' is not a finding number (1, 2, …)")
        }
        return (request.parameters.get("sampledClaim") ?? "", number)
    }

    func ticket(_ request: Request) async throws -> Response {
        let (caller, audit, _) = try await Self.audit(request)
        let (claim, number) = try Self.finding(request)
        let ticket = try await QualityAuditStore(request.tenantDB).openTicket(
            for: audit.id, claim: claim, finding: number, by: caller, now: request.now)
        return try JSONBody.response(["ticket": ticket.id.description, "reference": ticket.reference], status: .created)
    }

    func action(_ request: Request) async throws -> Response {
        let (caller, audit, _) = try await Self.audit(request)
        let (claim, number) = try Self.finding(request)
        let body = try JSONBody.decode(ActionBody.self, from: request)
        guard let review = GovernanceReview.ID(string: body.review) else {
            throw GovernanceError.field("review", "'\(body.review)' is not a review of this engagement")
        }
        let action = try await QualityAuditStore(request.tenantDB).openAction(
            for: audit.id, claim: claim, finding: number, review: review, title: body.title, owner: body.owner,
            dueOn: try GovernanceController.day(body.dueOn, "dueOn"), by: caller, now: request.now)
        return try JSONBody.response(action, status: .created)
    }
}

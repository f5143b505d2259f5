import Domain
import Foundation
import Persistence
import Vapor

/// The quality-audit pages: `/engagements/{id}/audits` (audits and their accuracy over time, and
/// the form that draws a sample) and `/audits/{id}` (the sample claim by claim, its review forms,
/// and each finding's follow-up as a ticket or a review action).
struct QualityAuditPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("engagements", ":engagement", "audits", use: list)
        routes.post("engagements", ":engagement", "audits", use: create)
        routes.get("audits", ":audit", use: show)
        routes.post("audits", ":audit", "claims", ":sampledClaim", "findings", use: addFinding)
        routes.post("audits", ":audit", "claims", ":sampledClaim", "right", use: right)
        routes.post("audits", ":audit", "claims", ":sampledClaim", "corrected", use: corrected)
        routes.post("audits", ":audit", "claims", ":sampledClaim", "findings", ":finding", "ticket", use: ticket)
        routes.post("audits", ":audit", "claims", ":sampledClaim", "findings", ":finding", "action", use: action)
    }

    /// The fields of every audit form; each form sends some.
    struct Form: Content {
        var csrf: String?
        var name, from, to, payers, strata, size, seed, reviewer: String?
        var denialCategories: [String]?
        var type, severity, note, review, title, owner, dueOn: String?

        var kept: [String: String] {
            var fields = [
                "name": name, "from": from, "to": to, "payers": payers, "strata": strata, "size": size, "seed": seed, "reviewer": reviewer,
            ]
            .compactMapValues { $0 }
            fields["denialCategories"] = (denialCategories ?? []).joined(separator: ",")
            return fields
        }
    }

    func list(_ request: Request) async throws -> Response {
        let (caller, engagement) = try await request.engagement()
        let zone = try await request.practiceZone(of: engagement)
        var form: [String: String] = ["size": "30", "strata": "payer", "reviewer": caller.user.email.value]
        // By default the last full month's claims.
        if let today = CalendarDate.on(request.now, in: zone), let last = CalendarMonth(today).adding(months: -1) {
            form["from"] = last.firstDay.description
            form["to"] = last.lastDay.description
            form["name"] = "Claims of \(last)"
        }
        return try await renderList(request, caller: caller, engagement: engagement, form: form)
    }

    private func renderList(
        _ request: Request, caller: Caller, engagement: Engagement, form: [String: String], errors: [String: String] = [:],
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let model = AuditListPageModel(
            chrome: PageChrome(caller: caller, csrf: try request.webSession.csrfToken), engagementID: engagement.id,
            audits: try await QualityAuditStore(request.tenantDB).audits(in: engagement.id),
            people: try await GovernancePagesController.people(engagement, request),
            canAudit: Policy.allows(caller.user.role, .auditClaims), form: form, errors: errors)
        return try await request.view.render("audits", model).encodeResponse(status: status, for: request)
    }

    func create(_ request: Request) async throws -> Response {
        let form = try request.content.decode(Form.self)
        let (caller, engagement) = try await request.engagement()
        do {
            guard let size = Int((form.size ?? "").trimmingCharacters(in: .whitespaces)) else {
                throw GovernanceError.field("size", "a number of claims, from 1 to 500")
            }
            let seedText = (form.seed ?? "").trimmingCharacters(in: .whitespaces)
            guard seedText.isEmpty || UInt64(seedText) != nil else {
                throw GovernanceError.field("seed", "a whole number, or empty for a random one")
            }
            let payers = (form.payers ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let draft = try QualityAuditController.draft(
                name: form.name ?? "", from: form.from ?? "", to: form.to ?? "", payers: payers, categories: form.denialCategories ?? [],
                strata: form.strata,
                size: size, seed: UInt64(seedText), reviewer: form.reviewer ?? "", engagement: engagement.id, now: request.now)
            let audit = try await QualityAuditStore(request.tenantDB).create(draft, in: engagement, by: caller, now: request.now)
            return request.redirect(to: "/audits/\(audit.id)", redirectType: .normal)
        } catch let error as GovernanceError {
            guard let field = error.field else { throw error }
            return try await renderList(
                request, caller: caller, engagement: engagement, form: form.kept, errors: [field: error.description],
                status: .unprocessableEntity)
        }
    }

    func show(_ request: Request) async throws -> Response {
        let (caller, audit, engagement) = try await QualityAuditController.audit(request)
        let (zone, today) = try await request.practiceToday(of: engagement)
        let model = QualityAuditPageModel(
            chrome: PageChrome(caller: caller, csrf: try request.webSession.csrfToken), audit: audit,
            reviews: try await GovernanceStore(request.tenantDB).reviews(in: engagement.id),
            people: try await GovernancePagesController.people(engagement, request),
            canAudit: Policy.allows(caller.user.role, .auditClaims), canOpenClaims: Policy.allows(caller.user.role, .readFigures),
            today: today, zone: zone)
        return try await request.view.render("quality-audit", model).encodeResponse(for: request)
    }

    /// Runs a claim's form and goes back to the claim on the audit's page.
    private func claimForm(_ request: Request, _ change: (Form, Caller, QualityAudit, String) async throws -> Void) async throws -> Response
    {
        let form = try request.content.decode(Form.self)
        let (caller, audit, _) = try await QualityAuditController.audit(request)
        let claim = request.parameters.get("sampledClaim") ?? ""
        try await change(form, caller, audit, claim)
        return request.redirect(to: "/audits/\(audit.id)#claim-\(claim)", redirectType: .normal)
    }

    func addFinding(_ request: Request) async throws -> Response {
        try await claimForm(request) { form, caller, audit, claim in
            guard let type = AuditFinding.ErrorType(rawValue: form.type ?? "") else {
                throw GovernanceError.field("type", "choose the kind of error")
            }
            guard let severity = AuditFinding.Severity(rawValue: form.severity ?? "") else {
                throw GovernanceError.field("severity", "low, medium or high")
            }
            _ = try await QualityAuditStore(request.tenantDB).addFinding(
                audit.id, claim: claim, type: type, severity: severity, note: form.note ?? "",
                by: caller, now: request.now)
        }
    }

    func right(_ request: Request) async throws -> Response {
        try await claimForm(request) { _, caller, audit, claim in
            let index = audit.claims.firstIndex { $0.claim == claim }
            if let index, !audit.claims[index].findings.isEmpty {
                throw GovernanceError.conflict("claim \(claim) has findings already: it cannot be marked right")
            }
            _ = try await QualityAuditStore(request.tenantDB).review(audit.id, claim: claim, findings: [], by: caller, now: request.now)
        }
    }

    func corrected(_ request: Request) async throws -> Response {
        try await claimForm(request) { _, caller, audit, claim in
            _ = try await QualityAuditStore(request.tenantDB).corrected(audit.id, claim: claim, by: caller, now: request.now)
        }
    }

    func ticket(_ request: Request) async throws -> Response {
        let (caller, audit, _) = try await QualityAuditController.audit(request)
        let (claim, number) = try QualityAuditController.finding(request)
        let ticket = try await QualityAuditStore(request.tenantDB).openTicket(
            for: audit.id, claim: claim, finding: number, by: caller, now: request.now)
        return request.redirect(to: "/tickets/\(ticket.id)", redirectType: .normal)
    }

    func action(_ request: Request) async throws -> Response {
        try await claimForm(request) { form, caller, audit, claim in
            let (_, number) = try QualityAuditController.finding(request)
            guard let review = GovernanceReview.ID(string: form.review ?? "") else {
                throw GovernanceError.field("review", "choose the review the action belongs to")
            }
            _ = try await QualityAuditStore(request.tenantDB).openAction(
                for: audit.id, claim: claim, finding: number, review: review, title: form.title, owner: form.owner ?? "",
                dueOn: try GovernanceController.day(form.dueOn, "dueOn"), by: caller, now: request.now)
        }
    }
}

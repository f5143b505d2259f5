import Domain
import Foundation
import Persistence
import Vapor

/// `/engagements/{engagement}/access`: the vendor's people's access grants in the practice's other
/// systems and the engagement's access reviews; `/access-reviews/{review}`: one campaign, where
/// the reviewer keeps or revokes each access with evidence, and its CSV for the file.
struct AccessReviewPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let engagement = routes.grouped("engagements", ":engagement")
        engagement.get("access", use: page)
        engagement.post("access-grants", use: recordGrant)
        engagement.post("access-grants", ":accessGrant", "revoke", use: revokeGrant)
        engagement.post("access-reviews", use: openReview)
        routes.get("access-reviews", ":review", use: reviewPage)
        routes.get("access-reviews", ":review", "evidence.csv", use: csv)
        routes.post("access-reviews", ":review", "items", ":item", use: decide)
    }

    struct Form: Content {
        var csrf: String?
        var email: String?
        var system: String?
        var systemName: String?
        var account: String?
        var accessLevel: String?
        var note: String?
        var reviewer: String?
        var dueOn: String?
        var title: String?
        var decision: String?
        var evidence: String?
    }

    func page(_ request: Request) async throws -> Response {
        try await renderAccess(request, error: nil, status: .ok)
    }

    func renderAccess(_ request: Request, error: String?, status: HTTPStatus) async throws -> Response {
        let (caller, engagement) = try await request.engagement()
        let session = try request.webSession
        let grants = try await AccessGrantStore(request.tenantDB).grants(of: engagement, visibleTo: caller)
        let practiceSide = caller.organization.id == engagement.practiceID
        let reviews =
            practiceSide && Policy.allows(caller.user.role, .readAccessReviews)
            ? try await AccessReviewStore(request.tenantDB).reviews(of: engagement, visibleTo: caller) : []
        let users = UserStore(request.tenantDB)
        let vendorPeople = practiceSide ? try await users.list(organizationID: engagement.vendorID, activeOnly: true) : []
        let reviewers =
            practiceSide
            ? try await users.list(organizationID: engagement.practiceID, activeOnly: true)
                .filter { Policy.allows($0.role, .reviewAccess) } : []
        let today = CalendarDate.on(request.now, in: try await request.practiceZone(of: engagement))
        let model = AccessPage(
            engagement: engagement, vendor: try await OrganizationStore(request.tenantDB).find(engagement.vendorID)?.name ?? "",
            grants: grants, reviews: reviews, vendorPeople: vendorPeople, reviewers: reviewers, caller: caller,
            suggestedDue: today?.adding(days: 14)?.description ?? "", chrome: PageChrome(caller: caller, csrf: session.csrfToken),
            error: error, now: request.now)
        let response = try await request.view.render("access", model).encodeResponse(for: request)
        response.status = status
        return response
    }

    /// Runs a form's change, then back to `back`; a refusal other than the role's is shown on the page.
    func submit(
        _ request: Request, back: String, onError render: (String, HTTPStatus) async throws -> Response,
        _ change: (Form, Caller) async throws -> Void
    ) async throws -> Response {
        let form = try request.content.decode(Form.self)
        do {
            try await change(form, try request.caller)
        } catch let error as AccessReviewError {
            if case .notAllowed = error { throw error }
            return try await render(error.description, error.isConflict ? .conflict : .unprocessableEntity)
        } catch let error as EmailAddressError {
            return try await render("e-mail: \(error)", .unprocessableEntity)
        }
        return request.redirect(to: back, redirectType: .normal)
    }

    func recordGrant(_ request: Request) async throws -> Response {
        let (_, engagement) = try await request.engagement()
        return try await submit(
            request, back: "/engagements/\(engagement.id)/access#grants",
            onError: { try await renderAccess(request, error: $0, status: $1) }
        ) { form, caller in
            _ = try await AccessGrantStore(request.tenantDB).record(
                AccessGrantDraft(
                    email: form.email ?? "", system: form.system ?? "", systemName: form.systemName ?? "", account: form.account ?? "",
                    accessLevel: form.accessLevel), on: engagement, by: caller, now: request.now)
        }
    }

    func revokeGrant(_ request: Request) async throws -> Response {
        let (_, engagement) = try await request.engagement()
        let id: AccessGrant.ID = try AccessReviewController.id(request, "accessGrant", kind: "access grant")
        return try await submit(
            request, back: "/engagements/\(engagement.id)/access#grants",
            onError: { try await renderAccess(request, error: $0, status: $1) }
        ) { form, caller in
            _ = try await AccessGrantStore(request.tenantDB).revoke(id, on: engagement, note: form.note, by: caller, now: request.now)
        }
    }

    func openReview(_ request: Request) async throws -> Response {
        let (_, engagement) = try await request.engagement()
        var opened: AccessReview.ID?
        let response = try await submit(
            request, back: "/engagements/\(engagement.id)/access#reviews",
            onError: { try await renderAccess(request, error: $0, status: $1) }
        ) { form, caller in
            opened = try await AccessReviewStore(request.tenantDB).open(
                AccessReviewDraft(reviewer: form.reviewer ?? "", dueOn: form.dueOn ?? "", title: form.title),
                on: engagement, by: caller, now: request.now
            ).id
        }
        if let opened { return request.redirect(to: "/access-reviews/\(opened)", redirectType: .normal) }
        return response
    }

    func reviewPage(_ request: Request) async throws -> Response {
        try await renderReview(request, error: nil, status: .ok)
    }

    func renderReview(_ request: Request, error: String?, status: HTTPStatus) async throws -> Response {
        let caller = try request.caller
        let (review, engagement) = try await AccessReviewStore(request.tenantDB).review(
            try AccessReviewController.id(request, "review", kind: "access review"), visibleTo: caller)
        let ticket = try await review.ticketID.asyncMap { try await TicketStore(request.tenantDB).find($0, visibleTo: caller).0.reference }
        let model = AccessReviewPage(
            review: review, engagement: engagement,
            vendor: try await OrganizationStore(request.tenantDB).find(engagement.vendorID)?.name ?? "",
            ticket: ticket, caller: caller, chrome: PageChrome(caller: caller, csrf: try request.webSession.csrfToken), error: error,
            now: request.now)
        let response = try await request.view.render("access-review", model).encodeResponse(for: request)
        response.status = status
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    func decide(_ request: Request) async throws -> Response {
        let id: AccessReview.ID = try AccessReviewController.id(request, "review", kind: "access review")
        let item: AccessReviewItem.ID = try AccessReviewController.id(request, "item", kind: "access review item")
        return try await submit(
            request, back: "/access-reviews/\(id)#item-\(item)", onError: { try await renderReview(request, error: $0, status: $1) }
        ) { form, caller in
            _ = try await AccessReviewStore(request.tenantDB).decide(
                item, in: id, decision: try AccessReviewController.decision(form.decision),
                evidence: form.evidence, by: caller, now: request.now)
        }
    }

    /// The campaign as CSV: one row per access, with the decision, evidence, who and when.
    func csv(_ request: Request) async throws -> Response {
        let caller = try request.caller
        let (review, _) = try await AccessReviewStore(request.tenantDB).review(
            try AccessReviewController.id(request, "review", kind: "access review"), visibleTo: caller)
        var lines = [
            [
                "review", "title", "reviewer", "due_on", "status", "person", "role", "kind", "access", "decision", "evidence", "decided_by",
                "decided_at",
            ]
        ]
        for item in review.items {
            lines.append([
                review.id.description, review.title, review.reviewerEmail, review.dueOn.description, review.status.rawValue, item.email,
                item.role.rawValue, item.kind.rawValue, item.access, item.decision?.rawValue ?? "", item.evidence ?? "",
                item.decidedByEmail ?? "",
                item.decidedAt.map(BreakGlassStore.instant) ?? "",
            ])
        }
        try await request.audit(
            AuditEntry(
                "export", practice: caller.organization.id.rawValue,
                object: "access_review:\(review.id)", detail: "\(review.items.count) accesses"))
        let response = JSONBody.csv(
            lines.map(CSVText.row).joined(separator: "\r\n") + "\r\n", filename: "access-review-\(review.dueOn).csv")
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}

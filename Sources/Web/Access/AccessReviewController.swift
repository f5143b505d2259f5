import Domain
import Foundation
import Persistence
import Vapor

/// `/api/v1/engagements/{engagement}/access-grants` and `.../access-reviews`, and
/// `/api/v1/access-reviews/{review}`: what the vendor's people hold in the practice's other
/// systems, and the campaigns that keep or revoke each access with evidence.
struct AccessReviewController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let grants = routes.grouped("engagements", ":engagement", "access-grants")
        grants.get(use: listGrants)
        grants.post(use: recordGrant)
        grants.post(":accessGrant", "revoke", use: revokeGrant)
        let campaigns = routes.grouped("engagements", ":engagement", "access-reviews")
        campaigns.get(use: listReviews)
        campaigns.post(use: openReview)
        routes.get("access-reviews", ":review", use: review)
        routes.post("access-reviews", ":review", "items", ":item", use: decide)
    }

    struct GrantBody: Content {
        var email: String
        var system: String
        var systemName: String
        var account: String
        var accessLevel: String?
    }

    struct NoteBody: Content {
        var note: String?
    }

    struct ReviewBody: Content {
        var reviewer: String
        var dueOn: String
        var title: String?
    }

    struct DecisionBody: Content {
        var decision: String
        var evidence: String?
    }

    func listGrants(_ request: Request) async throws -> Response {
        let (caller, engagement) = try await request.engagement()
        return try JSONBody.response(["grants": try await AccessGrantStore(request.tenantDB).grants(of: engagement, visibleTo: caller)])
    }

    func recordGrant(_ request: Request) async throws -> Response {
        let (caller, engagement) = try await request.engagement()
        let body = try JSONBody.decode(GrantBody.self, from: request)
        let grant = try await AccessGrantStore(request.tenantDB).record(
            AccessGrantDraft(
                email: body.email, system: body.system, systemName: body.systemName, account: body.account, accessLevel: body.accessLevel),
            on: engagement, by: caller, now: request.now)
        return try JSONBody.response(grant, status: .created)
    }

    func revokeGrant(_ request: Request) async throws -> Response {
        let (caller, engagement) = try await request.engagement()
        let body = try JSONBody.decode(NoteBody.self, from: request)
        let grant = try await AccessGrantStore(request.tenantDB).revoke(
            try Self.id(request, "accessGrant", kind: "access grant"), on: engagement,
            note: body.note, by: caller, now: request.now)
        return try JSONBody.response(grant)
    }

    func listReviews(_ request: Request) async throws -> Response {
        let (caller, engagement) = try await request.engagement()
        return try JSONBody.response(["reviews": try await AccessReviewStore(request.tenantDB).reviews(of: engagement, visibleTo: caller)])
    }

    func openReview(_ request: Request) async throws -> Response {
        let (caller, engagement) = try await request.engagement()
        let body = try JSONBody.decode(ReviewBody.self, from: request)
        let review = try await AccessReviewStore(request.tenantDB).open(
            AccessReviewDraft(reviewer: body.reviewer, dueOn: body.dueOn, title: body.title),
            on: engagement, by: caller, now: request.now)
        return try JSONBody.response(review, status: .created)
    }

    func review(_ request: Request) async throws -> Response {
        let (review, _) = try await AccessReviewStore(request.tenantDB).review(
            try Self.id(request, "review", kind: "access review"), visibleTo: try request.caller)
        return try JSONBody.response(review)
    }

    func decide(_ request: Request) async throws -> Response {
        let body = try JSONBody.decode(DecisionBody.self, from: request)
        let review = try await AccessReviewStore(request.tenantDB).decide(
            try Self.id(request, "item", kind: "access review item"), in: try Self.id(request, "review", kind: "access review"),
            decision: try Self.decision(body.decision), evidence: body.evidence, by: try request.caller, now: request.now)
        return try JSONBody.response(review)
    }

    static func decision(_ text: String?) throws -> AccessReviewItem.Decision {
        guard let decision = AccessReviewItem.Decision(rawValue: (text ?? "").lowercased()) else {
            throw AccessReviewError.field("decision", "keep or revoke")
        }
        return decision
    }

    /// The id in path parameter `name`; text that is no id answers like a missing one.
    static func id<Entity>(_ request: Request, _ name: String, kind: String) throws -> EntityID<Entity> {
        let text = request.parameters.get(name) ?? ""
        guard let id = EntityID<Entity>(string: text) else { throw StoreError.notFound(kind: kind, id: text) }
        return id
    }
}

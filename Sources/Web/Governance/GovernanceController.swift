import Domain
import Foundation
import Persistence
import Vapor

/// `/api/v1/engagements/{engagement}/risks|reviews|actions`, `/api/v1/risks/{risk}`,
/// `/api/v1/reviews/{governanceReview}` and `/api/v1/actions/{action}/done`: the risk register,
/// governance reviews with generated agendas and minutes, and the actions they end in.
struct GovernanceController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let engagement = routes.grouped("engagements", ":engagement")
        engagement.get("risks", use: risks)
        engagement.post("risks", use: addRisk)
        engagement.get("reviews", use: reviews)
        engagement.post("reviews", use: schedule)
        engagement.get("actions", use: actions)
        routes.post("risks", ":risk", use: updateRisk)
        routes.get("reviews", ":governanceReview", use: review)
        routes.post("reviews", ":governanceReview", "minutes", use: minutes)
        routes.post("reviews", ":governanceReview", "actions", use: addAction)
        routes.post("actions", ":action", "done", use: done)
    }

    struct RiskBody: Content {
        var title: String?
        var category: String?
        var likelihood: Int?
        var impact: Int?
        var owner: String?
        var mitigation: String?
        var reviewOn: String?
        var status: String?
    }

    struct ScheduleBody: Content {
        var scheduledOn: String
        var items: [String]?
    }

    struct MinutesBody: Content {
        var attendees: [String]
        var decisions: [String]?
        var notes: String?
    }

    struct ActionBody: Content {
        var title: String
        var owner: String
        var dueOn: String
        var linksTo: String?
    }

    struct NoteBody: Content {
        var note: String
    }

    static func day(_ text: String?, _ field: String) throws -> CalendarDate {
        guard let text, let day = CalendarDate(text) else {
            throw GovernanceError.field(field, "'\(text ?? "")' is not a day (YYYY-MM-DD)")
        }
        return day
    }

    static func governanceReview(_ request: Request) async throws -> (Caller, GovernanceReview, Engagement) {
        let caller = try request.caller
        let text = request.parameters.get("governanceReview") ?? ""
        guard let id = GovernanceReview.ID(string: text) else { throw StoreError.notFound(kind: "review", id: text) }
        let (review, engagement) = try await GovernanceStore(request.tenantDB).review(id, visibleTo: caller)
        return (caller, review, engagement)
    }

    /// A risk from a body: every field given is checked; the category, title and owner are required when adding.
    static func riskDraft(_ body: RiskBody, engagement: Engagement.ID, now: Date) throws -> Risk {
        guard let category = Risk.Category(rawValue: body.category ?? "") else {
            throw GovernanceError.field("category", "one of \(Risk.Category.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return Risk(
            engagementID: engagement, number: 0, title: body.title ?? "", category: category, likelihood: body.likelihood ?? 0,
            impact: body.impact ?? 0,
            ownerEmail: body.owner ?? "", mitigation: body.mitigation ?? "", reviewOn: try day(body.reviewOn, "reviewOn"),
            createdAt: now, updatedAt: now)
    }

    func risks(_ request: Request) async throws -> Response {
        let (_, engagement) = try await request.engagement()
        return try JSONBody.response(["risks": try await GovernanceStore(request.tenantDB).risks(in: engagement.id)])
    }

    func addRisk(_ request: Request) async throws -> Response {
        let (caller, engagement) = try await request.engagement()
        let draft = try Self.riskDraft(try JSONBody.decode(RiskBody.self, from: request), engagement: engagement.id, now: request.now)
        return try JSONBody.response(
            try await GovernanceStore(request.tenantDB).addRisk(draft, in: engagement, by: caller, now: request.now), status: .created)
    }

    func updateRisk(_ request: Request) async throws -> Response {
        let caller = try request.caller
        let text = request.parameters.get("risk") ?? ""
        guard let id = Risk.ID(string: text) else { throw StoreError.notFound(kind: "risk", id: text) }
        let store = GovernanceStore(request.tenantDB)
        let (_, engagement) = try await store.risk(id, visibleTo: caller)
        let body = try JSONBody.decode(RiskBody.self, from: request)
        let category = try body.category.map { text in
            guard let category = Risk.Category(rawValue: text) else {
                throw GovernanceError.field("category", "'\(text)' is not a category")
            }
            return category
        }
        let status = try body.status.map { text in
            guard let status = Risk.Status(rawValue: text) else { throw GovernanceError.field("status", "open or closed") }
            return status
        }
        let reviewOn = try body.reviewOn.map { try Self.day($0, "reviewOn") }
        var owner: String?
        if let given = body.owner { owner = try await store.party(given, of: engagement, field: "owner") }
        let newOwner = owner
        let updated = try await store.updateRisk(id, in: engagement, by: caller, now: request.now) { risk in
            if let title = body.title { risk.title = title.trimmingCharacters(in: .whitespacesAndNewlines) }
            if let category { risk.category = category }
            if let likelihood = body.likelihood { risk.likelihood = likelihood }
            if let impact = body.impact { risk.impact = impact }
            if let newOwner { risk.ownerEmail = newOwner }
            if let mitigation = body.mitigation { risk.mitigation = mitigation }
            if let reviewOn { risk.reviewOn = reviewOn }
            if let status { risk.status = status }
        }
        return try JSONBody.response(updated)
    }

    func reviews(_ request: Request) async throws -> Response {
        let (_, engagement) = try await request.engagement()
        return try JSONBody.response(["reviews": try await GovernanceStore(request.tenantDB).reviews(in: engagement.id)])
    }

    func schedule(_ request: Request) async throws -> Response {
        let (caller, engagement) = try await request.engagement()
        let body = try JSONBody.decode(ScheduleBody.self, from: request)
        let review = try await GovernanceStore(request.tenantDB).schedule(
            on: try Self.day(body.scheduledOn, "scheduledOn"), in: engagement,
            free: body.items ?? [], by: caller, now: request.now)
        return try JSONBody.response(review, status: .created)
    }

    struct ReviewDTO: Encodable {
        let review: GovernanceReview
        let actions: [ReviewAction]
    }

    func review(_ request: Request) async throws -> Response {
        let (_, review, engagement) = try await Self.governanceReview(request)
        let actions = try await GovernanceStore(request.tenantDB).actions(in: engagement.id).filter { $0.reviewID == review.id }
        return try JSONBody.response(ReviewDTO(review: review, actions: actions))
    }

    func minutes(_ request: Request) async throws -> Response {
        let (caller, review, _) = try await Self.governanceReview(request)
        let body = try JSONBody.decode(MinutesBody.self, from: request)
        return try JSONBody.response(
            try await GovernanceStore(request.tenantDB).recordMinutes(
                review.id, attendees: body.attendees, decisions: body.decisions ?? [], notes: body.notes ?? "", by: caller, now: request.now
            ))
    }

    func addAction(_ request: Request) async throws -> Response {
        let (caller, review, _) = try await Self.governanceReview(request)
        let body = try JSONBody.decode(ActionBody.self, from: request)
        let action = try await GovernanceStore(request.tenantDB).addAction(
            to: review.id, title: body.title, owner: body.owner, dueOn: try Self.day(body.dueOn, "dueOn"), linksTo: body.linksTo ?? "",
            by: caller, now: request.now)
        return try JSONBody.response(action, status: .created)
    }

    func actions(_ request: Request) async throws -> Response {
        let (_, engagement) = try await request.engagement()
        return try JSONBody.response(["actions": try await GovernanceStore(request.tenantDB).actions(in: engagement.id)])
    }

    func done(_ request: Request) async throws -> Response {
        let caller = try request.caller
        let text = request.parameters.get("action") ?? ""
        guard let id = ReviewAction.ID(string: text) else { throw StoreError.notFound(kind: "action", id: text) }
        let body = try JSONBody.decode(NoteBody.self, from: request)
        return try JSONBody.response(
            try await GovernanceStore(request.tenantDB).completeAction(id, note: body.note, by: caller, now: request.now))
    }
}

import Domain
import Foundation
import Persistence
import Vapor

/// The engagement page's People forms: the vendor's lead asks for a joiner, the practice's
/// administrator approves or refuses, either takes someone off. Each goes back to the page.
struct MembershipPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let members = routes.grouped("engagements", ":engagement", "members")
        members.post(use: request)
        members.post(":member", "approve") { request in try await act(request, "approve") }
        members.post(":member", "reject") { request in try await act(request, "reject") }
        members.post(":member", "remove") { request in try await act(request, "remove") }
    }

    struct Form: Content {
        var csrf: String?
        var email: String?
        var reason: String?
        var note: String?
    }

    func request(_ request: Request) async throws -> Response {
        let form = try request.content.decode(Form.self)
        let (caller, engagement) = try await request.engagement()
        _ = try await MembershipStore(request.tenantDB).request(
            try EmailAddress(form.email ?? ""), on: engagement, reason: form.reason ?? "", by: caller, now: request.now)
        return request.redirect(to: "/engagements/\(engagement.id)#people", redirectType: .normal)
    }

    func act(_ request: Request, _ action: String) async throws -> Response {
        let form = try request.content.decode(Form.self)
        let (caller, engagement) = try await request.engagement()
        let id = try MembershipController.member(request)
        let store = MembershipStore(request.tenantDB)
        switch action {
        case "approve": _ = try await store.decide(id, on: engagement, approve: true, note: form.note, by: caller, now: request.now)
        case "reject": _ = try await store.decide(id, on: engagement, approve: false, note: form.note, by: caller, now: request.now)
        default: _ = try await store.remove(id, on: engagement, note: form.note, by: caller, now: request.now)
        }
        return request.redirect(to: "/engagements/\(engagement.id)#people", redirectType: .normal)
    }
}

import Domain
import Foundation
import Persistence
import Vapor

/// `GET /people`, and the role-change forms: `POST /role-changes` (ask),
/// `POST /role-changes/{id}/approve` (with a fresh authenticator code) and `…/reject`.
struct PeoplePagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("people", use: page)
        routes.post("role-changes", use: ask)
        routes.post("role-changes", ":change", "approve") { request in try await decide(request, approve: true) }
        routes.post("role-changes", ":change", "reject") { request in try await decide(request, approve: false) }
    }

    func page(_ request: Request) async throws -> Response {
        try await render(request)
    }

    struct AskForm: Content {
        var csrf: String?
        var email: String?
        var role: String?
        var reason: String?
    }

    func ask(_ request: Request) async throws -> Response {
        let form = try request.content.decode(AskForm.self)
        var kept = PeoplePageModel.RequestForm(email: form.email ?? "", role: form.role ?? "", reason: form.reason ?? "")
        do {
            let email: EmailAddress
            do {
                email = try EmailAddress(kept.email)
            } catch {
                kept.errors["email"] = "Choose the person whose role should change."
                return try await render(request, form: kept, status: .unprocessableEntity)
            }
            guard let role = Role(wireValue: kept.role) else {
                kept.errors["role"] = "Choose the new role."
                return try await render(request, form: kept, status: .unprocessableEntity)
            }
            _ = try await RoleChangeStore(request.tenantDB).request(
                email, to: role, reason: kept.reason, by: try request.caller, now: request.now)
        } catch let error as RoleChangeError {
            switch error {
            case .reason: kept.errors["reason"] = error.description
            case .sameRole: kept.errors["role"] = error.description
            default: throw Abort(.forbidden, reason: error.description)
            }
            return try await render(request, form: kept, status: .unprocessableEntity)
        } catch let error as RoleError {
            kept.errors["role"] = error.description
            return try await render(request, form: kept, status: .unprocessableEntity)
        } catch StoreError.userNotFound {
            kept.errors["email"] = "Nobody active in your organisation has that e-mail address."
            return try await render(request, form: kept, status: .unprocessableEntity)
        }
        return request.redirect(to: "/people#role-changes", redirectType: .normal)
    }

    struct DecideForm: Content {
        var csrf: String?
        var code: String?
    }

    func decide(_ request: Request, approve: Bool) async throws -> Response {
        let form = try request.content.decode(DecideForm.self)
        let text = request.parameters.get("change") ?? ""
        guard let id = RoleChange.ID(string: text) else { throw StoreError.notFound(kind: "role change", id: text) }
        do {
            _ = try await RoleChangeStore(request.tenantDB).decide(
                id, approve: approve, code: form.code, by: try request.caller, now: request.now)
        } catch let error as RoleChangeError {
            switch error {
            case .freshCodeNeeded, .notPending, .stale:
                return try await render(
                    request, decisionError: error.description, status: error == .freshCodeNeeded ? .unprocessableEntity : .conflict)
            default: throw Abort(.forbidden, reason: error.description)
            }
        }
        return request.redirect(to: "/people#role-changes", redirectType: .normal)
    }

    private func render(
        _ request: Request, form: PeoplePageModel.RequestForm = .init(), decisionError: String? = nil,
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let session = try request.webSession
        let caller = session.caller
        let users = UserStore(request.tenantDB)
        let active = Set(try await users.list(organizationID: caller.organization.id, activeOnly: true).map(\.id))
        let mfa = MFAStore(request.tenantDB)
        var people: [(user: User, active: Bool, enrolled: Bool)] = []
        for user in try await users.list(organizationID: caller.organization.id) {
            people.append((user, active.contains(user.id), try await mfa.isEnrolled(user.id)))
        }
        let model = PeoplePageModel(
            chrome: PageChrome(caller: caller, csrf: session.csrfToken), caller: caller, people: people,
            changes: try await RoleChangeStore(request.tenantDB).list(visibleTo: caller), timeZone: caller.organization.timeZone,
            form: form, decisionError: decisionError)
        return try await request.view.render("people", model).encodeResponse(status: status, for: request)
    }
}

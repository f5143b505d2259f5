import Domain
import Foundation
import Persistence
import Vapor

/// `/api/v1/role-changes`: movers. The organisation's administrator (the vendor's lead) asks;
/// another approver of the organisation approves with a current authenticator code, or refuses.
struct RoleChangeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let changes = routes.grouped("role-changes")
        changes.get(use: list)
        changes.post(use: request)
        changes.post(":change", "approve") { request in try await decide(request, approve: true) }
        changes.post(":change", "reject") { request in try await decide(request, approve: false) }
    }

    struct RequestBody: Content {
        var email: String
        var role: String
        var reason: String
    }

    struct DecisionBody: Content {
        var code: String?
    }

    func list(_ request: Request) async throws -> Response {
        try JSONBody.response(["roleChanges": try await RoleChangeStore(request.tenantDB).list(visibleTo: try request.caller)])
    }

    func request(_ request: Request) async throws -> Response {
        let body = try JSONBody.decode(RequestBody.self, from: request)
        guard let role = Role(wireValue: body.role) else { throw RoleError.unknown(body.role) }
        let change = try await RoleChangeStore(request.tenantDB).request(
            try EmailAddress(body.email), to: role, reason: body.reason, by: try request.caller, now: request.now)
        return try JSONBody.response(change, status: .created)
    }

    func decide(_ request: Request, approve: Bool) async throws -> Response {
        let text = request.parameters.get("change") ?? ""
        guard let id = RoleChange.ID(string: text) else { throw StoreError.notFound(kind: "role change", id: text) }
        let body = request.body.data == nil ? DecisionBody() : try JSONBody.decode(DecisionBody.self, from: request)
        let change = try await RoleChangeStore(request.tenantDB).decide(
            id, approve: approve, code: body.code, by: try request.caller, now: request.now)
        return try JSONBody.response(change)
    }
}

import Domain
import Foundation
import Persistence
import Vapor

/// `/api/v1/engagements/{engagement}/members`: which of the vendor's people work on the
/// engagement. The vendor's lead asks for a joiner, the practice's administrator approves or
/// refuses, and either takes a leaver off.
struct MembershipController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let members = routes.grouped("engagements", ":engagement", "members")
        members.get(use: list)
        members.post(use: request)
        members.post(":member", "approve") { request in try await decide(request, approve: true) }
        members.post(":member", "reject") { request in try await decide(request, approve: false) }
        members.post(":member", "remove", use: remove)
    }

    struct RequestBody: Content {
        var email: String
        var reason: String
    }

    struct NoteBody: Content {
        var note: String?
    }

    func list(_ request: Request) async throws -> Response {
        let (_, engagement) = try await request.engagement()
        return try JSONBody.response(["members": try await MembershipStore(request.tenantDB).members(of: engagement)])
    }

    func request(_ request: Request) async throws -> Response {
        let (caller, engagement) = try await request.engagement()
        let body = try JSONBody.decode(RequestBody.self, from: request)
        let member = try await MembershipStore(request.tenantDB).request(
            try EmailAddress(body.email), on: engagement, reason: body.reason, by: caller, now: request.now)
        return try JSONBody.response(member, status: .created)
    }

    static func member(_ request: Request) throws -> EngagementMember.ID {
        let text = request.parameters.get("member") ?? ""
        guard let id = EngagementMember.ID(string: text) else { throw StoreError.notFound(kind: "membership", id: text) }
        return id
    }

    static func note(_ request: Request) throws -> String? {
        request.body.data == nil ? nil : try JSONBody.decode(NoteBody.self, from: request).note
    }

    func decide(_ request: Request, approve: Bool) async throws -> Response {
        let (caller, engagement) = try await request.engagement()
        let member = try await MembershipStore(request.tenantDB).decide(
            try Self.member(request), on: engagement, approve: approve,
            note: try Self.note(request), by: caller, now: request.now)
        return try JSONBody.response(member)
    }

    func remove(_ request: Request) async throws -> Response {
        let (caller, engagement) = try await request.engagement()
        let member = try await MembershipStore(request.tenantDB).remove(
            try Self.member(request), on: engagement, note: try Self.note(request), by: caller, now: request.now)
        return try JSONBody.response(member)
    }
}

import Domain
import Foundation
import Persistence
import Vapor

/// Break-glass: emergency access to a practice's patient data, opened by the person who needs it
/// with a reason, for at most four hours. `/api/v1/break-glass` and the `/break-glass` page.
struct BreakGlassController {
    struct OpenBody: Content {
        var reason: String?
        var hours: Double?
        var practiceId: String?
    }

    struct GrantDTO: Content {
        let id: String
        let user: String
        let practice: String
        let reason: String
        let openedAt: Date
        let expiresAt: Date
        let endedAt: Date?
        let active: Bool

        init(_ grant: BreakGlassGrant, now: Date) {
            id = grant.id.description
            user = grant.userID.description
            practice = grant.practiceID.description
            reason = grant.reason
            openedAt = grant.openedAt
            expiresAt = grant.expiresAt
            endedAt = grant.endedAt
            active = grant.isActive(at: now)
        }
    }

    static func practice(_ text: String?) throws -> Organization.ID? {
        guard let text, !text.isEmpty else { return nil }
        guard let id = Organization.ID(string: text) else { throw APIError.invalidInput(field: "practiceId", reason: "is not an id") }
        return id
    }

    static func grant(_ request: Request) throws -> BreakGlassGrant.ID {
        let text = request.parameters.get("grant") ?? ""
        guard let id = BreakGlassGrant.ID(string: text) else { throw StoreError.notFound(kind: "break-glass grant", id: text) }
        return id
    }

    /// `/api/v1/break-glass`.
    struct API: RouteCollection {
        func boot(routes: any RoutesBuilder) throws {
            routes.get("break-glass", use: list)
            routes.post("break-glass", use: open)
            routes.post("break-glass", ":grant", "end", use: end)
        }

        func list(_ request: Request) async throws -> Response {
            let now = request.now
            let grants = try await BreakGlassStore(request.tenantDB).list(visibleTo: try request.caller)
            return try JSONBody.response(["grants": grants.map { GrantDTO($0, now: now) }])
        }

        func open(_ request: Request) async throws -> Response {
            let body = try request.content.decode(OpenBody.self)
            let grant = try await BreakGlassStore(request.tenantDB).open(
                for: try request.caller, practice: try BreakGlassController.practice(body.practiceId), reason: body.reason ?? "",
                hours: body.hours, now: request.now)
            return try JSONBody.response(GrantDTO(grant, now: request.now), status: .created)
        }

        func end(_ request: Request) async throws -> Response {
            let grant = try await BreakGlassStore(request.tenantDB).end(
                try BreakGlassController.grant(request), by: try request.caller, now: request.now)
            return try JSONBody.response(GrantDTO(grant, now: request.now))
        }
    }

    /// `/break-glass`: the form and the grants the person may see.
    struct Pages: RouteCollection {
        func boot(routes: any RoutesBuilder) throws {
            routes.get("break-glass", use: page)
            routes.post("break-glass", use: open)
            routes.post("break-glass", ":grant", "end", use: end)
        }

        struct Model: Encodable {
            struct Line: Encodable {
                let user, practice, reason, opened, until, state: String
                let endLink: String?
            }

            let chrome: PageChrome
            let eligible: Bool
            let practices: [Choice]
            let grants: [Line]
            let error: String?
        }

        struct Choice: Encodable {
            let id, name: String
        }

        struct Form: Content {
            var csrf: String?
            var reason: String?
            var hours: Double?
            var practice: String?
        }

        func page(_ request: Request) async throws -> Response {
            try await render(request, error: nil, status: .ok)
        }

        func render(_ request: Request, error: String?, status: HTTPStatus) async throws -> Response {
            let session = try request.webSession
            let caller = session.caller
            let now = request.now
            var names: [UUID: String] = [:]
            var practices: [Choice] = []
            if caller.organization.kind == .vendor {
                for engagement in try await EngagementStore(request.tenantDB).list(visibleTo: caller) where engagement.status == .active {
                    let name =
                        try await OrganizationStore(request.tenantDB).find(engagement.practiceID)?.name ?? engagement.practiceID.description
                    names[engagement.practiceID.rawValue] = name
                    if !practices.contains(where: { $0.id == engagement.practiceID.description }) {
                        practices.append(Choice(id: engagement.practiceID.description, name: name))
                    }
                }
            }
            var lines: [Model.Line] = []
            for grant in try await BreakGlassStore(request.tenantDB).list(visibleTo: caller) {
                let practice: String
                if let known = names[grant.practiceID.rawValue] {
                    practice = known
                } else {
                    practice = try await OrganizationStore(request.tenantDB).find(grant.practiceID)?.name ?? ""
                }
                let mayEnd = grant.userID == caller.user.id || Policy.allows(caller, .endOthersBreakGlass)
                lines.append(
                    Model.Line(
                        user: grant.userID == caller.user.id ? "you" : grant.userID.description, practice: practice, reason: grant.reason,
                        opened: BreakGlassStore.instant(grant.openedAt), until: BreakGlassStore.instant(grant.endedAt ?? grant.expiresAt),
                        state: grant.isActive(at: now) ? "open" : (grant.endedAt == nil ? "expired" : "ended"),
                        endLink: grant.isActive(at: now) && mayEnd ? "/break-glass/\(grant.id)/end" : nil))
            }
            let model = Model(
                chrome: PageChrome(caller: caller, csrf: session.csrfToken), eligible: Policy.allows(caller.user.role, .openBreakGlass),
                practices: practices, grants: lines, error: error)
            let response = try await request.view.render("break-glass", model).encodeResponse(for: request)
            response.status = status
            return response
        }

        func open(_ request: Request) async throws -> Response {
            let form = try request.content.decode(Form.self)
            do {
                _ = try await BreakGlassStore(request.tenantDB).open(
                    for: try request.caller, practice: try BreakGlassController.practice(form.practice), reason: form.reason ?? "",
                    hours: form.hours, now: request.now)
            } catch let error as BreakGlassError {
                if case .notEligible = error { throw error }
                return try await render(request, error: error.description, status: .unprocessableEntity)
            }
            return request.redirect(to: "/claims?figure=claimsSubmitted", redirectType: .normal)
        }

        func end(_ request: Request) async throws -> Response {
            _ = try await BreakGlassStore(request.tenantDB).end(
                try BreakGlassController.grant(request), by: try request.caller, now: request.now)
            return request.redirect(to: "/break-glass", redirectType: .normal)
        }
    }
}

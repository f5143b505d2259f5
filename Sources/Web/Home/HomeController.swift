import Domain
import Foundation
import Persistence
import Vapor

/// `GET /`: the landing page (a signed-in person's home page for a signed-in browser), or the
/// first-run set-up while no practice exists; `GET /favicon.ico`:
/// Sightline's mark, for the browsers that ask for it by that name.
struct HomeController: RouteCollection {
    /// A sight line across a circle, in the stylesheet's accent colour.
    static let icon =
        ##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="13" fill="none" stroke="#0b6e6e" stroke-width="4"/><path d="M4 16h24" stroke="#0b6e6e" stroke-width="4"/></svg>"##

    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: home)
        routes.get("favicon.ico") { _ in
            var headers = HTTPHeaders()
            headers.contentType = HTTPMediaType(type: "image", subType: "svg+xml")
            headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=86400")
            return Response(status: .ok, headers: headers, body: .init(string: Self.icon))
        }
    }

    func home(_ request: Request) async throws -> Response {
        let organizations = OrganizationStore(request.tenantDB)
        guard try await !organizations.isEmpty() else { return request.redirect(to: "/setup") }
        if let secret = request.cookies[SessionAuthMiddleware.cookieName]?.string,
            try await WebSessionStore(request.db).authenticate(secret: secret, now: request.now) != nil
        {
            return request.redirect(to: "/home", redirectType: .normal)
        }
        let model = HomePageModel(
            organizationCount: try await organizations.count(),
            userCount: try await UserStore(request.tenantDB).count(),
            databaseEngine: request.sightline.configuration.database.engineName,
            version: SightlineVersion.current,
            host: request.headers.first(name: .host)
                ?? "\(request.sightline.configuration.hostname):\(request.sightline.configuration.port)")
        return try await request.view.render("home", model).encodeResponse(for: request)
    }
}

import Domain
import Persistence
import Vapor

/// `GET /`: the landing page, or the first-run set-up while no practice exists.
struct HomeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: home)
    }

    func home(_ request: Request) async throws -> Response {
        let organizations = OrganizationStore(request.tenantDB)
        guard try await !organizations.isEmpty() else { return request.redirect(to: "/setup") }
        let model = HomePageModel(
            organizationCount: try await organizations.count(),
            userCount: try await UserStore(request.tenantDB).count(),
            databaseEngine: request.sightline.configuration.database.engineName,
            version: SightlineVersion.current,
            host: request.headers.first(name: .host) ?? "\(request.sightline.configuration.hostname):\(request.sightline.configuration.port)")
        return try await request.view.render("home", model).encodeResponse(for: request)
    }
}

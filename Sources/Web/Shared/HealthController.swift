import Domain
import Fluent
import SQLKit
import Vapor

/// `GET /healthz`: whether this instance can serve, for load balancers and monitors.
struct HealthController: RouteCollection {
    struct Health: Content, Equatable {
        let status: String
        let version: String
        let database: String
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("healthz", use: health)
    }

    func health(_ request: Request) async throws -> Response {
        let engine = request.sightline.configuration.database.engineName
        var healthy = true
        do {
            if let sql = request.tenantDB as? any SQLDatabase { try await sql.raw("SELECT 1").run() }
        } catch {
            healthy = false
            request.logger.warning("health check: database did not answer")
        }
        let body = Health(status: healthy ? "ok" : "unavailable", version: SightlineVersion.current, database: engine)
        let response = Response(status: healthy ? .ok : .serviceUnavailable)
        response.headers.cacheControl = .init(noStore: true)
        try response.content.encode(body, as: .json)
        return response
    }
}

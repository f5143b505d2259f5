import Fluent
import Persistence
import Vapor

/// Runs each signed-in request on a database connection of its own, scoped to the caller's
/// organisation for PostgreSQL's row-level security (``RowSecurity``): the second tenant wall.
/// Handlers reach it as ``Vapor/Request/tenantDB``.
struct RowSecurityMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let organization = try request.caller.organization.id.rawValue
        return try await RowSecurity.within(
            request.db, organization: organization, asRole: request.application.runsRequestsAsRowSecurityRole
        ) { database in
            request.storage[TenantDatabaseKey.self] = database
            defer { request.storage[TenantDatabaseKey.self] = nil }
            return try await next.respond(to: request)
        }
    }
}

private struct TenantDatabaseKey: StorageKey {
    typealias Value = any Database
}

extension Request {
    /// The database as the signed-in caller's organisation sees it: on PostgreSQL, the request's
    /// own connection under row-level security; elsewhere (and before sign-in), `db`.
    var tenantDB: any Database { storage[TenantDatabaseKey.self] ?? db }
}

import Domain
import Vapor

/// The compliance auditor reads: every request of theirs that would change something is refused
/// with 403 before any handler runs, whatever the handler itself checks. Routes where the auditor
/// does act are named in ``auditorMayWrite``.
struct ReadOnlyRoleMiddleware: AsyncMiddleware {

    /// Path prefixes (after any `/api/v1`) where a read-only role still acts: breaking the glass
    /// (to read), and their decisions on role changes and in access reviews.
    static let auditorMayWrite: [String] = ["/break-glass", "/role-changes/", "/access-reviews/"]

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.method != .GET, request.method != .HEAD, let caller = try? request.caller, !Policy.allows(caller.user.role, .write) {
            let path = request.url.path.hasPrefix("/api/v1/") ? String(request.url.path.dropFirst("/api/v1".count)) : request.url.path
            guard Self.auditorMayWrite.contains(where: { path.hasPrefix($0) }) else {
                throw Abort(.forbidden, reason: "your role (\(caller.user.role.rawValue)) reads only; it may not change anything")
            }
        }
        return try await next.respond(to: request)
    }
}

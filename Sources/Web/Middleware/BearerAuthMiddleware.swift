import Persistence
import Vapor

/// Requires `Authorization: Bearer <token>` and resolves it to a ``Domain/Caller``.
/// An unknown, expired and revoked token all answer the same 401.
struct BearerAuthMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let bearer = request.headers.bearerAuthorization else {
            throw APIError.unauthenticated("send an API token as 'Authorization: Bearer <token>' (create one with: sightline token create --email EMAIL)")
        }
        guard let caller = try await APITokenStore(request.db).authenticate(secret: bearer.token, now: Date()) else {
            throw APIError.unauthenticated("the API token is unknown, expired or revoked")
        }
        return try await request.serving(as: caller) { try await next.respond(to: request) }
    }
}

import Domain
import Persistence
import Vapor

/// Requires `Authorization: Bearer <token>` and resolves it to a ``Domain/Caller``.
/// An unknown, expired and revoked token all answer the same 401.
struct BearerAuthMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // A secret in a URL ends up in logs, histories and Referer headers: refused outright.
        if let query = request.url.query, Self.carriesSecret(query) {
            throw APIError.invalidInput(field: "query", reason: "carries an API token; send it only as 'Authorization: Bearer <token>'")
        }
        guard let header = request.headers.bearerAuthorization else {
            throw APIError.unauthenticated(
                "send an API token as 'Authorization: Bearer <token>' (create one with: sightline token create --email EMAIL)")
        }
        guard let bearer = try await APITokenStore(request.db).authenticate(secret: header.token, now: request.now) else {
            throw APIError.unauthenticated("the API token is unknown, expired or revoked")
        }
        let needed = TokenScope.needed(method: request.method.rawValue, path: request.url.path)
        guard bearer.scopes.contains(needed) else {
            throw Abort(
                .forbidden,
                reason:
                    "this token may \(TokenScope.text(bearer.scopes)), not \(needed.rawValue); create one with --scopes \(needed.rawValue)")
        }
        let response = try await request.serving(as: bearer.caller) { try await next.respond(to: request) }
        // What a token reads may hold patient data: no cache keeps it.
        if response.headers.cacheControl == nil { response.headers.cacheControl = .init(noStore: true) }
        return response
    }

    /// Whether a query string names a token parameter or holds a Sightline secret.
    static func carriesSecret(_ query: String) -> Bool {
        let decoded = query.removingPercentEncoding ?? query
        for pair in decoded.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            let name = parts.first.map { $0.lowercased() } ?? ""
            if ["access_token", "token", "api_key", "apikey", "bearer"].contains(name) { return true }
            if parts.count == 2, parts[1].hasPrefix(APITokenStore.secretPrefix), parts[1].count >= 20 { return true }
        }
        return false
    }
}

import Foundation
import Vapor

/// Refuses a page request that changes something (any method but GET and HEAD) unless its form
/// carries the signed-in session's anti-forgery token in the field `csrf` (403). One check in
/// front of every form behind sign-in, so no handler can forget it; it sits after
/// ``SessionAuthMiddleware``, which finds the session.
struct CSRFMiddleware: AsyncMiddleware {
    /// The largest body a page's form may send: the import form's limit, the largest there is.
    let maxBytes: Int

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.method != .GET, request.method != .HEAD else { return try await next.respond(to: request) }
        let session = try request.webSession
        try request.requireCSRF(try await Self.submittedToken(request, maxBytes: maxBytes), of: session)
        return try await next.respond(to: request)
    }

    /// The `csrf` field of a URL-encoded or multipart form; `nil` when there is none (or the body
    /// is not a form). The body is collected here, so the route reads it from memory.
    static func submittedToken(_ request: Request, maxBytes: Int) async throws -> String? {
        guard let type = request.headers.contentType else { return nil }
        let multipart = type.type == "multipart"
        // A file upload may be as large as the import form allows; any other form keeps the
        // routes' own limit, as if the route had read it.
        let limit = multipart ? maxBytes : request.application.routes.defaultMaxBodySize.value
        guard let body = try await request.body.collect(max: limit).get() else { return nil }
        if multipart, let boundary = type.parameters["boundary"] {
            return try? UploadedFiles.form(body, boundary: boundary).fields["csrf"]
        }
        return try? request.content.get(String.self, at: "csrf")
    }
}

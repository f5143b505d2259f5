import Foundation
import Persistence
import Vapor

/// Requires a signed-in browser on page routes: the session cookie resolves to a caller and the
/// session's anti-forgery token; without one, the browser is sent to the sign-in page and back.
/// Every page behind it may show patient data, so none is stored by the browser's cache.
struct SessionAuthMiddleware: AsyncMiddleware {
    static let cookieName = "sightline_session"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let secret = request.cookies[Self.cookieName]?.string,
            let session = try await WebSessionStore(request.db).authenticate(secret: secret, now: request.now)
        else {
            let target = request.url.path + (request.url.query.map { "?\($0)" } ?? "")
            let next = target.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"
            let response = request.redirect(to: "/sign-in?next=\(next)", redirectType: .normal)
            response.cookies[Self.cookieName] = .expired
            return response
        }
        request.storage[SessionKey.self] = session
        let response = try await request.serving(as: session.caller) { try await next.respond(to: request) }
        response.headers.cacheControl = .init(noStore: true)
        return response
    }

    private struct SessionKey: StorageKey {
        typealias Value = WebSession
    }

    /// The signed-in session of a page request.
    static func session(of request: Request) throws -> WebSession {
        guard let session = request.storage[SessionKey.self] else { throw Abort(.unauthorized) }
        return session
    }
}

extension Request {
    /// The browser session; set by ``SessionAuthMiddleware`` on every page behind sign-in.
    var webSession: WebSession {
        get throws { try SessionAuthMiddleware.session(of: self) }
    }

    /// Refuses a form post whose anti-forgery token is not this session's (403).
    func requireCSRF(_ submitted: String?) throws {
        try requireCSRF(submitted, of: try webSession)
    }

    /// Refuses a form post whose anti-forgery token is not `session`'s (403).
    func requireCSRF(_ submitted: String?, of session: WebSession) throws {
        let expected = Array(session.csrfToken.utf8)
        let given = Array((submitted ?? "").utf8)
        // Constant time over the expected length.
        var difference = UInt8(expected.count == given.count ? 0 : 1)
        for (index, byte) in expected.enumerated() { difference |= byte ^ (index < given.count ? given[index] : 0) }
        guard difference == 0 else {
            throw Abort(.forbidden, reason: "the form has expired or did not come from this site; reload the page and try again")
        }
    }
}

extension HTTPCookies.Value {
    /// The session cookie: host-only (no Domain), HttpOnly, SameSite=Lax, Secure over HTTPS, and
    /// gone when the browser closes; the server ends it sooner (30 minutes idle, 12 hours at most).
    static func session(_ secret: String, secure: Bool) -> HTTPCookies.Value {
        HTTPCookies.Value(
            string: secret, expires: nil, maxAge: nil, domain: nil, path: "/", isSecure: secure, isHTTPOnly: true, sameSite: .lax)
    }
}

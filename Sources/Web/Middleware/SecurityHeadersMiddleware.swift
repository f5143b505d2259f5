import Vapor

/// Security headers on every response, errors included: a strict content security policy (the
/// stylesheet and the one optional script come from Sightline itself; nothing inline), no framing, no sniffing, no referrer beyond
/// the origin, and HSTS when the request came over HTTPS.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        var response = try await next.respond(to: request)
        if let bad = Self.invalidHeader(in: response.headers) {
            // Vapor's pipeline has no NIO header validator: a header that would split the response
            // never leaves, whatever put it there.
            request.logger.error("refused a response header that is not one line: \(bad)")
            response = SightlineErrorMiddleware.response(
                for: .init(status: .internalServerError, code: "internal_error", reason: "internal error"), request: request)
        }
        let headers = [
            ("Content-Security-Policy", Self.contentSecurityPolicy),
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "same-origin"),
            ("X-Frame-Options", "DENY"),
        ]
        for (name, value) in headers { response.headers.replaceOrAdd(name: name, value: value) }
        if request.isSecure {
            response.headers.replaceOrAdd(name: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains")
        }
        return response
    }
}

extension SecurityHeadersMiddleware {
    /// The name of the first header whose name is not an RFC 9110 token or whose value holds a
    /// control character other than tab.
    static func invalidHeader(in headers: HTTPHeaders) -> String? {
        for (name, value) in headers {
            let nameIsToken =
                !name.isEmpty
                && name.utf8.allSatisfy { byte in
                    (0x21...0x7E).contains(byte) && !"\"(),/:;<=>?@[\\]{}".utf8.contains(byte)
                }
            let valueIsLine = value.utf8.allSatisfy { $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) }
            if !nameIsToken || !valueIsLine { return nameIsToken ? name : "(unnamed)" }
        }
        return nil
    }
}

extension Request {
    /// Whether the browser reached Sightline over HTTPS, directly or through a proxy that says so.
    var isSecure: Bool {
        url.scheme == "https" || headers.first(name: "X-Forwarded-Proto")?.lowercased() == "https"
    }
}

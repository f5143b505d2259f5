import Domain
import Foundation
import Persistence
import Vapor

/// `GET/POST /sign-in` and `POST /sign-out`: browser sessions for the pages.
struct SignInController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("sign-in", use: form)
        routes.post("sign-in", use: signIn)
        routes.grouped(SessionAuthMiddleware(), CSRFMiddleware(maxBytes: 1 << 14)).post("sign-out", use: signOut)
    }

    func form(_ request: Request) async throws -> Response {
        let next = SignInPageModel.safeNext(try? request.query.get(String.self, at: "next"))
        return try await request.view.render("sign-in", SignInPageModel(email: "", next: next, error: nil)).encodeResponse(for: request)
    }

    struct Form: Content {
        var email: String?
        var password: String?
        var next: String?
    }

    /// 429 with the seconds to wait, after too many failures in a row for an account or an address.
    static func throttled(_ seconds: Int) -> Abort {
        Abort(
            .tooManyRequests, headers: ["Retry-After": "\(seconds)"],
            reason:
                "too many failed sign-ins for this account or from this address; try again in \(max(1, seconds / 60)) minute\(seconds >= 120 ? "s" : "")"
        )
    }

    /// The address typed, for the audit trail: only when it is an e-mail address (a password typed
    /// in the wrong field must not end up on record); never the password.
    static func typed(_ email: String?) -> String {
        guard let address = try? EmailAddress(email ?? "") else { return "e-mail: (not an e-mail address)" }
        return "e-mail \(address.value)"
    }

    func signIn(_ request: Request) async throws -> Response {
        let form = try request.content.decode(Form.self)
        let next = SignInPageModel.safeNext(form.next)
        let keys = SignInThrottle.keys(email: form.email ?? "", address: request.clientAddress)
        // Counted before the password is checked: a blocked account's right password is not tried.
        if let wait = try await SignInThrottle(request.tenantDB).attempt(keys, now: request.now) {
            try await request.audit(AuditEntry("sign_in", outcome: .denied, detail: "throttled: \(Self.typed(form.email))"))
            throw Self.throttled(wait)
        }
        guard
            let started = try await WebSessionStore(request.tenantDB).signIn(
                email: form.email ?? "", password: form.password ?? "", hasher: request.sightline.hasher, now: request.now)
        else {
            try await request.audit(AuditEntry("sign_in", outcome: .failure, detail: Self.typed(form.email)))
            let model = SignInPageModel(email: form.email ?? "", next: next, error: "The e-mail address or password is not right.")
            return try await request.view.render("sign-in", model).encodeResponse(status: .unauthorized, for: request)
        }
        try await SignInThrottle(request.tenantDB).refund(keys, now: request.now)
        // The password held: on to the second step (setting up an authenticator the first time).
        let enrolled = try await MFAStore(request.tenantDB).isEnrolled(started.session.caller.user.id)
        let step = enrolled ? "/sign-in/code" : "/sign-in/enroll"
        let response = request.redirect(
            to: "\(step)?next=\(next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/")", redirectType: .normal)
        response.cookies[SessionAuthMiddleware.cookieName] = .session(started.secret, secure: request.isSecure)
        return response
    }

    func signOut(_ request: Request) async throws -> Response {
        try await WebSessionStore(request.tenantDB).signOut(try request.webSession.id, now: request.now)
        try await request.audit(AuditEntry("sign_out", object: "user:\(try request.caller.user.id)"))
        let response = request.redirect(to: "/sign-in", redirectType: .normal)
        response.cookies[SessionAuthMiddleware.cookieName] = .expired
        return response
    }
}

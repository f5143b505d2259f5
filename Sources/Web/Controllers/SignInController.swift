import Domain
import Foundation
import Persistence
import Vapor

/// `GET/POST /sign-in` and `POST /sign-out`: browser sessions for the pages.
struct SignInController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("sign-in", use: form)
        routes.post("sign-in", use: signIn)
        routes.grouped(SessionAuthMiddleware()).post("sign-out", use: signOut)
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

    func signIn(_ request: Request) async throws -> Response {
        let form = try request.content.decode(Form.self)
        let next = SignInPageModel.safeNext(form.next)
        guard let started = try await WebSessionStore(request.db).signIn(
            email: form.email ?? "", password: form.password ?? "", hasher: request.sightline.hasher, now: Date())
        else {
            // The address typed is kept (cut short), never the password.
            try await request.audit(AuditEntry("sign_in", outcome: .failure, detail: "e-mail \(String((form.email ?? "").prefix(120)))"))
            let model = SignInPageModel(email: form.email ?? "", next: next, error: "The e-mail address or password is not right.")
            return try await request.view.render("sign-in", model).encodeResponse(status: .unauthorized, for: request)
        }
        request.logger.notice("sign-in by user \(started.session.caller.user.id)")
        try await AuditActor.$current.withValue(AuditActor.current?.acting(as: started.session.caller)) {
            try await request.audit(AuditEntry("sign_in", object: "user:\(started.session.caller.user.id)"))
        }
        let response = request.redirect(to: next, redirectType: .normal)
        response.cookies[SessionAuthMiddleware.cookieName] = .session(started.secret, secure: request.isSecure)
        return response
    }

    struct SignOutForm: Content {
        var csrf: String?
    }

    func signOut(_ request: Request) async throws -> Response {
        try request.requireCSRF(try request.content.decode(SignOutForm.self).csrf)
        try await WebSessionStore(request.db).signOut(try request.webSession.id, now: Date())
        try await request.audit(AuditEntry("sign_out", object: "user:\(try request.caller.user.id)"))
        let response = request.redirect(to: "/sign-in", redirectType: .normal)
        response.cookies[SessionAuthMiddleware.cookieName] = .expired
        return response
    }
}

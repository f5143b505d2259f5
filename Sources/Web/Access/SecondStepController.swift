import Domain
import Foundation
import Persistence
import Vapor

/// The second step of signing in: a code from the person's authenticator (or one of their
/// recovery codes), or, the first time, setting the authenticator up. Only a session that passed
/// its password and is within its ten minutes may take it; success starts a new session.
struct SecondStepController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("sign-in", "code", use: codeForm)
        routes.post("sign-in", "code", use: code)
        routes.get("sign-in", "enroll", use: enrollForm)
        routes.post("sign-in", "enroll", use: enroll)
    }

    struct Form: Content {
        var code: String?
        var csrf: String?
        var next: String?
    }

    /// The session waiting for its second step, or the way back to the password.
    private func pending(_ request: Request) async throws -> WebSession? {
        guard let secret = request.cookies[SessionAuthMiddleware.cookieName]?.string else { return nil }
        return try await WebSessionStore(request.tenantDB).pending(secret: secret, now: request.now)
    }

    private func restart(_ request: Request) -> Response {
        let response = request.redirect(to: "/sign-in", redirectType: .normal)
        response.cookies[SessionAuthMiddleware.cookieName] = .expired
        return response
    }

    private func render(_ request: Request, _ view: String, _ model: SecondStepPageModel, status: HTTPStatus = .ok) async throws -> Response
    {
        let response = try await request.view.render(view, model).encodeResponse(status: status, for: request)
        response.headers.cacheControl = .init(noStore: true)
        return response
    }

    func codeForm(_ request: Request) async throws -> Response {
        guard let session = try await pending(request) else { return restart(request) }
        let next = SignInPageModel.safeNext(try? request.query.get(String.self, at: "next"))
        guard try await MFAStore(request.tenantDB).isEnrolled(session.caller.user.id) else {
            return request.redirect(
                to: "/sign-in/enroll?next=\(next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/")",
                redirectType: .normal)
        }
        return try await render(request, "sign-in-code", SecondStepPageModel(csrf: session.csrfToken, next: next))
    }

    func code(_ request: Request) async throws -> Response {
        guard let session = try await pending(request) else { return restart(request) }
        let form = try request.content.decode(Form.self)
        try request.requireCSRF(form.csrf, of: session)
        let next = SignInPageModel.safeNext(form.next)
        let caller = session.caller
        let keys = SignInThrottle.keys(email: caller.user.email.value, address: request.clientAddress)
        if let wait = try await SignInThrottle(request.tenantDB).attempt(keys, now: request.now) { throw SignInController.throttled(wait) }
        let now = request.now
        return try await AuditActor.$current.withValue(AuditActor.current?.acting(as: caller)) {
            guard try await MFAStore(request.tenantDB).verify(caller.user.id, code: form.code ?? "", now: now) else {
                try await request.audit(
                    AuditEntry("sign_in", object: "user:\(caller.user.id)", outcome: .failure, detail: "second step: wrong or used code"))
                return try await render(
                    request, "sign-in-code",
                    SecondStepPageModel(
                        csrf: session.csrfToken, next: next,
                        error:
                            "That code is not right, or was used already. Type the code your authenticator shows now, or a recovery code."),
                    status: .unauthorized)
            }
            try await SignInThrottle(request.tenantDB).refund(keys, now: now)
            return try await finish(request, session, next: next, now: now)
        }
    }

    /// Ends the half-way session, starts a full one with a new id, and records the sign-in.
    private func finish(
        _ request: Request, _ session: WebSession, next: String, now: Date, recoveryCodes: [String]? = nil
    ) async throws -> Response {
        let started = try await WebSessionStore(request.tenantDB).completeSecondStep(session, now: now)
        try await SignInThrottle(request.tenantDB).succeeded(account: session.caller.user.email.value)
        try await request.audit(AuditEntry("sign_in", object: "user:\(session.caller.user.id)"))
        request.logger.notice("sign-in by user \(session.caller.user.id)")
        let response: Response
        if let recoveryCodes {
            response = try await render(
                request, "sign-in-recovery", SecondStepPageModel(csrf: started.session.csrfToken, next: next, recoveryCodes: recoveryCodes))
        } else {
            response = request.redirect(to: next, redirectType: .normal)
        }
        response.cookies[SessionAuthMiddleware.cookieName] = .session(started.secret, secure: request.isSecure)
        return response
    }

    func enrollForm(_ request: Request) async throws -> Response {
        guard let session = try await pending(request) else { return restart(request) }
        let next = SignInPageModel.safeNext(try? request.query.get(String.self, at: "next"))
        let store = MFAStore(request.tenantDB)
        guard try await !store.isEnrolled(session.caller.user.id) else {
            return request.redirect(
                to: "/sign-in/code?next=\(next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/")", redirectType: .normal)
        }
        let enrollment: MFAEnrollment
        if let waiting = try await store.pending(session.caller.user) {
            enrollment = waiting
        } else {
            enrollment = try await store.begin(session.caller.user, now: request.now)
        }
        return try await render(request, "sign-in-enroll", SecondStepPageModel(csrf: session.csrfToken, next: next, enrollment: enrollment))
    }

    func enroll(_ request: Request) async throws -> Response {
        guard let session = try await pending(request) else { return restart(request) }
        let form = try request.content.decode(Form.self)
        try request.requireCSRF(form.csrf, of: session)
        let next = SignInPageModel.safeNext(form.next)
        let now = request.now
        return try await AuditActor.$current.withValue(AuditActor.current?.acting(as: session.caller)) {
            do {
                let codes = try await MFAStore(request.tenantDB).confirm(session.caller.user.id, code: form.code ?? "", now: now)
                return try await finish(request, session, next: next, now: now, recoveryCodes: codes)
            } catch let error as MFAError {
                let enrollment = try await MFAStore(request.tenantDB).pending(session.caller.user)
                return try await render(
                    request, "sign-in-enroll",
                    SecondStepPageModel(csrf: session.csrfToken, next: next, error: error.description, enrollment: enrollment),
                    status: .unprocessableEntity)
            }
        }
    }
}

struct SecondStepPageModel: Encodable {
    var csrf: String
    var next: String
    var error: String?
    var secret: String?
    var link: String?
    var recoveryCodes: [String]?

    init(csrf: String, next: String, error: String? = nil, enrollment: MFAEnrollment? = nil, recoveryCodes: [String]? = nil) {
        self.csrf = csrf
        self.next = next
        self.error = error
        // Grouped by four, as authenticator apps show secrets typed by hand.
        secret = enrollment.map { secret in
            stride(from: 0, to: secret.secret.count, by: 4).map { String(Array(secret.secret)[$0..<min($0 + 4, secret.secret.count)]) }
                .joined(separator: " ")
        }
        link = enrollment?.link
        self.recoveryCodes = recoveryCodes
    }
}

import Domain
import Foundation
import Persistence
import SightlineTestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

@Suite("Sign-in's second step and throttling", .webApp)
struct SignInSecurityTests {
    static let manager = "practice-manager@riverbendfamilymedicine.example"

    static var form: HTTPHeaders {
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        return headers
    }

    /// Posts the password; returns the status, where it leads and the cookie it sets.
    static func password(
        _ email: String = manager, _ password: String = "a long enough password"
    ) async throws -> (HTTPStatus, String, HTTPHeaders) {
        var result: (HTTPStatus, String, HTTPHeaders) = (.ok, "", HTTPHeaders())
        let body =
            "email=\(email.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")&password=\(password.replacingOccurrences(of: " ", with: "+"))&next=%2Fengagements"
        try await TestDatabase.app.testing().test(.POST, "/sign-in", headers: form, body: ByteBuffer(string: body)) { response in
            var cookie = HTTPHeaders()
            if let set = response.headers.first(name: .setCookie) {
                cookie.add(name: .cookie, value: set.split(separator: ";").first.map(String.init) ?? "")
            }
            result = (response.status, response.headers.first(name: .location) ?? "", cookie)
        }
        return result
    }

    /// Posts a code as the second step of the session behind `cookie`.
    static func code(_ code: String, cookie: HTTPHeaders, path: String = "/sign-in/code") async throws -> (HTTPStatus, String, String) {
        let app = try TestDatabase.app
        var csrf = ""
        try await app.testing().test(.GET, path + "?next=%2Fengagements", headers: cookie) { response in
            csrf = csrfToken(in: response.body.string)
        }
        var headers = form
        for (name, value) in cookie { headers.add(name: name, value: value) }
        var result: (HTTPStatus, String, String) = (.ok, "", "")
        try await app.testing().test(
            .POST, path, headers: headers, body: ByteBuffer(string: "csrf=\(csrf)&code=\(code)&next=%2Fengagements")
        ) { response in
            result = (response.status, response.headers.first(name: .setCookie) ?? "", response.body.string)
        }
        return result
    }

    @Test(
        "the first sign-in sets up an authenticator: its key is shown, a wrong code is refused, the right one signs in and shows ten recovery codes once"
    )
    func enrolment() async throws {
        let app = try TestDatabase.app
        _ = try await TestParties.make()
        let (status, location, pending) = try await Self.password()
        #expect(status == .seeOther && location == "/sign-in/enroll?next=%2Fengagements")
        // Half-way, no page opens.
        try await app.testing().test(.GET, "/engagements", headers: pending) { response in
            #expect(response.status == .seeOther && response.headers.first(name: .location)?.hasPrefix("/sign-in") == true)
        }
        var key = ""
        try await app.testing().test(.GET, "/sign-in/enroll?next=%2Fengagements", headers: pending) { response in
            #expect(response.status == .ok)
            #expect(response.headers.cacheControl?.noStore == true)
            let html = response.body.string
            if let range = html.range(of: #"data-secret=""#) {
                key = String(html[range.upperBound...].prefix { $0 != "\"" }).replacingOccurrences(of: " ", with: "")
            }
            #expect(html.contains("otpauth://totp/Sightline:"))
        }
        let secret = try #require(TOTP.bytes(base32: key))
        #expect(secret.count == 20)
        let right = TOTP.code(secret: secret, counter: TOTP.counter(at: Date()))
        let wrong = String(right.map { $0 == "9" ? "0" : Character(String(($0.wholeNumberValue ?? 0) + 1)) })
        #expect(try await Self.code(wrong, cookie: pending, path: "/sign-in/enroll").0 == .unprocessableEntity)
        let (done, setCookie, page) = try await Self.code(right, cookie: pending, path: "/sign-in/enroll")
        #expect(done == .ok)
        #expect(page.components(separatedBy: "<li><code>").count - 1 == MFAStore.recoveryCodeCount)
        var signedIn = HTTPHeaders()
        signedIn.add(name: .cookie, value: setCookie.split(separator: ";").first.map(String.init) ?? "")
        try await app.testing().test(.GET, "/engagements", headers: signedIn) { response in #expect(response.status == .ok) }
        // The half-way session ended with the sign-in: a new id.
        #expect(signedIn.first(name: .cookie) != pending.first(name: .cookie))
        try await app.testing().test(.GET, "/sign-in/code", headers: pending) { response in
            #expect(response.headers.first(name: .location) == "/sign-in")
        }
        // Next time: a code, not the set-up.
        #expect(try await Self.password().1 == "/sign-in/code?next=%2Fengagements")
    }

    @Test("a code signs in once, a recovery code once; a used, wrong or forged-form code does not")
    func singleUse() async throws {
        let app = try TestDatabase.app
        let parties = try await TestParties.make()
        let user = parties[.practiceManager].user
        let enrollment = try await MFAStore(app.db).begin(user, now: Date())
        let secret = try #require(TOTP.bytes(base32: enrollment.secret))
        let recovery = try await MFAStore(app.db).confirm(
            user.id, code: TOTP.code(secret: secret, counter: TOTP.counter(at: Date()) - 1), now: Date())
        let code = TOTP.code(secret: secret, counter: TOTP.counter(at: Date()))
        #expect(try await Self.code(code, cookie: try await Self.password().2).0 == .seeOther)
        #expect(try await Self.code(code, cookie: try await Self.password().2).0 == .unauthorized)
        let spare = try #require(recovery.first)
        #expect(try await Self.code(spare.uppercased(), cookie: try await Self.password().2).0 == .seeOther)
        #expect(try await Self.code(spare, cookie: try await Self.password().2).0 == .unauthorized)
        #expect(try await Self.code("00000-00000", cookie: try await Self.password().2).0 == .unauthorized)
        // Without the page's anti-forgery token.
        var headers = Self.form
        for (name, value) in try await Self.password().2 { headers.add(name: name, value: value) }
        try await app.testing().test(.POST, "/sign-in/code", headers: headers, body: ByteBuffer(string: "code=\(recovery[1])")) {
            response in
            #expect(response.status == .forbidden)
        }
        let failures = try await AuditTrail(app.db).records(AuditFilter(), limit: 100).filter {
            $0.action == "sign_in" && $0.outcome == .failure
        }
        #expect(failures.count == 3)
    }

    @Test("after 100 failures in a row an account gets 429 with Retry-After, even with its password; a whole sign-in clears the count")
    func throttling() async throws {
        let app = try TestDatabase.app
        _ = try await TestParties.make()
        // A whole sign-in (password and code) clears the count; a password alone does not, or
        // someone holding it could guess codes without end.
        for _ in 0..<99 { #expect(try await Self.password(Self.manager, "wrong password").0 == .unauthorized) }
        _ = try await signInBrowser(Self.manager)
        for _ in 0..<99 { _ = try await Self.password(Self.manager, "wrong password") }
        #expect(try await Self.password().0 == .seeOther)
        for _ in 0..<SignInThrottle.limit { _ = try await Self.password(Self.manager, "wrong password") }
        let body =
            "email=\(Self.manager.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")&password=a+long+enough+password"
        try await app.testing().test(.POST, "/sign-in", headers: Self.form, body: ByteBuffer(string: body)) { response in
            #expect(response.status == .tooManyRequests)
            let wait = Int(response.headers.first(name: "Retry-After") ?? "") ?? 0
            #expect(wait > 0 && wait <= Int(SignInThrottle.blockSeconds))
            #expect(response.headers.first(name: .setCookie) == nil)
        }
        // Another account is not held back by this one's failures.
        #expect(try await Self.password("practice-staff@riverbendfamilymedicine.example").0 == .seeOther)
    }
}

@Suite("API tokens: scopes, revocation, never in a URL", .webApp)
struct TokenScopeAPITests {
    @Test("a read token reads but may not write or import (403 naming the scope); a revoked one is refused at once")
    func scopes() async throws {
        let app = try TestDatabase.app
        let parties = try await TestParties.make()
        let email = parties[.practiceAdmin].user.email
        let reader = try await APITokenStore(app.db).issue(for: email, lifetime: .standard, now: Date())
        let writer = try await APITokenStore(app.db).issue(for: email, lifetime: .standard, scopes: [.read, .write], now: Date())
        func headers(_ token: IssuedToken) -> HTTPHeaders {
            var headers = HTTPHeaders()
            headers.bearerAuthorization = BearerAuthorization(token: token.secret)
            headers.contentType = .json
            return headers
        }
        try await app.testing().test(.GET, "/api/v1/me", headers: headers(reader)) { response in
            #expect(response.status == .ok)
            #expect(response.headers.first(name: .cacheControl)?.contains("no-store") == true)
        }
        try await app.testing().test(
            .POST, "/api/v1/engagements/\(UUID())/tickets", headers: headers(reader),
            beforeRequest: { try $0.content.encode(["title": "Denials"]) }
        ) { response in
            #expect(response.status == .forbidden)
            #expect(response.body.string.contains("not write"))
        }
        try await app.testing().test(.POST, "/api/v1/imports", headers: headers(writer)) { response in
            #expect(response.status == .forbidden)
            #expect(response.body.string.contains("not import"))
        }
        let tokens = try await APITokenStore(app.db).list(for: email)
        let id = try #require(tokens.first { $0.scopes == [.read] }?.id)
        try await APITokenStore(app.db).revoke(id, now: Date())
        try await app.testing().test(.GET, "/api/v1/me", headers: headers(reader)) { response in #expect(response.status == .unauthorized) }
        try await app.testing().test(.GET, "/api/v1/me", headers: headers(writer)) { response in #expect(response.status == .ok) }
        #expect(try await APITokenStore(app.db).list(for: email).contains { $0.id == id && $0.revokedAt != nil })
    }

    @Test(
        "a token in the URL is refused, whatever the parameter is called",
        arguments: ["access_token=SECRET", "token=SECRET", "q=SECRET", "API_KEY=abc"])
    func notInURL(query: String) async throws {
        let app = try TestDatabase.app
        let parties = try await TestParties.make()
        let token = try await APITokenStore(app.db).issue(for: parties[.practiceAdmin].user.email, lifetime: .standard, now: Date())
        var headers = HTTPHeaders()
        headers.bearerAuthorization = BearerAuthorization(token: token.secret)
        let url = "/api/v1/me?" + query.replacingOccurrences(of: "SECRET", with: token.secret)
        try await app.testing().test(.GET, url, headers: headers) { response in
            #expect(response.status == .unprocessableEntity)
            #expect(!response.body.string.contains(token.secret))
        }
    }
}

@Suite("A leaver", .webApp)
struct LeaverTests {
    @Test("a deactivated user's browser session and API token are refused at once, and they cannot sign in again")
    func deactivated() async throws {
        let app = try TestDatabase.app
        let parties = try await TestParties.make()
        let email = parties[.vendorAgent].user.email
        let session = try await signInBrowser(email.value)
        let token = try await APITokenStore(app.db).issue(for: email, lifetime: .standard, now: Date())
        var bearer = HTTPHeaders()
        bearer.bearerAuthorization = BearerAuthorization(token: token.secret)
        try await app.testing().test(.GET, "/engagements", headers: session.cookie) { response in #expect(response.status == .ok) }
        try await app.testing().test(.GET, "/api/v1/me", headers: bearer) { response in #expect(response.status == .ok) }
        try await UserStore(app.db).deactivate(email: email, now: Date())
        try await app.testing().test(.GET, "/engagements", headers: session.cookie) { response in
            #expect(response.status == .seeOther)
            #expect(response.headers.first(name: .location)?.hasPrefix("/sign-in") == true)
        }
        try await app.testing().test(.GET, "/api/v1/me", headers: bearer) { response in #expect(response.status == .unauthorized) }
        #expect(try await SignInSecurityTests.password(email.value).0 == .unauthorized)
    }
}

@Suite("The compliance auditor reads tickets but does not change them", .webApp)
struct AuditorReadsTicketsTests {
    @Test(
        "assigning, watching and attaching are 403 for the auditor, as messages and status are",
        arguments: [
            ("assignee", #"{"userId":null}"#), ("watchers", #"{"userId":"00000000-0000-0000-0000-000000000001"}"#),
        ])
    func refused(path: String, body: String) async throws {
        let app = try TestDatabase.app
        let parties = try await APIParties.make()
        let engagement = try await parties.engagement(signedOn: CalendarDate("2026-01-01"))
        let ticket = try await parties.ticketForTheVendor(in: engagement)
        try await app.testing().test(
            .POST, "/api/v1/tickets/\(ticket.id)/\(path)", headers: parties[.complianceAuditor], body: ByteBuffer(string: body)
        ) { response in
            #expect(response.status == .forbidden)
        }
        var upload = parties[.complianceAuditor]
        upload.contentType = .binary
        try await app.testing().test(
            .POST, "/api/v1/tickets/\(ticket.id)/attachments?name=notes.txt", headers: upload, body: ByteBuffer(string: "notes")
        ) { response in
            #expect(response.status == .forbidden)
        }
        try await app.testing().test(.GET, "/api/v1/tickets/\(ticket.id)", headers: parties[.complianceAuditor]) { response in
            #expect(response.status == .ok)
        }
        #expect(try await TicketStore(app.db).events(of: ticket.id, visibleTo: nil).map(\.kind) == [.opened])
    }
}

import Domain
import Foundation
import Persistence
import SightlineTestSupport
import Testing
import Vapor
import VaporTesting

@Suite("First-run setup on the web", .webApp)
struct SetupPageTests {
    static let validForm =
        "practiceName=Riverbend+Family+Medicine&timeZone=America%2FDenver&email=owner%40riverbend.example"
        + "&password=a+long+enough+password&passwordConfirmation=a+long+enough+password"

    func post(_ body: String) -> (inout TestingHTTPRequest) async throws -> Void {
        { request in
            request.headers.contentType = .urlEncodedForm
            request.body = ByteBuffer(string: body)
        }
    }

    @Test("an empty workspace sends visitors to the setup page")
    func redirect() async throws {
        try await TestDatabase.app.testing().test(.GET, "/") { response in
            #expect(response.status == .seeOther)
            #expect(response.headers.first(name: .location) == "/setup")
        }
        try await TestDatabase.app.testing().test(.GET, "/setup") { response in
            #expect(response.status == .ok)
            #expect(response.headers.contentType?.subType == "html")
            let html = response.body.string
            #expect(html.contains("<form method=\"post\" action=\"/setup\""))
            #expect(html.contains("America/Chicago"))
        }
    }

    @Test("setting up creates the practice and its admin and shows a working token once")
    func setUp() async throws {
        let app = try TestDatabase.app
        var token = ""
        try await app.testing().test(.POST, "/setup", beforeRequest: post(Self.validForm)) { response in
            #expect(response.status == .created)
            #expect(response.headers.cacheControl?.noStore == true)
            let html = response.body.string
            #expect(html.contains("Riverbend Family Medicine is set up"))
            let match = try #require(html.firstMatch(of: /sl_[A-Za-z0-9_-]+/))
            token = String(match.0)
        }
        let practices = try await OrganizationStore(app.db).practices()
        #expect(practices.map(\.timeZone) == ["America/Denver"])
        var headers = HTTPHeaders()
        headers.bearerAuthorization = BearerAuthorization(token: token)
        try await app.testing().test(.GET, "/api/v1/me", headers: headers) { response in
            #expect(response.status == .ok)
            #expect(response.body.string.contains("practice_admin"))
        }
        // Once set up, the setup page is closed and / shows the workspace.
        try await app.testing().test(.GET, "/setup") { response in
            #expect(response.status == .seeOther)
        }
        try await app.testing().test(
            .POST, "/setup", beforeRequest: post(Self.validForm.replacingOccurrences(of: "owner", with: "intruder"))
        ) { response in
            #expect(response.status == .seeOther)
        }
        #expect(try await UserStore(app.db).count() == 1)
        try await app.testing().test(.GET, "/") { response in
            #expect(response.status == .ok)
            #expect(response.body.string.contains("Your workspace is ready"))
        }
    }

    @Test("every bad field is reported at once, the typed values are kept, the password is never echoed")
    func invalid() async throws {
        let app = try TestDatabase.app
        let body =
            "practiceName=%3Cb%3EClinic%3C%2Fb%3E&timeZone=Mars%2FOlympus&email=not-an-address"
            + "&password=short&passwordConfirmation=different"
        try await app.testing().test(.POST, "/setup", beforeRequest: post(body)) { response in
            #expect(response.status == .unprocessableEntity)
            let html = response.body.string
            #expect(html.contains("Please correct 3 fields below"))
            #expect(html.contains("is not an IANA time zone"))
            #expect(html.contains("is not an e-mail address"))
            #expect(html.contains("at least 8 are required"))
            #expect(html.contains("value=\"&lt;b&gt;Clinic&lt;/b&gt;\""))
            #expect(!html.contains("<b>Clinic</b>"))
            #expect(!html.contains("short\""))
            #expect(html.contains("aria-invalid=\"true\""))
        }
        #expect(try await OrganizationStore(app.db).isEmpty())
    }

    @Test("mismatched passwords are caught on the confirmation field")
    func mismatch() async throws {
        let body = Self.validForm.replacingOccurrences(
            of: "passwordConfirmation=a+long+enough+password", with: "passwordConfirmation=a+long+enough+passwort")
        try await TestDatabase.app.testing().test(.POST, "/setup", beforeRequest: post(body)) { response in
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains("The two passwords differ"))
        }
    }

    @Test("a form missing fields answers 400 with a page, not a crash")
    func missingFields() async throws {
        try await TestDatabase.app.testing().test(.POST, "/setup", beforeRequest: post("practiceName=Only")) { response in
            #expect(response.status == .badRequest)
            #expect(response.headers.contentType?.subType == "html")
        }
    }
}

extension ByteBuffer {
    var string: String { String(buffer: self) }
}

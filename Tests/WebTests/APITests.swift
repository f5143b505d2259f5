import Domain
import Foundation
import Persistence
import SightlineTestSupport
import Testing
import Vapor
import VaporTesting

@Suite("The JSON API", .webApp)
struct APITests {
    @Test("/healthz answers ok with the version and the engine, without a token")
    func health() async throws {
        try await TestDatabase.app.testing().test(.GET, "/healthz") { response in
            #expect(response.status == .ok)
            let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: String]
            #expect(body?["status"] == "ok")
            #expect(body?["version"] == SightlineVersion.current)
            #expect(body?["database"] == (TestDatabase.isPostgres ? "postgres" : "sqlite"))
        }
    }

    @Test(
        "/api/v1 routes need a bearer token",
        arguments: [
            nil, "Bearer ", "Bearer sl_unknown", "Basic b3duZXI6cGFzc3dvcmQ=", "Bearer not-a-sightline-token",
        ] as [String?])
    func unauthenticated(authorization: String?) async throws {
        var headers = HTTPHeaders()
        if let authorization { headers.add(name: .authorization, value: authorization) }
        try await TestDatabase.app.testing().test(.GET, "/api/v1/me", headers: headers) { response in
            #expect(response.status == .unauthorized)
            #expect(response.headers.first(name: .wwwAuthenticate)?.hasPrefix("Bearer") == true)
            let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: String]
            #expect(body?["error"] == "unauthorized")
            #expect(body?["reason"]?.isEmpty == false)
        }
    }

    @Test("/api/v1/me returns the caller's user, organisation and role")
    func me() async throws {
        let (headers, organization) = try await signedInPracticeAdmin()
        try await TestDatabase.app.testing().test(.GET, "/api/v1/me", headers: headers) { response in
            #expect(response.status == .ok)
            let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
            let user = body?["user"] as? [String: String]
            let org = body?["organization"] as? [String: String]
            #expect(user?["email"] == "owner@riverbend.example")
            #expect(user?["id"].flatMap(User.ID.init(string:)) != nil)
            #expect(org == ["id": organization.id.description, "name": "Riverbend Family Medicine", "kind": "practice"])
            #expect(body?["role"] as? String == "practice_admin")
        }
    }

    @Test("each caller sees only their own organisation")
    func tenantWalls() async throws {
        let (riverbend, _) = try await signedInPracticeAdmin()
        let (lakeside, lakesideOrg) = try await signedInPracticeAdmin(email: "owner@lakeside.example", practice: "Lakeside Pediatrics")
        try await TestDatabase.app.testing().test(.GET, "/api/v1/me", headers: lakeside) { response in
            let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
            #expect((body?["organization"] as? [String: String])?["id"] == lakesideOrg.id.description)
        }
        try await TestDatabase.app.testing().test(.GET, "/api/v1/me", headers: riverbend) { response in
            let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
            #expect((body?["organization"] as? [String: String])?["name"] == "Riverbend Family Medicine")
        }
    }

    @Test("an expired token is refused like an unknown one")
    func expired() async throws {
        let db = try TestDatabase.app.db
        let (_, organization) = try await signedInPracticeAdmin()
        let email = try EmailAddress("staff@riverbend.example")
        try await UserStore(db).create(
            organizationID: organization.id, email: email, role: .practiceStaff,
            password: "a long enough password", hasher: .fastForTests)
        let token = try await APITokenStore(db).issue(
            for: email, lifetime: TokenLifetime(parsing: "30m"), now: Date().addingTimeInterval(-3_600))
        var headers = HTTPHeaders()
        headers.bearerAuthorization = BearerAuthorization(token: token.secret)
        try await TestDatabase.app.testing().test(.GET, "/api/v1/me", headers: headers) { response in
            #expect(response.status == .unauthorized)
        }
    }

    @Test("an unknown API route answers 404 in JSON")
    func notFound() async throws {
        let (headers, _) = try await signedInPracticeAdmin()
        try await TestDatabase.app.testing().test(.GET, "/api/v1/nothing-here", headers: headers) { response in
            #expect(response.status == .notFound)
            let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: String]
            #expect(body?["error"] == "not_found")
        }
    }
}

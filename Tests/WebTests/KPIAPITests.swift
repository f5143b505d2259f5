import Domain
import Foundation
import Persistence
import SightlineTestSupport
import Testing
import Vapor
import VaporTesting

@Suite("The figures over HTTP", .webApp)
struct KPIAPITests {
    @Test("GET /api/v1/kpis answers the same JSON as the query, grouped and filtered")
    func figures() async throws {
        let app = try TestDatabase.app
        let (headers, practice) = try await signedInPracticeAdmin()
        let imported = try await BillingImporter(app.db, newPracticeTimeZone: "UTC").importFile(
            named: "era.835", from: .bytes(Array(uploadedERA.utf8)), practice: practice.id, user: nil, now: Date())
        try #require(imported.outcome == .imported)
        let expected = try await KPIQuery(app.db).answer(
            KPIRequest(
                practiceID: practice.id.rawValue, from: CalendarDate("2026-11-01")!, to: CalendarDate("2026-11-30")!, by: .payer))
        try await app.testing().test(.GET, "/api/v1/kpis?from=2026-11-01&to=2026-11-30&by=payer", headers: headers) { response in
            #expect(response.status == .ok)
            #expect(response.headers.contentType == .json)
            #expect(response.body.string == (try expected.json()))
            let object = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
            #expect(((object?["totals"] as? [String: Any])?["payerPayments"] as? Double ?? 0) > 0)
        }
        try await app.testing().test(.GET, "/api/v1/kpis?from=2026-11-01&to=2026-11-30&payer=NOSUCHPAYER", headers: headers) { response in
            let object = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
            #expect((object?["totals"] as? [String: Any])?["payerPayments"] as? Double == 0)
        }
    }

    @Test(
        "a missing or malformed parameter is a 422 naming it",
        arguments: [
            ("to=2026-11-30", "from"), ("from=2026-11-01", "to"), ("from=2026-11-31&to=2026-12-01", "from"),
            ("from=2026-11-10&to=2026-11-01", "to"), ("from=2026-11-01&to=2026-11-30&by=week", "by"),
            ("from=2026-11-01&to=2026-11-30&asOf=soon", "asOf"),
        ])
    func badParameters(query: String, field: String) async throws {
        let (headers, _) = try await signedInPracticeAdmin()
        try await TestDatabase.app.testing().test(.GET, "/api/v1/kpis?" + query, headers: headers) { response in
            #expect(response.status == .unprocessableEntity)
            let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
            let reason = body?["reason"] as? String ?? ""
            #expect(reason.hasPrefix(field + ":"), "\(response.body.string)")
        }
    }

    @Test("figures need a token and a practice role")
    func access() async throws {
        let app = try TestDatabase.app
        try await app.testing().test(.GET, "/api/v1/kpis?from=2026-11-01&to=2026-11-30") { response in
            #expect(response.status == .unauthorized)
        }
        let vendor = try await OrganizationStore(app.db).create(
            Organization.validated(name: "Acme Billing", kind: .vendor, timeZone: "UTC"))
        let email = try EmailAddress("lead@acme.example")
        try await UserStore(app.db).create(
            organizationID: vendor.id, email: email, role: .vendorLead, password: "a long enough password", hasher: .fastForTests)
        let token = try await APITokenStore(app.db).issue(for: email, lifetime: .standard, scopes: Set(TokenScope.allCases), now: Date())
        var headers = HTTPHeaders()
        headers.bearerAuthorization = BearerAuthorization(token: token.secret)
        try await app.testing().test(.GET, "/api/v1/kpis?from=2026-11-01&to=2026-11-30", headers: headers) { response in
            #expect(response.status == .forbidden)
        }
    }
}

@Suite("The claims behind the figures over HTTP", .webApp)
struct ClaimsAPITests {
    @Test("a figure's claims, one claim's timeline, and errors that name the problem")
    func claims() async throws {
        let app = try TestDatabase.app
        let (headers, practice) = try await signedInPracticeAdmin()
        _ = try await BillingImporter(app.db, newPracticeTimeZone: "UTC").importFile(
            named: "era.835", from: .bytes(Array(uploadedERA.utf8)), practice: practice.id, user: nil, now: Date())
        try await app.testing().test(.GET, "/api/v1/claims?figure=adjudicatedClaims&from=2026-11-01&to=2026-11-30", headers: headers) {
            response in
            #expect(response.status == .ok)
            let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
            #expect(body?["total"] as? Int == 1)
            #expect((body?["claims"] as? [[String: Any]])?.first?["claim"] as? String == "PCN1")
        }
        try await app.testing().test(.GET, "/api/v1/claims/PCN1", headers: headers) { response in
            #expect(response.status == .ok)
            let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
            let events = body?["events"] as? [[String: Any]] ?? []
            #expect(events.map { $0["kind"] as? String } == ["adjudication"])
            #expect(events.first?["file"] as? String == "era.835" && events.first?["segment"] as? Int == 7)
            #expect(events.first?["source"] as? String == "CLP*PCN1*1*200*150*50*12*PAYER1~\nCAS*CO*45*50~")
            #expect(((events.first?["details"] as? [String: String])?["adjustments"])?.contains("CO-45 50.00 claim contractual") == true)
            #expect(body?["matched"] as? Bool == false)
        }
        _ = try await CodeDescriptions(app.db).load(
            Array("set,code,description\nCARC,45,Our words for forty-five\nCARC,16,Unused here\n".utf8))
        try await app.testing().test(.GET, "/api/v1/claims/PCN1", headers: headers) { response in
            let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
            #expect(body?["codes"] as? [String: String] == ["CARC-45": "Our words for forty-five"])
        }
        try await app.testing().test(.GET, "/api/v1/claims/NOPE", headers: headers) { response in
            #expect(response.status == .notFound)
        }
        try await app.testing().test(.GET, "/api/v1/claims?figure=everything&from=2026-11-01&to=2026-11-30", headers: headers) { response in
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains("figure"))
        }
    }
}

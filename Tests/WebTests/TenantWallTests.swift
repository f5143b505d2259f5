import Domain
import Foundation
import Persistence
import SightlineTestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

@Suite("Tenant walls on every route", .webApp)
struct TenantWallTests {
    /// The parameters that name one tenant's objects.
    static let objectParameters = [
        ":engagement", ":ticket", ":attachment", ":request", ":claim", ":contact", ":user", ":grant", ":member", ":change", ":accessGrant",
        ":review", ":item", ":pilot", ":risk", ":governanceReview", ":action", ":audit", ":step", ":notice", ":draftNotice", ":response",
        ":invitation", ":vendorChange",
    ]

    /// Tables a request touches whatever it asks: sessions and tokens note their use, the audit trail records the attempt,
    /// and the walk itself makes authenticator codes good again (`user_mfa.last_counter`).
    static let bookkeeping: Set<String> = ["web_sessions", "api_tokens", "audit_records", "audit_head", "sign_in_failures", "user_mfa"]

    /// The billing history: compared once around the whole walk rather than around each route.
    static let billing: Set<String> = [
        "billing_files", "claim_submissions", "adjudications", "remittances", "claim_acknowledgments",
        "provider_adjustments", "patient_payments", "patient_identities", "import_log", "code_descriptions", "kpi_labels",
    ]

    /// The same values with every object replaced by one that does not exist, in the same form.
    static func missing(_ fixture: RouteWalk.Fixture) -> RouteWalk.Fixture {
        var values = fixture.values
        for name in objectParameters + [":draft"] {
            guard let value = values[name] else { continue }
            values[name] = name == ":claim" ? String(value.reversed()) : UUID().uuidString.lowercased()
            if value == value.uppercased() { values[name] = values[name]?.uppercased() }
        }
        return RouteWalk.Fixture(values: values, contract: fixture.contract)
    }

    /// A body with the ids it names replaced by a marker, so that answers for two ids compare.
    static func normalised(_ body: String, _ values: [String: String]) -> String {
        var body = body
        for name in objectParameters + [":draft"] {
            if let value = values[name], !value.isEmpty { body = body.replacingOccurrences(of: value, with: "<\(name.dropFirst())>") }
        }
        return body.replacingOccurrences(
            of: #"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"#, with: "<uuid>", options: .regularExpression
        )
    }

    @Test(
        "another organisation's ids answer exactly like ids that do not exist — same status, same body — on every route, as every role, and change nothing"
    )
    func walls() async throws {
        let app = try TestDatabase.app
        var owners = try await RouteWalk.world()
        let outsiders = try await RouteWalk.world(practiceName: "Lakeside Pediatrics", vendorName: "Northwind Revenue", imports: false)
        let fixture = try await RouteWalk.fixture(&owners)
        let random = Self.missing(fixture)
        var problems: [String] = []
        var walked = 0
        let start = try await app.db.sqlSnapshot(except: Self.bookkeeping)
        for route in try RouteWalk.routes() where Self.objectParameters.contains(where: { route.contains($0) }) {
            let before = try await app.db.sqlSnapshot(except: Self.bookkeeping.union(Self.billing))
            #expect(before["tickets"]?.isEmpty == false && before["engagements"]?.isEmpty == false, "the snapshot reads the tables")
            for role in RouteWalk.roles {
                var answers: [(status: HTTPStatus, body: String)] = []
                for values in [fixture, random] {
                    let (method, path, headers, body) = try await RouteWalk.request(route, role: role, world: outsiders, fixture: values)
                    try await app.testing().test(method, path, headers: headers, body: body) { response in
                        answers.append((response.status, Self.normalised(response.body.string, values.values)))
                    }
                }
                walked += 1
                if answers[0].status != answers[1].status || answers[0].body != answers[1].body {
                    problems.append(
                        "\(route) as \(role.rawValue) of another organisation: \(answers[0].status.code) \(answers[0].body.prefix(160)) — for a missing id: \(answers[1].status.code) \(answers[1].body.prefix(160))"
                    )
                } else if ![HTTPStatus.notFound, .forbidden].contains(answers[0].status) {
                    problems.append(
                        "\(route) as \(role.rawValue) of another organisation: \(answers[0].status.code), neither 404 nor a refusal of the role"
                    )
                }
            }
            let after = try await app.db.sqlSnapshot(except: Self.bookkeeping.union(Self.billing))
            for table in Set(before.keys).union(after.keys) where before[table] != after[table] {
                problems.append("\(route): another organisation's requests changed \(table)")
            }
        }
        let end = try await app.db.sqlSnapshot(except: Self.bookkeeping)
        for table in Set(start.keys).union(end.keys) where start[table] != end[table] {
            problems.append("another organisation's requests changed \(table)")
        }
        #expect(start["claim_submissions"]?.isEmpty == false)
        #expect(walked > 200)
        problems += try await Self.lists(outsiders: outsiders, theirs: fixture)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    /// What every list and page without an id shows another organisation's people: none of these objects.
    static func lists(outsiders: RouteWalk.World, theirs fixture: RouteWalk.Fixture) async throws -> [String] {
        let app = try TestDatabase.app
        var theirs = fixture
        theirs.values[":month"] = "2026-01"
        var problems: [String] = []
        for route in try RouteWalk.routes() where route.hasPrefix("GET ") && !objectParameters.contains(where: { route.contains($0) }) {
            for role in RouteWalk.roles {
                let (method, path, headers, body) = try await RouteWalk.request(route, role: role, world: outsiders, fixture: theirs)
                try await app.testing().test(method, path, headers: headers, body: body) { response in
                    for name in objectParameters + [":draft"] {
                        if let value = theirs.values[name], !value.isEmpty, response.body.string.contains(value) {
                            problems.append("\(route) as \(role.rawValue) of another organisation shows their \(name.dropFirst())")
                        }
                    }
                }
            }
        }
        return problems
    }
}

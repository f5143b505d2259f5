import Domain
import Foundation
import Persistence
import SightlineTestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

/// Drives every route the walk knows with boundary numbers and control characters: whatever
/// comes in, the answer is below 500 and the process lives (a trap would end this test run).
@Suite("No input stops the server or blinds the audit trail", .webApp)
struct InputGateTests {
    /// 0, −1, 2^31, 2^53, 2^62, Int.max, past Int64, a huge decimal and its negative.
    static var boundaries: [Any] {
        [0, -1, 2_147_483_648, 9_007_199_254_740_992, 4_611_686_018_427_387_904, Int.max, 1e20, 1e308, -1e308, 123_456_789.123_456_789e10]
    }
    static let boundaryTexts = [
        "0", "-1", "2147483648", "9007199254740992", "4611686018427387904", "9223372036854775807", "99999999999999999999", "1e308",
        "-1e308",
    ]

    /// Every number in `value`, by its place in a walk in key order.
    static func numberCount(_ value: Any) -> Int {
        switch value {
        case is String, is Bool: 0
        case let object as [String: Any]: object.values.reduce(0) { $0 + numberCount($1) }
        case let array as [Any]: array.reduce(0) { $0 + numberCount($1) }
        case is NSNumber: 1
        default: 0
        }
    }

    /// `value` with its `index`th number (or string, with `strings`) replaced by `replacement`.
    static func replacing(_ index: Int, in value: Any, with replacement: Any, strings: Bool = false, seen: inout Int) -> Any {
        switch value {
        case let text as String:
            guard strings else { return text }
            seen += 1
            return seen - 1 == index ? replacement : text
        case let object as [String: Any]:
            var copy = object
            for key in object.keys.sorted() {
                copy[key] = replacing(index, in: object[key] as Any, with: replacement, strings: strings, seen: &seen)
            }
            return copy
        case let array as [Any]:
            return array.map { replacing(index, in: $0, with: replacement, strings: strings, seen: &seen) }
        case let number as NSNumber where !strings && !(value is Bool):
            seen += 1
            return seen - 1 == index ? replacement : number
        default:
            return value
        }
    }

    static func stringCount(_ value: Any) -> Int {
        switch value {
        case is String: 1
        case let object as [String: Any]: object.values.reduce(0) { $0 + stringCount($1) }
        case let array as [Any]: array.reduce(0) { $0 + stringCount($1) }
        default: 0
        }
    }

    /// The `name=value` pairs of a form body, without the anti-forgery token.
    static func formFields(_ body: String) -> [(String, String)] {
        body.split(separator: "&").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            return parts[0] == "csrf" ? nil : (parts[0], parts.count > 1 ? parts[1] : "")
        }
    }

    static func replacingField(_ name: String, in body: String, with value: String) -> String {
        body.split(separator: "&").map { pair in
            pair.hasPrefix(name + "=") ? "\(name)=\(value)" : String(pair)
        }.joined(separator: "&")
    }

    static func adding(_ query: String, to path: String) -> String { path + (path.contains("?") ? "&" : "?") + query }

    @Test("every route takes boundary numbers in its body, form or query with an answer below 500; out of range is a 4xx")
    func boundaryNumbers() async throws {
        let app = try TestDatabase.app
        var world = try await RouteWalk.world()
        var fixture = try await RouteWalk.fixture(&world)
        var sent = 0
        for route in try RouteWalk.routes() where !route.hasSuffix("/sign-out") && !route.hasPrefix("POST /sign-in") {
            for role in [Role.practiceManager, .vendorAgent] {
                let (method, path, headers, body) = try await RouteWalk.request(route, role: role, world: world, fixture: fixture)
                var variants: [(path: String, body: ByteBuffer, mustRefuse: Bool)] = []
                let text = String(buffer: body)
                if headers.contentType == .json, let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) {
                    for index in 0..<Self.numberCount(object) {
                        for value in Self.boundaries {
                            var seen = 0
                            let changed = Self.replacing(index, in: object, with: value, seen: &seen)
                            let data = try JSONSerialization.data(withJSONObject: changed)
                            variants.append((path, ByteBuffer(data: data), abs((value as? Double) ?? Double(value as? Int ?? 0)) > 1e9))
                        }
                    }
                } else if headers.contentType == .urlEncodedForm {
                    for (name, value) in Self.formFields(text) where !value.isEmpty && value.allSatisfy({ $0.isNumber || $0 == "-" }) {
                        for number in Self.boundaryTexts {
                            variants.append((path, ByteBuffer(string: Self.replacingField(name, in: text, with: number)), false))
                        }
                    }
                }
                if method == .GET {
                    for number in ["0", "-1", "4611686018427387904", "9223372036854775807", "99999999999999999999"] {
                        let lists =
                            ["/claims", "/tickets"].contains { path.split(separator: "?")[0].hasSuffix($0) } && !path.contains("/tickets/")
                        variants.append((Self.adding("page=\(number)&perPage=\(number)", to: path), body, lists))
                    }
                    if let query = path.split(separator: "?", maxSplits: 1).dropFirst().first {
                        for pair in query.split(separator: "&") where pair.split(separator: "=").last?.allSatisfy(\.isNumber) == true {
                            let name = String(pair.split(separator: "=")[0])
                            for number in Self.boundaryTexts {
                                variants.append((path.replacingOccurrences(of: String(pair), with: "\(name)=\(number)"), body, false))
                            }
                        }
                    }
                }
                for variant in variants {
                    sent += 1
                    if RouteWalk.probes[route]?.engages == true { try await RouteWalk.endEngagements() }
                    try await app.testing().test(method, variant.path, headers: headers, body: variant.body) { response in
                        #expect(
                            response.status.code < 500,
                            "\(role) \(method) \(variant.path) \(String(buffer: variant.body).prefix(300)): \(response.status) \(response.body.string.prefix(200))"
                        )
                        if variant.mustRefuse {
                            #expect(
                                (400..<500).contains(response.status.code),
                                "\(role) \(method) \(variant.path) \(String(buffer: variant.body).prefix(300)) was taken: \(response.status)"
                            )
                        }
                    }
                }
            }
            // A route that engages a vendor ended the engagements: the next one gets fresh objects.
            if RouteWalk.probes[route]?.engages == true { fixture = try await RouteWalk.fixture(&world) }
        }
        #expect(sent > 1_000)
    }

    @Test("a control character in any text of a body, a form, a query or a file name is refused before anything is stored")
    func controlCharacters() async throws {
        let app = try TestDatabase.app
        var world = try await RouteWalk.world()
        var fixture = try await RouteWalk.fixture(&world)
        let before = try await AuditTrail(app.db).head().sequence
        for route in try RouteWalk.routes() where !route.hasSuffix("/sign-out") {
            let role = Role.practiceManager
            let (method, path, headers, body) = try await RouteWalk.request(route, role: role, world: world, fixture: fixture)
            let text = String(buffer: body)
            var variants: [(path: String, body: ByteBuffer)] = [
                (Self.adding("note=a%00b", to: path), body), (Self.adding("x=%1B%5B2J", to: path), body),
            ]
            if headers.contentType == .json, let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) {
                for index in 0..<Self.stringCount(object) {
                    for control in ["\u{0000}", "\u{001B}", "\u{0085}", "\r"] {
                        var seen = 0
                        let changed = Self.replacing(index, in: object, with: "x" + control + "y", strings: true, seen: &seen)
                        variants.append((path, ByteBuffer(data: try JSONSerialization.data(withJSONObject: changed))))
                    }
                }
            } else if headers.contentType == .urlEncodedForm {
                for (name, value) in Self.formFields(text) {
                    variants.append((path, ByteBuffer(string: Self.replacingField(name, in: text, with: value + "%00"))))
                }
            } else if headers.contentType?.type == "multipart" {
                // (A line break there would end the header: the name is then cut before it.)
                variants.append((path, ByteBuffer(string: text.replacingOccurrences(of: "filename=\"", with: "filename=\"bell\u{0007}"))))
            }
            for variant in variants {
                if RouteWalk.probes[route]?.engages == true { try await RouteWalk.endEngagements() }
                try await app.testing().test(method, variant.path, headers: headers, body: variant.body) { response in
                    #expect(
                        (400..<500).contains(response.status.code),
                        "\(method) \(variant.path) \(String(buffer: variant.body).prefix(300).debugDescription): \(response.status) \(response.body.string.prefix(200))"
                    )
                }
            }
            if RouteWalk.probes[route]?.engages == true { fixture = try await RouteWalk.fixture(&world) }
        }
        // Whatever was refused left the trail whole.
        let found = try await AuditTrail(app.db).verify()
        #expect(found.breakCount == 0 && found.holding >= before)
    }

    @Test("text of every code point class reads back byte for byte through the API, and the trail holds")
    func roundTrip() async throws {
        let app = try TestDatabase.app
        var world = try await RouteWalk.world()
        let fixture = try await RouteWalk.fixture(&world)
        let engagement = try #require(fixture.values[":engagement"])
        let titles = [
            "RTL \u{202E}fdp.exe", "astral 𝔘𝔫𝔦 🩺", "combining e\u{0301}a\u{0308}\u{0323}", "tab\tinside", "zero width \u{200B}joiner",
        ]
        for title in titles {
            let body = try JSONSerialization.data(withJSONObject: [
                "title": title, "category": "claim_error", "description": "lines\r\nof text\nhere",
            ])
            var number = ""
            try await app.testing().test(
                .POST, "/api/v1/engagements/\(engagement)/tickets", headers: world.parties[.practiceManager], body: ByteBuffer(data: body)
            ) { response in
                #expect(response.status == .created, "\(response.body.string)")
                number = (json(response)["ticket"] as? [String: Any])?["id"] as? String ?? ""
            }
            try await app.testing().test(.GET, "/api/v1/tickets/\(number)", headers: world.parties[.practiceManager]) { response in
                let ticket = json(response)["ticket"] as? [String: Any]
                #expect(Array(((ticket?["title"] as? String) ?? "").utf8) == Array(title.utf8))
            }
        }
        #expect(try await AuditTrail(app.db).verify().breakCount == 0)
    }

    @Test("list pages and spans of days beyond their bounds answer 422 naming the parameter, on the API and the pages")
    func pageBounds() async throws {
        let app = try TestDatabase.app
        var world = try await RouteWalk.world()
        let fixture = try await RouteWalk.fixture(&world)
        let engagement = try #require(fixture.values[":engagement"])
        let cases: [(String, HTTPHeaders, String)] = [
            (
                "/api/v1/claims?figure=claimsSubmitted&from=2026-01-01&to=2026-01-31&page=9223372036854775807&perPage=500",
                world.parties[.practiceManager], "page"
            ),
            ("/api/v1/claims?figure=claimsSubmitted&from=2026-01-01&to=2026-01-31&perPage=501", world.parties[.practiceManager], "perPage"),
            ("/api/v1/engagements/\(engagement)/tickets?page=9223372036854775807", world.parties[.vendorAgent], "page"),
            ("/engagements/\(engagement)/tickets?page=9223372036854775807", try #require(world.sessions[.vendorAgent]).cookie, "page"),
            (
                "/claims?figure=claimsSubmitted&from=2026-01-01&to=2026-01-31&page=9223372036854775807",
                try #require(world.sessions[.practiceManager]).cookie, "page"
            ),
            // A span of centuries would keep the server computing for minutes: ten years at most.
            ("/api/v1/kpis?from=0681-11-29&to=2000-01-01&by=month", world.parties[.practiceManager], "ten years"),
            ("/api/v1/kpis?from=2026-01-01&to=2026-01-31&asOf=9999-12-31", world.parties[.practiceManager], "asOf"),
            ("/api/v1/engagements/\(engagement)/scorecard?from=0001-01-01&to=9999-12-31", world.parties[.practiceManager], "ten years"),
            ("/api/v1/engagements/\(engagement)/sla-report?from=0001-01-01&to=9999-12-31", world.parties[.vendorAgent], "ten years"),
        ]
        for (path, headers, field) in cases {
            try await app.testing().test(.GET, path, headers: headers) { response in
                #expect(response.status == .unprocessableEntity, "\(path)")
                #expect(response.body.string.contains(field), "\(path)")
            }
        }
    }

    @Test("work records beyond their bounds are refused; ones stored before are left out of the scope report, which still answers")
    func storedOverflow() async throws {
        let app = try TestDatabase.app
        var world = try await RouteWalk.world()
        let fixture = try await RouteWalk.fixture(&world)
        let engagement = try #require(fixture.values[":engagement"])
        let huge = #"{"date":"2026-01-05","quantity":4611686018427387904,"minutes":30,"description":"Custom report"}"#
        try await app.testing().test(
            .POST, "/api/v1/engagements/\(engagement)/work-records", headers: world.parties[.vendorAgent], body: ByteBuffer(string: huge)
        ) { response in
            #expect(response.status == .unprocessableEntity)
        }
        let tooMany = #"{"date":"2026-01-05","quantity":1000001,"description":"Custom report"}"#
        try await app.testing().test(
            .POST, "/api/v1/engagements/\(engagement)/work-records", headers: world.parties[.vendorAgent], body: ByteBuffer(string: tooMany)
        ) { response in
            #expect(response.status == .unprocessableEntity)
        }
        // Two records of 2^62 written before entry was bounded.
        let (stored, _) = try await EngagementStore(app.db).unscoped(.init(try #require(UUID(uuidString: engagement))))
        for _ in 0..<2 {
            _ = try await ScopeStore(app.db).record(
                in: stored, by: try #require(world.parties.callers[.vendorAgent]), task: nil,
                date: try #require(CalendarDate("2026-01-06")), quantity: 1, minutes: 1, description: "stored before", now: Date())
        }
        _ = try await app.db.sqlRows(
            "UPDATE work_records SET quantity = 4611686018427387904, minutes = 4611686018427387904 WHERE description = 'stored before'")
        try await app.testing().test(.GET, "/api/v1/scope-report?month=2026-01", headers: world.parties[.practiceManager]) { response in
            #expect(response.status == .ok)
            let lines = json(response)["engagements"] as? [[String: Any]]
            let line = lines?.compactMap { $0["line"] as? [String: Any] }.first {
                ($0["engagementID"] as? String)?.lowercased() == engagement.lowercased()
            }
            #expect((line?["uncounted"] as? Int) ?? 0 >= 1, "\(response.body.string.prefix(400))")
        }
        try await app.testing().test(.GET, "/scope?month=2026-01", headers: try #require(world.sessions[.practiceManager]).cookie) {
            response in
            #expect(response.status == .ok)
            #expect(response.body.string.contains("too large to add up"))
        }
    }

    @Test("an attachment name with a line break is refused; a download names its file in both RFC 6266 forms on one line")
    func attachmentHeaders() async throws {
        let app = try TestDatabase.app
        var world = try await RouteWalk.world()
        let fixture = try await RouteWalk.fixture(&world)
        let ticket = try #require(fixture.values[":ticket"])
        var headers = world.parties[.practiceManager]
        headers.replaceOrAdd(name: .contentType, value: "application/octet-stream")
        try await app.testing().test(
            .POST, "/api/v1/tickets/\(ticket)/attachments?name=note.txt%0D%0AX-Injected:%201", headers: headers,
            body: ByteBuffer(string: "notes")
        ) { response in
            #expect(response.status == .unprocessableEntity)
        }
        var id = ""
        try await app.testing().test(
            .POST, "/api/v1/tickets/\(ticket)/attachments?name=R%C3%A9sum%C3%A9%20%22Jan%22.txt", headers: headers,
            body: ByteBuffer(string: "notes")
        ) { response in
            #expect(response.status == .created, "\(response.body.string)")
            id = (json(response)["attachment"] as? [String: Any])?["id"] as? String ?? json(response)["id"] as? String ?? ""
        }
        try await app.testing().test(.GET, "/api/v1/tickets/\(ticket)/attachments/\(id)", headers: world.parties[.practiceManager]) {
            response in
            #expect(response.status == .ok)
            #expect(
                response.headers.first(name: .contentDisposition)
                    == #"attachment; filename="R_sum_ _Jan_.txt"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%22Jan%22.txt"#)
        }
    }

    @Test(
        "Content-Disposition stays one header line whatever a stored name holds",
        arguments: [
            ("era.835", #"attachment; filename="era.835"; filename*=UTF-8''era.835"#),
            ("a\r\nSet-Cookie: x=1", #"attachment; filename="a__Set-Cookie: x=1"; filename*=UTF-8''a%0D%0ASet-Cookie%3A%20x%3D1"#),
            ("100%.txt", #"attachment; filename="100_.txt"; filename*=UTF-8''100%25.txt"#),
        ])
    func contentDisposition(name: String, header: String) {
        #expect(JSONBody.contentDisposition(filename: name) == header)
        #expect(SecurityHeadersMiddleware.invalidHeader(in: HTTPHeaders([("Content-Disposition", header)])) == nil)
    }

    @Test(
        "a response header that is not one line never leaves",
        arguments: [
            ("X-Fine", "value\twith tab", false), ("X-Split", "a\r\nSet-Cookie: x", true), ("X-Nul", "a\u{0000}b", true),
            ("Bad Name", "v", true), ("X:Colon", "v", true),
        ])
    func headerValidation(name: String, value: String, refused: Bool) {
        #expect((SecurityHeadersMiddleware.invalidHeader(in: HTTPHeaders([(name, value)])) != nil) == refused)
    }

    @Test(
        "after sign-in only a path of this site is followed",
        arguments: [
            ("/engagements", "/engagements"), ("/tickets?show=open&page=2", "/tickets?show=open&page=2"),
            ("//evil.example/", "/"), ("/\t/evil.example/", "/"), ("/\u{0B}/evil.example/", "/"), ("/\u{0C}/evil.example/", "/"),
            ("/\\evil.example", "/"), ("/\r\n/evil.example", "/"), (" /evil", "/"), ("https://evil.example/", "/"),
            ("/%09/evil.example/", "/%09/evil.example/"),
            ("javascript:alert(1)", "/"), ("/ /evil.example", "/"), ("", "/"),
        ])
    func safeNext(raw: String, followed: String) {
        #expect(SignInPageModel.safeNext(raw) == followed)
    }

    @Test(
        "X-Forwarded-For names the client only through a trusted proxy",
        arguments: [
            ("", "198.51.100.7", ["203.0.113.5"], "198.51.100.7"),
            ("127.0.0.1", "127.0.0.1", ["203.0.113.5"], "203.0.113.5"),
            ("127.0.0.1", "198.51.100.7", ["203.0.113.5"], "198.51.100.7"),
            ("10.0.0.0/8, 127.0.0.1", "127.0.0.1", ["1.2.3.4, 203.0.113.5, 10.1.2.3"], "203.0.113.5"),
            ("10.0.0.0/8", "10.9.9.9", ["garbage, 203.0.113.5"], "203.0.113.5"),
            ("::1", "::1", ["2001:db8::5"], "2001:db8::5"),
            ("127.0.0.1", "::ffff:127.0.0.1", ["203.0.113.5"], "203.0.113.5"),
        ])
    func trustedProxies(trusted: String, peer: String, forwarded: [String], client: String) throws {
        #expect(try TrustedProxies(parsing: trusted).client(peer: peer, forwardedFor: forwarded) == client)
    }

    @Test("a trusted-proxy list that is not addresses stops start-up, naming the entry")
    func badProxies() {
        #expect(throws: ConfigurationError.self) { try TrustedProxies(parsing: "10.0.0.0/33") }
        #expect(throws: ConfigurationError.self) { try TrustedProxies(parsing: "proxy.example") }
    }
}

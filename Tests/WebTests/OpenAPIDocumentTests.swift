import Domain
import Foundation
import Persistence
import SightlineTestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

/// The OpenAPI document is `Sources/Web/Resources/openapi.json`, served as it is; these tests keep
/// it and the router saying the same thing. CI validates it against the OpenAPI 3.1 schema and
/// fuzzes a demo server with it (`.ci/api-fuzz.sh`).
@Suite("The OpenAPI document", .webApp)
struct OpenAPIDocumentTests {
    /// The file in the repository, beside this test's sources.
    static let sourceFile = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/Web/Resources/openapi.json")

    static let writeMethods: Set<String> = ["post", "put", "patch", "delete"]

    /// Writes that read no body: the path says all there is to do.
    static let bodilessWrites: Set<String> = [
        "DELETE /api/v1/engagements/{engagement}/contacts/{contact}",
        "DELETE /api/v1/tickets/{ticket}/watchers/{user}",
        "DELETE /api/v1/engagements/{engagement}/transition/workflow/{workflowTask}",
        "POST /api/v1/periods/{month}/close",
        "POST /api/v1/break-glass/{grant}/end",
        "POST /api/v1/audits/{audit}/claims/{sampledClaim}/corrected",
        "POST /api/v1/audits/{audit}/claims/{sampledClaim}/findings/{finding}/ticket",
        "POST /api/v1/engagements/{engagement}/transition/notices/{notice}/publish",
        "POST /api/v1/invitations/{invitation}/withdraw",
    ]

    /// Operations anyone may call, without a token.
    static let publicOperations: Set<String> = ["GET /healthz", "GET /api/v1/openapi.json"]

    /// The document as JSON.
    static func document() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: sourceFile)) as? [String: Any])
    }

    /// Every operation of the document as `METHOD /path/{param}` with its description.
    static func operations() throws -> [String: [String: Any]] {
        let paths = try #require(try document()["paths"] as? [String: [String: Any]])
        var operations: [String: [String: Any]] = [:]
        for (path, item) in paths {
            for (method, operation) in item {
                guard let operation = operation as? [String: Any] else { continue }
                operations["\(method.uppercased()) \(path)"] = operation
            }
        }
        return operations
    }

    @Test("GET /api/v1/openapi.json answers the file in the repository byte for byte, without a token")
    func servedAsIs() async throws {
        let file = try Data(contentsOf: Self.sourceFile)
        #expect(try Data(contentsOf: try OpenAPIDocument.url()) == file, "the bundled copy is stale: rebuild")
        try await TestDatabase.app.testing().test(.GET, "/api/v1/openapi.json") { response in
            #expect(response.status == .ok)
            #expect(response.headers.contentType == .json)
            #expect(Data(buffer: response.body) == file)
        }
    }

    @Test("the document is OpenAPI 3.1 and its version is this build's")
    func version() throws {
        let document = try Self.document()
        #expect(document["openapi"] as? String == "3.1.0")
        #expect((document["info"] as? [String: Any])?["version"] as? String == SightlineVersion.current)
    }

    @Test("every registered API route is documented with its method and path, and every documented operation is registered")
    func routesMatch() throws {
        var registered: Set<String> = []
        for route in try TestDatabase.app.routes.all {
            let first = route.path.first?.description
            guard first == "api" || first == "healthz" else { continue }
            let path =
                "/"
                + route.path.map { component in
                    if case .parameter(let name) = component { return "{\(name)}" }
                    return component.description
                }.joined(separator: "/")
            registered.insert("\(route.method.rawValue) \(path)")
        }
        let documented = Set(try Self.operations().keys)
        #expect(registered.subtracting(documented).sorted() == [], "registered but not documented")
        #expect(documented.subtracting(registered).sorted() == [], "documented but not registered")
    }

    @Test("every path parameter is declared, and every parameter has a schema")
    func parameters() throws {
        for (name, operation) in try Self.operations() {
            let declared = (operation["parameters"] as? [[String: Any]] ?? [])
            let inPath = Set(declared.filter { $0["in"] as? String == "path" }.compactMap { $0["name"] as? String })
            let path = String(name.split(separator: " ")[1])
            let named = Set(path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) })
            #expect(inPath == named, "\(name)")
            for parameter in declared where parameter["$ref"] == nil {
                #expect(parameter["schema"] != nil, "\(name): \(parameter["name"] ?? "?")")
            }
        }
    }

    @Test("every write describes its body (but the few that read none), and every body has a schema")
    func requestBodies() throws {
        var bodiless: Set<String> = []
        for (name, operation) in try Self.operations() {
            let method = String(name.split(separator: " ")[0]).lowercased()
            guard let body = operation["requestBody"] as? [String: Any] else {
                if Self.writeMethods.contains(method) { bodiless.insert(name) }
                continue
            }
            #expect(Self.writeMethods.contains(method), "\(name): a read with a body")
            let content = try #require(body["content"] as? [String: [String: Any]], "\(name)")
            for (type, media) in content { #expect(media["schema"] != nil, "\(name) \(type)") }
        }
        #expect(bodiless == Self.bodilessWrites)
    }

    @Test("every operation answers 401 unless public, 403 and 422 when it takes a token, 503 when it writes, and describes each answer")
    func statuses() throws {
        let document = try Self.document()
        let shared = Set(((document["components"] as? [String: Any])?["responses"] as? [String: Any] ?? [:]).keys)
        for (name, operation) in try Self.operations() {
            let responses = try #require(operation["responses"] as? [String: [String: Any]], "\(name)")
            let codes = Set(responses.keys)
            #expect(codes.contains { $0.hasPrefix("2") }, "\(name): no success")
            if !Self.publicOperations.contains(name) {
                #expect(codes.isSuperset(of: ["401", "403", "422"]), "\(name)")
                #expect(operation["security"] != nil, "\(name)")
            }
            let method = String(name.split(separator: " ")[0]).lowercased()
            if Self.writeMethods.contains(method) { #expect(codes.contains("503"), "\(name)") }
            if operation["requestBody"] != nil { #expect(codes.isSuperset(of: ["400", "413", "422"]), "\(name)") }
            if name.contains("{") { #expect(codes.contains("404"), "\(name)") }
            for (code, response) in responses {
                if let reference = response["$ref"] as? String {
                    #expect(shared.contains(String(reference.split(separator: "/").last ?? "")), "\(name) \(code)")
                } else {
                    #expect(response["description"] != nil, "\(name) \(code)")
                    if code != "204" { #expect(response["content"] != nil, "\(name) \(code): no body described") }
                }
            }
        }
    }

    @Test("every documented read without path parameters answers 200 to a practice's administrator")
    func readsAnswer() async throws {
        let (headers, _) = try await signedInPracticeAdmin()
        for name in try Self.operations().keys.sorted() where name.hasPrefix("GET ") && !name.contains("{") {
            let path = String(name.dropFirst(4))
            let query =
                switch path {
                case "/api/v1/kpis": "?from=2026-01-01&to=2026-01-31"
                case "/api/v1/claims": "?figure=initialDenials&from=2026-01-01&to=2026-01-31"
                case "/api/v1/scope-report": "?month=2026-01"
                default: ""
                }
            try await TestDatabase.app.testing().test(.GET, path + query, headers: headers) { response in
                #expect(response.status == .ok, "\(path)")
            }
        }
    }
}

import Domain
import Foundation
import Persistence
import SightlineTestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

/// `docs/role-matrix.csv`: every route with what each role gets from it — `allow` (the request
/// succeeds), `deny` (403), `hidden` (404, as for something that does not exist) — or `public` in
/// every role's column for the routes that need no sign-in.
struct RoleMatrix {
    var rows: [String: [String]] = [:]
    var problems: [String] = []

    static var file: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/role-matrix.csv")
    }

    static let header = "method,path," + RouteWalk.roles.map(\.rawValue).joined(separator: ",")
    static let outcomes: Set<String> = ["allow", "deny", "hidden", "public"]

    static func load() throws -> RoleMatrix {
        var matrix = RoleMatrix()
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        if lines.first.map(String.init) != header { matrix.problems.append("line 1: the header must read \(header)") }
        for (index, line) in lines.enumerated().dropFirst() where !line.isEmpty && !line.hasPrefix("#") {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 2 + RouteWalk.roles.count, cells[2...].allSatisfy(outcomes.contains) else {
                matrix.problems.append("line \(index + 1): needs a method, a path and one of \(outcomes.sorted()) per role: \(line)")
                continue
            }
            let key = "\(cells[0]) \(cells[1])"
            if matrix.rows[key] != nil { matrix.problems.append("line \(index + 1): \(key) is listed twice") }
            matrix.rows[key] = Array(cells[2...])
        }
        return matrix
    }
}

@Suite("The role matrix", .webApp)
struct RoleMatrixTests {
    @Test("every registered route is in the matrix, and every row of the matrix is a route")
    func coverage() throws {
        let matrix = try RoleMatrix.load()
        #expect(matrix.problems.isEmpty, "\(matrix.problems.joined(separator: "\n"))")
        let registered = Set(try RouteWalk.routes())
        #expect(registered.subtracting(matrix.rows.keys).sorted() == [], "routes missing from docs/role-matrix.csv")
        #expect(Set(matrix.rows.keys).subtracting(registered).sorted() == [], "rows of docs/role-matrix.csv that are no route")
        for (route, cells) in matrix.rows {
            #expect(
                cells.contains("public") == cells.allSatisfy { $0 == "public" }, "\(route): a route is public for every role or for none")
        }
    }

    /// The matrix's word for an answer.
    static func outcome(_ status: HTTPStatus) -> String {
        switch status.code {
        case 200..<400: "allow"
        case 403: "deny"
        case 404: "hidden"
        default: "\(status.code)"
        }
    }

    @Test("every cell holds: each role gets from each route what the matrix says, and nobody gets in without signing in")
    func cells() async throws {
        let app = try TestDatabase.app
        let matrix = try RoleMatrix.load()
        var world = try await RouteWalk.world()
        var observed: [String] = []
        var wrong: [String] = []
        // A refused request changes nothing, so the next one may use the same objects; one that
        // succeeded may have (approved the request, closed the month): the next gets new ones.
        var fixture = try await RouteWalk.fixture(&world)
        var changed = false
        for route in try RouteWalk.routes() {
            let expected = matrix.rows[route]
            let isPublic = expected?.first == "public"
            // Without signing in: public routes answer, all others refuse (401, or the sign-in page for a browser).
            if changed { fixture = try await RouteWalk.fixture(&world) }
            changed = false
            let (method, path, headers, body) = try await RouteWalk.request(route, role: nil, world: world, fixture: fixture)
            try await app.testing().test(method, path, headers: headers, body: body) { response in
                let toSignIn = response.status == .seeOther && (response.headers.first(name: .location) ?? "").hasPrefix("/sign-in")
                let refused = response.status == .unauthorized || toSignIn
                if isPublic, response.status == .unauthorized || response.status == .forbidden {
                    wrong.append("\(route) anonymous: public, but got \(response.status.code)")
                }
                if !isPublic, !refused { wrong.append("\(route) anonymous: must sign in, but got \(response.status.code)") }
            }
            if isPublic {
                observed.append(route.replacingOccurrences(of: " ", with: ",") + String(repeating: ",public", count: RouteWalk.roles.count))
                continue
            }
            var cells: [String] = []
            for (index, role) in RouteWalk.roles.enumerated() {
                if changed { fixture = try await RouteWalk.fixture(&world) }
                let (method, path, headers, body) = try await RouteWalk.request(route, role: role, world: world, fixture: fixture)
                var got = ""
                try await app.testing().test(method, path, headers: headers, body: body) { response in
                    got = Self.outcome(response.status)
                    if let expected, expected[index] != got {
                        wrong.append(
                            "\(route) \(role.rawValue): the matrix says \(expected[index]), got \(response.status.code) \(response.body.string.prefix(200))"
                        )
                    }
                }
                cells.append(got)
                changed = method != .GET && got == "allow"
            }
            observed.append(route.replacingOccurrences(of: " ", with: ",") + "," + cells.joined(separator: ","))
        }
        if ProcessInfo.processInfo.environment["SIGHTLINE_WRITE_ROLE_MATRIX"] != nil {
            try ([RoleMatrix.header] + observed).joined(separator: "\n").appending("\n")
                .write(to: RoleMatrix.file.appendingPathExtension("observed"), atomically: true, encoding: .utf8)
        }
        #expect(wrong.isEmpty, "\(wrong.joined(separator: "\n"))")
    }
}

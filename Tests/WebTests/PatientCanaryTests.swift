import Domain
import Foundation
import Persistence
import SightlineTestSupport
import Testing
import Vapor
import VaporTesting

/// A generated practice's billing files with every patient and subscriber renamed to a canary:
/// names, member ids and street addresses no other text contains.
func canaryFiles() throws -> [(name: String, text: String)] {
    var number = 0
    return try synthFilesForWeb().map { file in
        let text = String(decoding: file.bytes, as: UTF8.self)
        var inPerson = false
        let segments = text.components(separatedBy: "~").map { raw -> String in
            let lead = raw.prefix { $0.isNewline }
            var elements = raw.dropFirst(lead.count).components(separatedBy: "*")
            switch elements.first {
            case "NM1":
                inPerson = elements.count > 3 && ["IL", "QC"].contains(elements[1])
                if inPerson {
                    number += 1
                    elements[3] = "CANARYLAST\(number)"
                    if elements.count > 4 { elements[4] = "CANARYFIRST\(number)" }
                    if elements.count > 9 { elements[9] = "CANARYMEMBER\(number)" }
                }
            case "N3" where inPerson:
                elements[1] = "\(number) CANARY STREET"
            case "CLM", "CLP", "HL", "SBR", "SE":
                inPerson = false
            default:
                break
            }
            return String(lead) + elements.joined(separator: "*")
        }
        return (file.name, segments.joined(separator: "~"))
    }
}

@Suite("Patient identifiers as canaries", .webApp)
struct PatientCanaryTests {
    /// The words only canary patients are named with (other tests write other canaries, in ticket text for instance).
    static let canaries = ["CANARYLAST", "CANARYFIRST", "CANARYMEMBER", "CANARY STREET"]

    static func containsCanary(_ text: String) -> Bool {
        canaries.contains { text.range(of: $0, options: .caseInsensitive) != nil }
    }

    func upload(_ files: [(String, String)], headers: HTTPHeaders) -> (inout TestingHTTPRequest) async throws -> Void {
        uploading(files, headers: headers)
    }

    @Test(
        "seeded patient names are sealed in the database, shown only to the roles that need them, and never written to logs, error bodies or the raw database file"
    )
    func canaries() async throws {
        let app = try TestDatabase.app
        let parties = try await APIParties.make()
        let files = try canaryFiles()
        #expect(files.contains { Self.containsCanary($0.text) }, "the files carry canaries")
        let first837 = try #require(files.first { $0.text.contains("CLM*") })
        let cut = try #require(first837.text.range(of: "CANARYLAST"))
        let broken: [(String, String)] = [
            // Cut off in the middle of a patient's name, and a claim whose charge is not an amount.
            ("cut.837", String(first837.text[..<cut.upperBound]) + "1"),
            (
                "bad-charge.837",
                first837.text.replacingOccurrences(of: "CLM*", with: "CLM*X*ABC", options: [], range: first837.text.range(of: "CLM*"))
            ),
        ]
        var bodies: [String] = []
        let (claim, lines, leaks) = try await LogCapture.watching(for: Self.canaries) { () async throws -> String in
            try await app.testing().test(
                .POST, "/api/v1/imports", beforeRequest: upload(files.map { ($0.name, $0.text) }, headers: parties[.practiceManager])
            ) { response in
                #expect(response.status == .ok, "\(response.body.string.prefix(300))")
                bodies.append(response.body.string)
            }
            for file in broken {
                try await app.testing().test(.POST, "/api/v1/imports", beforeRequest: upload([file], headers: parties[.practiceManager])) {
                    response in
                    #expect(response.status == .unprocessableEntity)
                    bodies.append(response.body.string)
                }
            }
            var claim = ""
            try await app.testing().test(
                .GET, "/api/v1/claims?figure=claimsSubmitted&from=2026-01-01&to=2026-03-31", headers: parties[.practiceManager]
            ) { response in
                claim = ((json(response)["claims"] as? [[String: Any]])?.first?["claim"] as? String) ?? ""
                bodies.append(response.body.string)
            }
            for role in [Role.complianceAuditor, .vendorLead] {
                try await app.testing().test(.GET, "/api/v1/claims/\(claim)", headers: parties[role]) { response in
                    bodies.append(response.body.string)
                }
            }
            try await app.testing().test(.GET, "/api/v1/imports", headers: parties[.practiceManager]) { response in
                bodies.append(response.body.string)
            }
            // The roles that work with patients see them, opened with the data key.
            try await app.testing().test(.GET, "/api/v1/claims/\(claim)", headers: parties[.practiceManager]) { response in
                let patients = json(response)["patients"] as? [[String: Any]]
                #expect((patients?.first?["lastName"] as? String)?.hasPrefix("CANARYLAST") == true)
            }
            let staff = try await signInBrowser(try #require(parties.callers[.practiceStaff]).user.email.value)
            try await app.testing().test(.GET, "/claims/\(claim)", headers: staff.cookie) { response in
                #expect(response.status == .ok)
                #expect(response.body.string.contains("CANARYLAST"))
                #expect(response.headers.first(name: .cacheControl)?.contains("no-store") == true)
            }
            return claim
        }
        #expect(!claim.isEmpty)
        #expect(bodies.count == 7)
        for body in bodies { #expect(!Self.containsCanary(body), "a response shows a patient: \(body.prefix(300))") }
        #expect(lines > 10, "the logs were watched")
        for line in leaks { Issue.record("a log line names a patient: \(line.prefix(300))") }

        // At rest: no table holds a canary, and neither do the database's files.
        let snapshot = try await app.db.sqlSnapshot(except: [])
        #expect(snapshot["patient_identities"]?.isEmpty == false)
        for (table, rows) in snapshot {
            for row in rows where Self.containsCanary(row) { Issue.record("\(table) holds a patient in the clear: \(row.prefix(200))") }
        }
        if let file = TestDatabase.current?.sqliteFile {
            for suffix in ["", "-wal", "-journal"] {
                guard let bytes = FileManager.default.contents(atPath: file.path + suffix) else { continue }
                #expect(bytes.range(of: Data("CANARY".utf8)) == nil, "\(file.lastPathComponent)\(suffix) holds a patient in the clear")
            }
        }
    }
}

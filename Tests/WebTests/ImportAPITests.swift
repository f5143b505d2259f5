import Domain
import Foundation
import Persistence
import SightlineTestSupport
import Testing
import Vapor
import VaporTesting

let uploadedERA = """
    ISA*00*          *00*          *ZZ*PAYERSENDER    *ZZ*RIVERBEND      *261120*1200*^*00501*000000123*0*P*:~
    GS*HP*PAYER*RIVERBEND*20261120*1200*123*X*005010X221A1~
    ST*835*0001~
    BPR*I*150*C*ACH*CCP*01*999999999*DA*1*1512345678**01*999988880*DA*2*20261120~
    TRN*1*EFT123*1512345678~
    N1*PR*ACME HEALTH PLAN~
    N1*PE*RIVERBEND FAMILY MEDICINE*XX*1999999984~
    CLP*PCN1*1*200*150*50*12*PAYER1~
    CAS*CO*45*50~
    SE*8*0001~
    GE*1*123~
    IEA*1*000000123~

    """

/// A multipart body with the given files in the field `files`.
func multipart(_ files: [(String, String)], boundary: String = "sightline-test-boundary") -> ByteBuffer {
    var body = ""
    for (name, content) in files {
        body +=
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"files\"; filename=\"\(name)\"\r\nContent-Type: application/octet-stream\r\n\r\n\(content)\r\n"
    }
    body += "--\(boundary)--\r\n"
    return ByteBuffer(string: body)
}

/// Sets a request up to upload `files` as `POST /api/v1/imports` takes them.
func uploading(_ files: [(String, String)], headers: HTTPHeaders) -> (inout TestingHTTPRequest) async throws -> Void {
    { request in
        request.headers = headers
        request.headers.contentType = HTTPMediaType(
            type: "multipart", subType: "form-data", parameters: ["boundary": "sightline-test-boundary"])
        request.body = multipart(files)
    }
}

@Suite("Importing over HTTP", .webApp)
struct ImportAPITests {
    func upload(_ files: [(String, String)], headers: HTTPHeaders) -> (inout TestingHTTPRequest) async throws -> Void {
        uploading(files, headers: headers)
    }

    @Test("files are imported into the caller's practice, duplicates are recognised, and the history lists both")
    func importAndList() async throws {
        let app = try TestDatabase.app
        let (headers, practice) = try await signedInPracticeAdmin()
        try await app.testing().test(.POST, "/api/v1/imports", beforeRequest: upload([("era.835", uploadedERA)], headers: headers)) {
            response in
            #expect(response.status == .ok)
            let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
            let result = (body?["results"] as? [[String: Any]])?.first
            #expect(result?["outcome"] as? String == "imported")
            #expect(result?["kind"] as? String == "835")
            #expect((result?["totalPaid"] as? NSNumber)?.doubleValue == 150)
            #expect(result?["practiceID"] as? String == practice.id.rawValue.uuidString)
        }
        try await app.testing().test(.POST, "/api/v1/imports", beforeRequest: upload([("again.835", uploadedERA)], headers: headers)) {
            response in
            #expect(response.status == .ok)
            #expect(response.body.string.contains("\"duplicate\""))
        }
        try await app.testing().test(.GET, "/api/v1/imports", headers: headers) { response in
            #expect(response.status == .ok)
            let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
            let entries = body?["imports"] as? [[String: Any]] ?? []
            #expect(entries.map { $0["result"] as? String } == ["duplicate", "imported"])
            #expect(entries.first?["importedBy"] as? String == "owner@riverbend.example")
        }
    }

    @Test("a rejected file answers 422 with its reason, and the good file in the same upload is still imported")
    func mixed() async throws {
        let app = try TestDatabase.app
        let (headers, _) = try await signedInPracticeAdmin()
        let broken = uploadedERA.replacingOccurrences(of: "IEA*1*000000123~", with: "")
        try await app.testing().test(
            .POST, "/api/v1/imports",
            beforeRequest: upload([("good.835", uploadedERA), ("broken.835", broken)], headers: headers)
        ) { response in
            #expect(response.status == .unprocessableEntity)
            let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
            let results = body?["results"] as? [[String: Any]] ?? []
            #expect(results.map { $0["outcome"] as? String } == ["imported", "rejected"])
            #expect((results.last?["message"] as? String)?.contains("IEA is missing") == true)
        }
    }

    @Test("only practice administrators and managers may import", arguments: [Role.practiceStaff, .complianceAuditor])
    func forbidden(role: Role) async throws {
        let app = try TestDatabase.app
        let (_, practice) = try await signedInPracticeAdmin()
        let email = try EmailAddress("\(role.rawValue)@riverbend.example")
        try await UserStore(app.db).create(
            organizationID: practice.id, email: email, role: role, password: "a long enough password", hasher: .fastForTests)
        let token = try await APITokenStore(app.db).issue(for: email, lifetime: .standard, scopes: Set(TokenScope.allCases), now: Date())
        var headers = HTTPHeaders()
        headers.bearerAuthorization = BearerAuthorization(token: token.secret)
        try await app.testing().test(.POST, "/api/v1/imports", beforeRequest: upload([("era.835", uploadedERA)], headers: headers)) {
            response in
            #expect(response.status == .forbidden)
        }
        #expect(try await app.db.sqlRows("SELECT COUNT(*) FROM billing_files") == ["0"])
    }

    @Test("an upload needs a token, a multipart body and at least one file")
    func badRequests() async throws {
        let app = try TestDatabase.app
        let (headers, _) = try await signedInPracticeAdmin()
        try await app.testing().test(.POST, "/api/v1/imports") { response in
            #expect(response.status == .unauthorized)
        }
        try await app.testing().test(.POST, "/api/v1/imports", headers: headers, body: ByteBuffer(string: uploadedERA)) { response in
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains("multipart"))
        }
    }
}

import Domain
import Foundation
import Persistence
import SightlineTestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

/// `uploadedERA` paid to another practice, for another claim.
let strangerERA =
    uploadedERA
    .replacingOccurrences(of: "N1*PE*RIVERBEND FAMILY MEDICINE*XX*1999999984", with: "N1*PE*HARBOR ORTHOPEDICS*XX*1912301953")
    .replacingOccurrences(of: "000000123", with: "000000124").replacingOccurrences(of: "PCN1", with: "PCN9")

@Suite("The practice's identity over HTTP and on its settings page", .webApp)
struct PracticeSettingsTests {
    func json(_ response: TestingHTTPResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]) ?? [:]
    }

    func send(_ body: String, _ headers: HTTPHeaders) -> (inout TestingHTTPRequest) async throws -> Void {
        { request in
            request.headers = headers
            request.headers.contentType = .json
            request.body = ByteBuffer(string: body)
        }
    }

    @Test("learned from the first upload, another practice's 835 is refused with 422 until its NPI is added")
    func api() async throws {
        let app = try TestDatabase.app
        let (headers, _) = try await signedInPracticeAdmin()
        try await app.testing().test(.GET, "/api/v1/practice/identifiers", headers: headers) { response in
            #expect(response.status == .ok)
            #expect((json(response)["identifiers"] as? [Any])?.isEmpty == true)
        }
        try await app.testing().test(.POST, "/api/v1/imports", beforeRequest: uploading([("era.835", uploadedERA)], headers: headers)) {
            response in
            #expect(response.status == .ok)
        }
        try await app.testing().test(.GET, "/api/v1/practice/identifiers", headers: headers) { response in
            let identifiers = json(response)["identifiers"] as? [[String: Any]]
            #expect(identifiers?.count == 1)
            #expect(identifiers?.first?["kind"] as? String == "npi")
            #expect(identifiers?.first?["value"] as? String == "1999999984")
            #expect(identifiers?.first?["origin"] as? String == "learned")
            #expect(identifiers?.first?["fileName"] as? String == "era.835")
        }
        try await app.testing().test(.POST, "/api/v1/imports", beforeRequest: uploading([("harbor.835", strangerERA)], headers: headers)) {
            response in
            #expect(response.status == .unprocessableEntity)
            let result = (json(response)["results"] as? [[String: Any]])?.first
            #expect(result?["outcome"] as? String == "rejected")
            let message = result?["message"] as? String ?? ""
            #expect(message.contains("HARBOR ORTHOPEDICS, carrying NPI 1912301953"), "\(message)")
            #expect(message.contains("Riverbend Family Medicine bills under NPI 1999999984"))
        }
        try await app.testing().test(
            .POST, "/api/v1/practice/identifiers", beforeRequest: send(#"{"kind":"npi","value":"1912301954"}"#, headers)
        ) { response in
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains("does not end with its check digit"))
        }
        try await app.testing().test(.POST, "/api/v1/practice/identifiers", beforeRequest: send(#"{"kind":"ssn","value":"1"}"#, headers)) {
            response in
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains("use npi or tin"))
        }
        try await app.testing().test(
            .POST, "/api/v1/practice/identifiers", beforeRequest: send(#"{"kind":"npi","value":"1912301953"}"#, headers)
        ) { response in
            #expect(response.status == .created)
            #expect(json(response)["origin"] as? String == "added")
        }
        try await app.testing().test(
            .POST, "/api/v1/practice/identifiers", beforeRequest: send(#"{"kind":"npi","value":"1912301953"}"#, headers)
        ) { response in
            #expect(response.status == .conflict)
        }
        try await app.testing().test(.POST, "/api/v1/imports", beforeRequest: uploading([("harbor.835", strangerERA)], headers: headers)) {
            response in
            #expect(response.status == .ok, "\(response.body.string)")
        }
        try await app.testing().test(
            .POST, "/api/v1/practice/identifiers/remove", beforeRequest: send(#"{"kind":"npi","value":"1912301953"}"#, headers)
        ) { response in
            #expect(response.status == .ok)
            #expect((json(response)["identifiers"] as? [Any])?.count == 1)
        }
        try await app.testing().test(
            .POST, "/api/v1/practice/identifiers/remove", beforeRequest: send(#"{"kind":"npi","value":"1912301953"}"#, headers)
        ) { response in
            #expect(response.status == .notFound)
        }
    }

    @Test("the settings page shows where each identifier came from; only the administrator changes them")
    func page() async throws {
        let app = try TestDatabase.app
        let parties = try await TestParties.make()
        let admin = parties[.practiceAdmin]
        let learnedAt = Date(timeIntervalSince1970: 1_796_000_000)
        _ = try await BillingImporter(app.db, newPracticeTimeZone: "UTC").importFile(
            named: "era.835", from: .bytes(Array(uploadedERA.utf8)), practice: parties.practice.id, user: nil, now: learnedAt)
        let session = try await signInBrowser(admin.user.email.value)
        var html = ""
        try await app.testing().test(.GET, "/home", headers: session.cookie) { response in
            #expect(response.body.string.contains(#"href="/settings/practice""#))
        }
        try await app.testing().test(.GET, "/settings/practice", headers: session.cookie) { response in
            #expect(response.status == .ok)
            html = response.body.string
        }
        let day = PracticeSettingsPageModel.dayFormatter(timeZone: parties.practice.timeZone).string(from: learnedAt)
        #expect(html.contains("<td>NPI</td><td>1999999984</td><td>learned from the file era.835 on \(day)</td>"))
        #expect(html.contains("Check that they are the practice's own"))
        let csrf = csrfToken(in: html)
        var form = session.cookie
        form.contentType = .urlEncodedForm
        try await app.testing().test(
            .POST, "/settings/practice/identifiers", headers: form, body: ByteBuffer(string: "csrf=\(csrf)&kind=tin&value=12-34567")
        ) { response in
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains("The TIN 1234567 has 7 digits; a TIN has 9."))
            #expect(response.body.string.contains(#"value="12-34567""#))
        }
        try await app.testing().test(
            .POST, "/settings/practice/identifiers", headers: form, body: ByteBuffer(string: "csrf=\(csrf)&kind=tin&value=12-3456789")
        ) { response in
            #expect(response.status == .ok)
            #expect(response.body.string.contains("Added TIN 12-3456789."))
            #expect(response.body.string.contains("<td>TIN</td><td>12-3456789</td><td>added by \(admin.user.email.value) on "))
        }
        try await app.testing().test(
            .POST, "/settings/practice/identifiers/remove", headers: form,
            body: ByteBuffer(string: "csrf=\(csrf)&kind=npi&value=1999999984")
        ) { response in
            #expect(response.status == .ok)
            #expect(response.body.string.contains("Removed NPI 1999999984."))
            #expect(!response.body.string.contains("<td>1999999984</td>"))
        }
        try await app.testing().test(
            .POST, "/settings/practice/identifiers", headers: form, body: ByteBuffer(string: "csrf=forged&kind=tin&value=123456780")
        ) { response in
            #expect(response.status == .forbidden)
        }

        // A practice manager reads without forms; the vendor's people do not see the page at all.
        let manager = try await signInBrowser(parties[.practiceManager].user.email.value)
        try await app.testing().test(.GET, "/settings/practice", headers: manager.cookie) { response in
            #expect(response.status == .ok)
            #expect(response.body.string.contains("12-3456789"))
            #expect(!response.body.string.contains("/settings/practice/identifiers"))
        }
        var managerForm = manager.cookie
        managerForm.contentType = .urlEncodedForm
        let managerCSRF = csrfToken(in: try await app.testing().sendRequest(.GET, "/home", headers: manager.cookie).body.string)
        try await app.testing().test(
            .POST, "/settings/practice/identifiers", headers: managerForm,
            body: ByteBuffer(string: "csrf=\(managerCSRF)&kind=tin&value=123456780")
        ) { response in
            #expect(response.status == .forbidden)
        }
        let vendor = try await signInBrowser(parties[.vendorLead].user.email.value)
        try await app.testing().test(.GET, "/settings/practice", headers: vendor.cookie) { response in
            #expect(response.status == .forbidden)
        }
    }

    @Test("the administrator changes the prefix of the practice's ticket keys in the browser; a malformed one is refused beside the field")
    func ticketPrefix() async throws {
        let app = try TestDatabase.app
        let parties = try await TestParties.make()
        let session = try await signInBrowser(parties[.practiceAdmin].user.email.value)
        let before = try await OrganizationStore(app.db).ticketPrefix(of: parties.practice.id)
        var html = ""
        try await app.testing().test(.GET, "/settings/practice", headers: session.cookie) { response in
            #expect(response.status == .ok)
            html = response.body.string
        }
        #expect(html.contains("are \(before)-1, \(before)-2"))
        var form = session.cookie
        form.contentType = .urlEncodedForm
        let csrf = csrfToken(in: html)
        try await app.testing().test(
            .POST, "/settings/practice/ticket-prefix", headers: form, body: ByteBuffer(string: "csrf=\(csrf)&prefix=R-B")
        ) { response in
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains("A ticket prefix is letters and digits only, starting with a letter."))
            #expect(response.body.string.contains(#"value="R-B""#))
        }
        #expect(try await OrganizationStore(app.db).ticketPrefix(of: parties.practice.id) == before)
        try await app.testing().test(
            .POST, "/settings/practice/ticket-prefix", headers: form, body: ByteBuffer(string: "csrf=\(csrf)&prefix=zq7")
        ) { response in
            #expect(response.status == .ok)
            #expect(response.body.string.contains("Tickets are now ZQ7-1, ZQ7-2"))
        }
        #expect(try await OrganizationStore(app.db).ticketPrefix(of: parties.practice.id) == "ZQ7")
        var filter = AuditFilter()
        filter.action = "practice.ticket_prefix.changed"
        let changes = try await AuditTrail(app.db).records(filter, limit: 10)
        #expect(changes.count == 1 && changes.first?.detail == "ticket keys now ZQ7-n (were \(before)-n)")

        let manager = try await signInBrowser(parties[.practiceManager].user.email.value)
        let managerPage = try await app.testing().sendRequest(.GET, "/settings/practice", headers: manager.cookie).body.string
        #expect(managerPage.contains("are ZQ7-1") && !managerPage.contains("/settings/practice/ticket-prefix"))
        var managerForm = manager.cookie
        managerForm.contentType = .urlEncodedForm
        try await app.testing().test(
            .POST, "/settings/practice/ticket-prefix", headers: managerForm,
            body: ByteBuffer(string: "csrf=\(csrfToken(in: managerPage))&prefix=MM")
        ) { response in
            #expect(response.status == .forbidden)
        }
    }

    @Test(
        "the page's lines say where each identifier came from in plain words",
        arguments: [
            (
                PracticeIdentifierStore.Origin.learned, "837P-2026-11-02.x12" as String?, nil as UUID?,
                "learned from the file 837P-2026-11-02.x12 on Nov 2, 2026"
            ),
            (.learned, nil, nil, "learned from a file since removed, on Nov 2, 2026"),
            (.added, nil, UUID(uuidString: "00000000-0000-0000-0000-000000000001"), "added by ana@riverbend.example on Nov 2, 2026"),
            (.added, nil, nil, "added on Nov 2, 2026 from the command line"),
        ])
    func lines(origin: PracticeIdentifierStore.Origin, fileName: String?, by: UUID?, expected: String) throws {
        let practice = try Organization.validated(name: "Riverbend", kind: .practice, timeZone: "America/Chicago")
        // 2026-11-03 03:00 UTC is still Nov 2 in Chicago.
        let at = Date(timeIntervalSince1970: 1_793_674_800)
        let entry = PracticeIdentifierStore.Entry(
            id: UUID(), identifier: PracticeIdentifier(kind: .tin, value: "123456789"), origin: origin, fileName: fileName, fileID: nil,
            addedBy: by, addedAt: at)
        let caller = Caller(
            user: User(organizationID: practice.id, email: try EmailAddress("ana@riverbend.example"), role: .practiceAdmin),
            organization: practice)
        let model = PracticeSettingsPageModel(
            chrome: PageChrome(caller: caller, csrf: "t"), practice: practice, entries: [entry],
            people: [UUID(uuidString: "00000000-0000-0000-0000-000000000001")!: "ana@riverbend.example"], canEdit: true, ticketPrefix: "RIV"
        )
        #expect(model.lines.first?.origin == expected)
        #expect(model.lines.first?.number == "12-3456789")
        #expect(model.lines.first?.kind == "TIN")
        #expect(model.hasLearned == (origin == .learned))
    }
}

import Domain
import Foundation
import Persistence
import SightlineTestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

@Suite("What the audit trail records of requests", .webApp)
struct AuditWebTests {
    /// A practice with synthetic billing files imported and an engagement with its vendor.
    static func practice() async throws -> APIParties {
        let parties = try await APIParties.make()
        try await importSynthForWeb(into: parties.practice.id)
        return parties
    }

    /// The first claim submitted in January 2026, as the API lists it to `token`'s holder (a 200, through the audited read).
    static func firstClaim(as token: HTTPHeaders) async throws -> String {
        var claim = ""
        try await TestDatabase.app.testing().test(
            .GET, "/api/v1/claims?figure=claimsSubmitted&from=2026-01-01&to=2026-01-31", headers: token
        ) { response in
            #expect(response.status == .ok)
            claim = ((json(response)["claims"] as? [[String: Any]])?.first?["claim"] as? String) ?? ""
        }
        try #require(!claim.isEmpty)
        return claim
    }

    static func records(_ action: String? = nil) async throws -> [AuditRecord] {
        var filter = AuditFilter()
        filter.action = action
        return try await AuditTrail(try TestDatabase.app.db).records(filter, limit: 1_000)
    }

    @Test("sign-ins and failed sign-ins are recorded with the address typed, never the password")
    func signIns() async throws {
        let app = try TestDatabase.app
        let parties = try await TestParties.make()
        _ = try await signInBrowser("practice-manager@riverbendfamilymedicine.example")
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        try await app.testing().test(
            .POST, "/sign-in", headers: headers,
            body: ByteBuffer(string: "email=practice-manager%40riverbendfamilymedicine.example&password=Hunter2-secret")
        ) { response in
            #expect(response.status == .unauthorized)
        }
        let records = try await Self.records("sign_in")
        let manager = parties[.practiceManager].user
        #expect(
            records.contains {
                $0.outcome == .success && $0.userID == manager.id.rawValue && $0.role == "practice_manager"
                    && $0.practiceID == parties.practice.id.rawValue
            })
        let failure = try #require(records.first { $0.outcome == .failure })
        #expect(failure.detail?.contains("practice-manager@riverbendfamilymedicine.example") == true && failure.userID == nil)
        #expect(records.allSatisfy { $0.requestID != nil })  // the in-memory test client has no address
        #expect(!(try await AuditTrail(app.db).records(AuditFilter(), limit: 1_000)).contains { AuditCSV.text([$0]).contains("Hunter2") })
    }

    @Test("every claim shown, by the API or a page, is on record with who, role, claim and request; the chain holds")
    func claimReads() async throws {
        let app = try TestDatabase.app
        let parties = try await Self.practice()
        let token = parties[.practiceStaff]
        let claim = try await Self.firstClaim(as: token)
        try await app.testing().test(.GET, "/api/v1/claims/\(claim)", headers: token) { response in #expect(response.status == .ok) }
        let session = try await signInBrowser("practice-staff@riverbendfamilymedicine.example")
        try await app.testing().test(.GET, "/claims/\(claim)", headers: session.cookie) { response in #expect(response.status == .ok) }
        let reads = try await Self.records("phi.read")
        #expect(reads.filter { $0.claim == claim && $0.object == "claim:\(claim)" }.count == 2)
        #expect(reads.contains { $0.object == "claims:claimsSubmitted" && $0.detail?.contains(claim) == true })
        #expect(
            reads.allSatisfy {
                $0.userID == parties.callers[.practiceStaff]?.user.id.rawValue && $0.role == "practice_staff" && $0.requestID != nil
            })
        #expect(try await AuditTrail(app.db).verify().firstBreak == nil)
    }

    @Test("when its audit record cannot be written, a read of patient data fails and shows nothing")
    func failsClosed() async throws {
        let app = try TestDatabase.app
        let parties = try await Self.practice()
        let token = parties[.practiceStaff]
        let claim = try await Self.firstClaim(as: token)
        _ = try await app.db.sqlRows("DELETE FROM audit_head")
        try await app.testing().test(.GET, "/api/v1/claims/\(claim)", headers: token) { response in
            #expect(response.status == .internalServerError)
            #expect(!response.body.string.contains("CLM*"))
            #expect(!response.body.string.contains("\"events\""))
        }
    }

    @Test("the practice's auditor sees the vendor's changes to its tickets and exports them; others may not read the trail")
    func page() async throws {
        let app = try TestDatabase.app
        let parties = try await APIParties.make()
        let engagement = try await parties.engagement(signedOn: CalendarDate("2026-01-01"))
        let ticket = try await parties.ticketForTheVendor(in: engagement)
        let agent = parties[.vendorAgent]
        try await app.testing().test(
            .POST, "/api/v1/tickets/\(ticket.id)/messages", headers: agent,
            beforeRequest: { try $0.content.encode(["body": "Patient Jane Canary called", "visibility": "public"]) }
        ) { response in
            #expect(response.status == .created)
        }
        let auditor = try await signInBrowser("compliance-auditor@riverbendfamilymedicine.example")
        try await app.testing().test(.GET, "/audit?action=ticket.message", headers: auditor.cookie) { response in
            #expect(response.status == .ok)
            let html = response.body.string
            // The page names the ticket by its key and the role in words; the export keeps the ids.
            #expect(html.contains("ticket \(ticket.reference)") && html.contains("vendor agent"))
            #expect(!html.contains(ticket.id.description.lowercased()))
            #expect(!html.contains("Canary"))
        }
        try await app.testing().test(.GET, "/audit/export.csv?action=ticket.message", headers: auditor.cookie) { response in
            #expect(response.status == .ok)
            let lines = response.body.string.split(separator: "\n")
            #expect(lines.first?.hasPrefix("sequence,at_utc,user_id") == true && lines.count == 2)
        }
        for email in ["vendor-lead@acmebilling.example", "practice-staff@riverbendfamilymedicine.example"] {
            let other = try await signInBrowser(email)
            try await app.testing().test(.GET, "/audit", headers: other.cookie) { response in
                #expect(response.status == .forbidden, "\(email)")
            }
        }
        #expect(try await Self.records("export").contains { $0.object == "audit" })
    }
}

@Suite("What a failed sign-in puts on record", .webApp)
struct FailedSignInRecordTests {
    @Test(
        "the address typed when it is one; a password typed in the address field never",
        arguments: [
            ("Practice-Manager@RiverbendFamilyMedicine.example", "e-mail practice-manager@riverbendfamilymedicine.example"),
            ("Tr0ub4dor&3-typed-here", "e-mail: (not an e-mail address)"),
        ])
    func typed(email: String, detail: String) async throws {
        let app = try TestDatabase.app
        _ = try await TestParties.make()
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        let body = "email=\(email.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")&password=wrong+password"
        try await app.testing().test(.POST, "/sign-in", headers: headers, body: ByteBuffer(string: body)) { response in
            #expect(response.status == .unauthorized)
        }
        let failure = try #require(try await AuditTrail(app.db).records(AuditFilter(), limit: 10).first { $0.action == "sign_in" })
        #expect(failure.outcome == .failure && failure.detail == detail)
    }
}

@Suite("Whose records a practice's auditor sees", .webApp)
struct AuditWallTests {
    @Test("its own people's and its vendors' sign-ins, not those of another practice's vendor")
    func vendorsSignIns() async throws {
        let app = try TestDatabase.app
        let ours = try await APIParties.make()
        let theirs = try await APIParties.make(practiceName: "Lakeside Pediatrics", vendorName: "Other Billing")
        _ = try await EngagementStore(app.db).create(
            practice: ours.practice.id, vendor: ours.vendor.id, template: .medicalBilling,
            signedOn: CalendarDate("2026-01-01"), now: Date())
        _ = try await EngagementStore(app.db).create(
            practice: theirs.practice.id, vendor: theirs.vendor.id, template: .medicalBilling,
            signedOn: CalendarDate("2026-01-01"), now: Date())
        _ = try await signInBrowser("vendor-agent@acmebilling.example")
        _ = try await signInBrowser("vendor-agent@otherbilling.example")
        let auditor = try await signInBrowser("compliance-auditor@riverbendfamilymedicine.example")
        try await app.testing().test(.GET, "/audit?action=sign_in", headers: auditor.cookie) { response in
            let html = response.body.string
            #expect(html.contains("vendor-agent@acmebilling.example"))
            #expect(!html.contains("vendor-agent@otherbilling.example"))
        }
    }
}

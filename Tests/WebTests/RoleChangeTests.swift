import Domain
import Foundation
import Persistence
import SightlineTestSupport
import Testing
import Vapor
import VaporTesting

@Suite("Movers: role changes", .webApp)
struct RoleChangeTests {
    @Test(
        "a role change is asked for by the administrator and approved by another approver with a fresh authenticator code; then it holds at once and the person signs in again"
    )
    func mover() async throws {
        let app = try TestDatabase.app
        let parties = try await APIParties.make()
        let staff = try #require(parties.callers[.practiceStaff]).user.email.value
        let staffSession = try await signInBrowser(staff)
        let asks: [(Role, String, UInt)] = [
            (.practiceManager, #"{"email":"\#(staff)","role":"practice_manager","reason":"Runs the front desk from Monday"}"#, 403),
            (.vendorLead, #"{"email":"\#(staff)","role":"vendor_lead","reason":"Runs the front desk from Monday"}"#, 404),
            (.practiceAdmin, #"{"email":"\#(staff)","role":"vendor_agent","reason":"Runs the front desk from Monday"}"#, 422),
            (.practiceAdmin, #"{"email":"\#(staff)","role":"practice_staff","reason":"Runs the front desk from Monday"}"#, 422),
            (.practiceAdmin, #"{"email":"\#(staff)","role":"practice_manager","reason":"short"}"#, 422),
            (.practiceAdmin, #"{"email":"\#(staff)","role":"practice_manager","reason":"Runs the front desk from Monday"}"#, 201),
        ]
        var change = ""
        var later = ""
        for (role, body, status) in asks {
            try await app.testing().test(.POST, "/api/v1/role-changes", headers: parties[role], body: ByteBuffer(string: body)) {
                response in
                #expect(response.status.code == status, "\(role.rawValue): \(response.body.string)")
                if status == 201 { change = json(response)["id"] as? String ?? "" }
            }
        }
        // A second request about the same person, decided after the first: stale by then.
        try await app.testing().test(
            .POST, "/api/v1/role-changes", headers: parties[.practiceAdmin],
            body: ByteBuffer(string: #"{"email":"\#(staff)","role":"practice_admin","reason":"Takes over while the owner is away"}"#)
        ) { response in
            #expect(response.status == .created)
            later = json(response)["id"] as? String ?? ""
        }
        let auditor = try #require(parties.callers[.complianceAuditor]).user.email.value
        _ = try await signInBrowser(auditor)
        _ = try await app.db.sqlRows("UPDATE user_mfa SET last_counter = 0")
        let secret = try await testAuthenticator(for: auditor)
        let code = TOTP.code(secret: secret, counter: TOTP.counter(at: Date()))
        let wrong = code == "000000" ? "111111" : "000000"
        let decisions: [(Role, String, UInt)] = [
            (.practiceAdmin, #"{"code":"\#(code)"}"#, 403),
            (.practiceManager, #"{"code":"\#(code)"}"#, 403),
            (.complianceAuditor, "{}", 422),
            (.complianceAuditor, #"{"code":"\#(wrong)"}"#, 422),
            (.complianceAuditor, #"{"code":"\#(code)"}"#, 200),
            // The code is spent: a second approval needs a new one, and the change is decided anyway.
            (.complianceAuditor, #"{"code":"\#(code)"}"#, 422),
        ]
        for (role, body, status) in decisions {
            try await app.testing().test(
                .POST, "/api/v1/role-changes/\(change)/approve", headers: parties[role], body: ByteBuffer(string: body)
            ) { response in
                #expect(response.status.code == status, "\(role.rawValue) \(body): \(response.body.string)")
            }
        }
        _ = try await app.db.sqlRows("UPDATE user_mfa SET last_counter = 0")
        let fresh = TOTP.code(secret: secret, counter: TOTP.counter(at: Date()))
        try await app.testing().test(
            .POST, "/api/v1/role-changes/\(later)/approve", headers: parties[.complianceAuditor],
            body: ByteBuffer(string: #"{"code":"\#(fresh)"}"#)
        ) { response in
            #expect(response.status == .conflict, "\(response.body.string)")
        }
        try await app.testing().test(.GET, "/api/v1/me", headers: parties[.practiceStaff]) { response in
            #expect(response.body.string.contains("practice_manager"))
        }
        try await app.testing().test(.GET, "/engagements", headers: staffSession.cookie) { response in
            #expect(response.status == .seeOther, "the session under the old role ended")
        }
        var filter = AuditFilter()
        filter.practice = parties.practice.id.rawValue
        let records = try await AuditTrail(app.db).records(filter, limit: 50)
        #expect(
            records.contains {
                $0.action == "permission.change" && $0.severity == .high && ($0.detail ?? "").contains("practice_staff → practice_manager")
            })
    }
}

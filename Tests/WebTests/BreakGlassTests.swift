import Domain
import Foundation
import Persistence
import SightlineTestSupport
import Testing
import Vapor
import VaporTesting

@Suite("Break-glass access", .webApp)
struct BreakGlassTests {
    static func openBody(_ reason: String, hours: Double? = nil) -> ByteBuffer {
        ByteBuffer(string: #"{"reason":"\#(reason)""# + (hours.map { #","hours":\#($0)"# } ?? "") + "}")
    }

    @Test(
        "requests to break the glass are checked: eligible roles, a reason, at most four hours",
        arguments: [
            (Role.practiceAdmin, "Payer deadline today: claim history", 1.0, 403),
            (.practiceStaff, "Payer deadline today: claim history", 1.0, 403),
            (.vendorAgent, "urgent", 1.0, 422),
            (.vendorAgent, "Payer deadline today: claim history", 4.5, 422),
            (.vendorAgent, "Payer deadline today: claim history", 0.1, 422),
            (.vendorAgent, "Payer deadline today: claim history", 4.0, 201),
            (.vendorLead, "Payer deadline today: claim history", 0.5, 201),
            (.complianceAuditor, "Privacy complaint about a claim read", 1.0, 201),
        ])
    func checks(role: Role, reason: String, hours: Double, expected: UInt) async throws {
        let parties = try await APIParties.make()
        _ = try await EngagementAPITests.engage(parties)
        try await TestDatabase.app.testing().test(
            .POST, "/api/v1/break-glass", headers: parties[role], body: Self.openBody(reason, hours: hours)
        ) { response in
            #expect(response.status.code == expected, "\(response.body.string)")
            if expected == 201 {
                let grant = json(response)
                let opened = try #require((grant["openedAt"] as? String).flatMap { ISO8601DateFormatter().date(from: $0) })
                let until = try #require((grant["expiresAt"] as? String).flatMap { ISO8601DateFormatter().date(from: $0) })
                #expect(abs(until.timeIntervalSince(opened) - hours * 3_600) < 1)
            }
        }
    }

    @Test(
        "a vendor agent reads the practice's claims and patients only under an open grant; each read is on the practice's trail at high severity; the administrator is told and can end it"
    )
    func grant() async throws {
        let app = try TestDatabase.app
        let parties = try await APIParties.make()
        try await importSynthForWeb(into: parties.practice.id)
        _ = try await EngagementAPITests.engage(parties)
        let claims = "/api/v1/claims?figure=claimsSubmitted&from=2026-01-01&to=2026-01-31"
        try await app.testing().test(.GET, claims, headers: parties[.vendorAgent]) { response in
            #expect(response.status == .forbidden)
            #expect(response.body.string.contains("break the glass"))
        }
        var grant = ""
        try await app.testing().test(
            .POST, "/api/v1/break-glass", headers: parties[.vendorAgent], body: Self.openBody("Payer deadline today: claim history")
        ) { response in
            #expect(response.status == .created)
            grant = json(response)["id"] as? String ?? ""
        }
        let mail = try await MailOutbox(app.db).pending()
        let admin = try #require(parties.callers[.practiceAdmin]).user.email.value
        #expect(mail.contains { $0.to == admin && $0.subject.contains("Break-glass") && !$0.body.contains("Payer deadline") })
        var claim = ""
        try await app.testing().test(.GET, claims, headers: parties[.vendorAgent]) { response in
            #expect(response.status == .ok)
            claim = ((json(response)["claims"] as? [[String: Any]])?.first?["claim"] as? String) ?? ""
        }
        try await app.testing().test(.GET, "/api/v1/claims/\(claim)", headers: parties[.vendorAgent]) { response in
            #expect(response.status == .ok)
            #expect((json(response)["patients"] as? [[String: Any]])?.isEmpty == false)
        }
        var filter = AuditFilter()
        filter.practice = parties.practice.id.rawValue
        let trail = try await AuditTrail(app.db).records(filter, limit: 50)
        let agent = try #require(parties.callers[.vendorAgent]).user.id.rawValue
        #expect(trail.contains { $0.action == "breakglass.opened" && $0.severity == .high && $0.userID == agent })
        let reads = trail.filter { $0.action == "phi.read" && $0.userID == agent }
        #expect(reads.count == 2)
        #expect(reads.allSatisfy { $0.severity == .high && ($0.detail ?? "").hasPrefix("break-glass \(grant)") })

        // The practice's staff cannot end it; its administrator can, and reads stop at once.
        try await app.testing().test(.POST, "/api/v1/break-glass/\(grant)/end", headers: parties[.practiceStaff]) { response in
            #expect(response.status == .forbidden)
        }
        try await app.testing().test(.POST, "/api/v1/break-glass/\(grant)/end", headers: parties[.practiceAdmin]) { response in
            #expect(response.status == .ok)
            #expect(json(response)["active"] as? Bool == false)
        }
        try await app.testing().test(.GET, claims, headers: parties[.vendorAgent]) { response in #expect(response.status == .forbidden) }

        // A grant lasts only while its holder still works with the practice.
        try await app.testing().test(
            .POST, "/api/v1/break-glass", headers: parties[.vendorAgent], body: Self.openBody("Payer deadline today: claim history")
        ) { response in
            #expect(response.status == .created)
        }
        let engagementID = try #require(try await EngagementStore(app.db).list(of: parties.practice.id).first)
        let agentID = try #require(parties.callers[.vendorAgent]).user.id
        let membership = try #require(try await MembershipStore(app.db).members(of: engagementID).first { $0.userID == agentID })
        _ = try await MembershipStore(app.db).remove(
            membership.id, on: engagementID, note: nil, by: try #require(parties.callers[.practiceAdmin]), now: Date())
        try await app.testing().test(.GET, claims, headers: parties[.vendorAgent]) { response in
            #expect(response.status == .forbidden, "taken off the engagement, the grant opens nothing")
        }
    }

    @Test("a grant lapses by itself at its end")
    func lapses() async throws {
        let app = try TestDatabase.app
        let parties = try await APIParties.make()
        _ = try await EngagementAPITests.engage(parties)
        let auditor = try #require(parties.callers[.complianceAuditor])
        let opened = Date()
        let grant = try await BreakGlassStore(app.db).open(
            for: auditor, practice: nil, reason: "Privacy complaint about a read", hours: 2, now: opened)
        #expect(
            try await BreakGlassStore(app.db).active(for: auditor, practice: nil, now: opened.addingTimeInterval(7_199))?.id == grant.id)
        #expect(try await BreakGlassStore(app.db).active(for: auditor, practice: nil, now: opened.addingTimeInterval(7_200)) == nil)
    }
}

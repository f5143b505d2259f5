import Domain
import FluentKit
import Foundation
import Persistence
import SQLKit
import SightlineTestSupport
import Testing
import Vapor
import VaporTesting

@Suite("Engaging a vendor is an invitation its lead answers", .webApp)
struct InvitationTests {
    static func invite(
        _ parties: APIParties, _ email: String, signedOn: String? = nil, as role: Role = .practiceAdmin
    ) async throws -> (status: HTTPStatus, body: [String: Any], raw: String) {
        var result: (HTTPStatus, [String: Any], String) = (.internalServerError, [:], "")
        let body = signedOn.map { #"{"email":"\#(email)","signedOn":"\#($0)"}"# } ?? #"{"email":"\#(email)"}"#
        try await TestDatabase.app.testing().test(.POST, "/api/v1/invitations", headers: parties[role], body: ByteBuffer(string: body)) {
            response in
            result = (
                response.status, (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:],
                response.body.string
            )
        }
        return result
    }

    static func invitations(_ parties: APIParties, as role: Role) async throws -> [[String: Any]] {
        var list: [[String: Any]] = []
        try await TestDatabase.app.testing().test(.GET, "/api/v1/invitations", headers: parties[role]) { response in
            #expect(response.status == .ok, "\(role.rawValue): \(response.body.string)")
            list = json(response)["invitations"] as? [[String: Any]] ?? []
        }
        return list
    }

    @Test(
        "only the practice's administrator invites; an address nobody has, a practice person's, an agent's and a lead's all answer alike, and the practice learns no vendor from it"
    )
    func noOracle() async throws {
        let app = try TestDatabase.app
        let parties = try await APIParties.make()
        let others = try await APIParties.make(practiceName: "Lakeside Pediatrics", vendorName: "Northwind Revenue")
        let lead = try #require(others.callers[.vendorLead]).user.email.value
        for role in [Role.practiceManager, .practiceStaff, .complianceAuditor, .vendorLead, .vendorAgent] {
            #expect(try await Self.invite(parties, lead, as: role).status == .forbidden, "\(role.rawValue)")
        }
        let addresses = [
            lead, "nobody@nowhere.example", try #require(others.callers[.practiceAdmin]).user.email.value,
            try #require(others.callers[.vendorAgent]).user.email.value,
        ]
        var shapes: [String] = []
        for address in addresses {
            let answer = try await Self.invite(parties, address, signedOn: "2026-01-01")
            #expect(answer.status == .accepted, "\(answer.raw)")
            #expect(answer.body["vendor"] == nil && answer.body["status"] as? String == "pending")
            shapes.append(
                TenantWallTests.normalised(answer.raw, [:]).replacingOccurrences(of: address, with: "<email>")
                    .replacingOccurrences(of: #"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"#, with: "<time>", options: .regularExpression))
        }
        #expect(Set(shapes).count == 1, "\(shapes)")
        // The same address again waits for its answer; any other address is a new invitation.
        #expect(try await Self.invite(parties, lead).status == .conflict)
        let listed = try await Self.invitations(parties, as: .practiceManager)
        #expect(listed.count == 4 && listed.allSatisfy { $0["vendor"] == nil && $0["status"] as? String == "pending" })
        // Nothing of the vendor is involved: no engagement, no member, and the practice's trail says the same of every address.
        #expect(try await EngagementStore(app.db).list(of: others.vendor.id).isEmpty)
        #expect(try await app.db.sqlRows("SELECT id FROM engagement_members").isEmpty)
        var filter = AuditFilter()
        filter.practice = parties.practice.id.rawValue
        let details = try await AuditTrail(app.db).records(filter, limit: 50).filter { $0.action == "engagement.invited" }
            .map { record in addresses.reduce(record.detail ?? "") { $0.replacingOccurrences(of: $1, with: "<email>") } }
        #expect(details.count == 4 && Set(details).count == 1)
        // Only the lead of the vendor hears of it: e-mailed, and sees it listed.
        #expect(try await MailOutbox(app.db).pending().filter { addresses.contains($0.to) }.map(\.to) == [lead])
        let received = try await Self.invitations(others, as: .vendorLead)
        #expect(
            received.count == 1 && received.first?["practice"] as? String == parties.practice.name
                && received.first?["signedOn"] as? String == "2026-01-01")
        #expect(try await Self.invitations(parties, as: .vendorLead).isEmpty, "another vendor's lead sees none")
        for role in [Role.vendorAgent, .practiceStaff] {
            try await app.testing().test(.GET, "/api/v1/invitations", headers: others[role]) { response in
                #expect(response.status == .forbidden)
            }
        }
        try await app.testing().test(.GET, "/api/v1/engagements", headers: parties[.practiceAdmin]) { response in
            #expect((json(response)["engagements"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("an agreement signed outside Sightline is in force once the vendor's lead confirms its date; the team joins only then")
    func acceptSigned() async throws {
        let app = try TestDatabase.app
        let parties = try await APIParties.make()
        let lead = try #require(parties.callers[.vendorLead])
        let invited = try await Self.invite(parties, lead.user.email.value, signedOn: "2026-01-01")
        let id = try #require(invited.body["id"] as? String)
        #expect(try await app.db.sqlRows("SELECT id FROM engagement_members").isEmpty)
        for role in [Role.vendorAgent, .practiceAdmin] {
            try await app.testing().test(
                .POST, "/api/v1/invitations/\(id)/accept", headers: parties[role], body: ByteBuffer(string: #"{"confirmSignedOn":true}"#)
            ) { response in
                #expect(response.status == .forbidden, "\(role.rawValue)")
            }
        }
        try await app.testing().test(.POST, "/api/v1/invitations/\(id)/accept", headers: parties[.vendorLead]) { response in
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains("2026-01-01"))
        }
        var engagement = ""
        try await app.testing().test(
            .POST, "/api/v1/invitations/\(id)/accept", headers: parties[.vendorLead], body: ByteBuffer(string: #"{"confirmSignedOn":true}"#)
        ) { response in
            #expect(response.status == .created, "\(response.body.string)")
            engagement = json(response)["id"] as? String ?? ""
            #expect(json(response)["status"] as? String == "active")
        }
        let engagementID = try #require(Engagement.ID(string: engagement))
        let version = try #require(try await EngagementStore(app.db).versions(of: engagementID).first)
        #expect(version.status == .accepted && version.effectiveFrom == CalendarDate("2026-01-01"))
        #expect(version.acceptances.map(\.userID) == [parties.callers[.practiceAdmin]?.user.id, lead.user.id])
        #expect(version.acceptances.allSatisfy { $0.note?.contains("signed outside Sightline on 2026-01-01") == true })
        let found = try await EngagementStore(app.db).find(engagementID, visibleTo: lead)
        #expect(
            try await MembershipStore(app.db).members(of: found).filter { $0.status == .active }.count == 2,
            "the vendor's team is on it now")
        let listed = try await Self.invitations(parties, as: .practiceAdmin)
        #expect(
            listed.first?["status"] as? String == "accepted" && listed.first?["vendor"] as? String == parties.vendor.name
                && listed.first?["engagement"] as? String == engagement)
        try await app.testing().test(.POST, "/api/v1/invitations/\(id)/refuse", headers: parties[.vendorLead]) { response in
            #expect(response.status == .conflict, "answered already")
        }
        let admin = try #require(parties.callers[.practiceAdmin]).user.email.value
        #expect(try await MailOutbox(app.db).pending().contains { $0.to == admin && $0.subject.contains("accepted") })
        var filter = AuditFilter()
        filter.practice = parties.practice.id.rawValue
        let actions = try await AuditTrail(app.db).records(filter, limit: 50).map(\.action)
        #expect(["engagement.invited", "engagement.accepted", "contract.change"].allSatisfy(actions.contains))
    }

    @Test("a refusal ends the invitation with its reason shown to the practice; a withdrawn or expired one cannot be accepted")
    func refuseWithdrawExpire() async throws {
        let app = try TestDatabase.app
        let parties = try await APIParties.make()
        let lead = try #require(parties.callers[.vendorLead]).user.email.value
        let first = try #require(try await Self.invite(parties, lead).body["id"] as? String)
        try await app.testing().test(
            .POST, "/api/v1/invitations/\(first)/refuse", headers: parties[.vendorLead],
            body: ByteBuffer(string: #"{"reason":"We do not take new dermatology clients this year"}"#)
        ) { response in
            #expect(response.status == .ok, "\(response.body.string)")
        }
        let listed = try await Self.invitations(parties, as: .practiceAdmin)
        #expect(
            listed.first?["status"] as? String == "refused"
                && listed.first?["reason"] as? String == "We do not take new dermatology clients this year")
        #expect(listed.first?["vendor"] == nil, "a refusing vendor stays unnamed")
        try await app.testing().test(.POST, "/api/v1/invitations/\(first)/accept", headers: parties[.vendorLead]) { response in
            #expect(response.status == .conflict)
        }

        let second = try #require(try await Self.invite(parties, lead).body["id"] as? String)
        try await app.testing().test(.POST, "/api/v1/invitations/\(second)/withdraw", headers: parties[.practiceManager]) { response in
            #expect(response.status == .forbidden)
        }
        try await app.testing().test(.POST, "/api/v1/invitations/\(second)/withdraw", headers: parties[.practiceAdmin]) { response in
            #expect(response.status == .ok)
        }
        try await app.testing().test(.POST, "/api/v1/invitations/\(second)/accept", headers: parties[.vendorLead]) { response in
            #expect(response.status == .conflict)
        }

        let old = try await InvitationStore(app.db).invite(
            try EmailAddress(lead), signedOn: nil, template: .medicalBilling,
            by: try #require(parties.callers[.practiceAdmin]), now: Date().addingTimeInterval(-31 * 86_400))
        let third = old.id.description
        #expect(
            try await Self.invitations(parties, as: .vendorLead).first { $0["id"] as? String == third }?["status"] as? String == "expired")
        try await app.testing().test(.POST, "/api/v1/invitations/\(third)/accept", headers: parties[.vendorLead]) { response in
            #expect(response.status == .conflict)
        }
        #expect(try await EngagementStore(app.db).list(of: parties.vendor.id).isEmpty)
        var filter = AuditFilter()
        filter.practice = parties.practice.id.rawValue
        let actions = try await AuditTrail(app.db).records(filter, limit: 50).map(\.action)
        #expect(["engagement.refused", "engagement.withdrawn"].allSatisfy(actions.contains))
    }

    @Test("another organisation's invitation answers exactly like one that does not exist, and changes nothing")
    func walls() async throws {
        let app = try TestDatabase.app
        let parties = try await APIParties.make()
        let outsiders = try await APIParties.make(practiceName: "Lakeside Pediatrics", vendorName: "Northwind Revenue")
        let lead = try #require(parties.callers[.vendorLead]).user.email.value
        let id = try #require(try await Self.invite(parties, lead).body["id"] as? String)
        let random = UUID().uuidString.lowercased()
        for (action, role) in [("accept", Role.vendorLead), ("refuse", .vendorLead), ("withdraw", .practiceAdmin)] {
            var answers: [String] = []
            for target in [id, random] {
                try await app.testing().test(.POST, "/api/v1/invitations/\(target)/\(action)", headers: outsiders[role]) { response in
                    #expect(response.status == .notFound)
                    answers.append(response.body.string.replacingOccurrences(of: target, with: "<id>"))
                }
            }
            #expect(answers[0] == answers[1], "\(action)")
        }
        #expect(try await Self.invitations(parties, as: .practiceAdmin).first?["status"] as? String == "pending")
    }

    @Test(
        "on the pages: the practice invites by address with errors by the field and no vendor listed; the vendor's lead answers on its home and engagements pages"
    )
    func pages() async throws {
        let app = try TestDatabase.app
        let parties = try await APIParties.make()
        _ = try await APIParties.make(practiceName: "Lakeside Pediatrics", vendorName: "Northwind Revenue")
        func page(_ role: Role, _ path: String = "/engagements") async throws -> (HTTPHeaders, String, String) {
            let session = try await signInBrowser(try #require(parties.callers[role]).user.email.value)
            var html = ""
            try await app.testing().test(.GET, path, headers: session.cookie) { response in html = response.body.string }
            var headers = session.cookie
            headers.contentType = .urlEncodedForm
            return (headers, csrfToken(in: html), html)
        }
        let (admin, token, html) = try await page(.practiceAdmin)
        #expect(html.contains("Invite a vendor") && !html.contains("Northwind") && !html.contains(parties.vendor.name))
        try await app.testing().test(
            .POST, "/engagements", headers: admin, body: ByteBuffer(string: "csrf=\(token)&email=lead-at-acme&signedOn=2026-01-01")
        ) { response in
            #expect(response.status == .unprocessableEntity)
            let body = response.body.string
            #expect(
                body.contains(#"id="email-error""#) && body.contains("is not an e-mail address") && body.contains(#"value="lead-at-acme""#))
            #expect(body.contains(#"value="2026-01-01""#), "what was typed is kept")
        }
        try await app.testing().test(
            .POST, "/engagements", headers: admin,
            body: ByteBuffer(string: "csrf=\(token)&email=vendor-lead%40acmebilling.example&signedOn=1%2F1%2F2026")
        ) { response in
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains(#"id="signedOn-error""#))
        }
        var next = ""
        try await app.testing().test(
            .POST, "/engagements", headers: admin,
            body: ByteBuffer(string: "csrf=\(token)&email=vendor-lead%40acmebilling.example&signedOn=2026-01-01")
        ) { response in
            #expect(response.status == .seeOther)
            next = response.headers.first(name: .location) ?? ""
        }
        try await app.testing().test(.GET, next, headers: admin) { response in
            #expect(
                response.body.string.contains("Invitation recorded") && response.body.string.contains("vendor-lead@acmebilling.example"))
            #expect(!response.body.string.contains(parties.vendor.name), "no vendor named before it accepts")
        }
        let (_, _, home) = try await page(.vendorLead, "/home")
        #expect(home.contains("\(parties.practice.name) invites your team to an engagement"))
        let (lead, leadToken, leadPage) = try await page(.vendorLead)
        #expect(leadPage.contains("Invitations to your team") && leadPage.contains("outside Sightline on 2026-01-01"))
        let accept = try #require(
            leadPage.range(of: #"action="(/invitations/[^"]+/accept)""#, options: .regularExpression).map {
                String(leadPage[$0].dropFirst(8).dropLast())
            })
        #expect(!leadPage.contains(String(accept.dropFirst("/invitations/".count).dropLast("/accept".count)) + "<"), "no id shown as text")
        try await app.testing().test(.POST, accept, headers: lead, body: ByteBuffer(string: "csrf=\(leadToken)")) { response in
            #expect(response.status == .unprocessableEntity)
            #expect(
                response.body.string.contains("-error\"")
                    && response.body.string.contains("Tick the box to confirm the agreement was signed on 2026-01-01"))
        }
        try await app.testing().test(.POST, accept, headers: lead, body: ByteBuffer(string: "csrf=\(leadToken)&confirmSignedOn=yes")) {
            response in
            #expect(response.status == .seeOther)
            #expect(response.headers.first(name: .location)?.hasPrefix("/engagements/") == true)
        }
        let (_, _, after) = try await page(.practiceAdmin)
        #expect(after.contains(parties.vendor.name) && after.contains("accepted"))
        for role in [Role.vendorAgent, .practiceStaff] {
            let (_, _, other) = try await page(role)
            #expect(!other.contains("Invitations to") && !other.contains("Invite a vendor"), "\(role.rawValue)")
        }
    }

    @Test(
        "on PostgreSQL the wall shows an invitation to its practice and to the vendor addressed, before any engagement, and to nobody else",
        .enabled(if: TestDatabase.isPostgres, "PostgreSQL only: SQLite has no row-level security"))
    func rowSecurity() async throws {
        let app = try TestDatabase.app
        let parties = try await APIParties.make()
        let others = try await APIParties.make(practiceName: "Lakeside Pediatrics", vendorName: "Northwind Revenue")
        _ = try await Self.invite(parties, try #require(parties.callers[.vendorLead]).user.email.value)
        _ = try await Self.invite(parties, "nobody@nowhere.example")
        for (organization, expected) in [(parties.practice.id, 2), (parties.vendor.id, 1), (others.practice.id, 0), (others.vendor.id, 0)] {
            let seen = try await RowSecurity.within(app.db, organization: organization.rawValue, asRole: true) { database -> Int in
                guard let sql = database as? any SQLDatabase else { return -1 }
                return try await sql.raw("SELECT count(*) AS n FROM engagement_invitations").first()?.decode(column: "n", as: Int.self)
                    ?? -1
            }
            #expect(seen == expected, "as \(organization)")
        }
    }
}

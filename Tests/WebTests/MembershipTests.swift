import Domain
import Foundation
import Persistence
import SightlineTestSupport
import Testing
import Vapor
import VaporTesting

@Suite("Joiners and leavers on an engagement", .webApp)
struct MembershipTests {
    /// A vendor agent who joins the vendor after the engagement was signed.
    static func newAgent(of parties: APIParties) async throws -> User {
        try await UserStore(try TestDatabase.app.db).create(
            organizationID: parties.vendor.id, email: try EmailAddress("new-agent@acmebilling.example"),
            role: .vendorAgent, password: "a long enough password", hasher: .fastForTests)
    }

    @Test(
        "a vendor person who joined after signing sees nothing of the engagement until the practice approves the lead's request, and nothing again once taken off"
    )
    func joinerAndLeaver() async throws {
        let app = try TestDatabase.app
        let parties = try await APIParties.make()
        let engagement = try await EngagementAPITests.engage(parties)
        let ticket = try await TicketAPITests.open(parties, engagement: engagement)
        let joiner = try await Self.newAgent(of: parties)
        var headers = HTTPHeaders()
        headers.bearerAuthorization = BearerAuthorization(
            token: try await APITokenStore(app.db).issue(
                for: joiner.email, lifetime: .standard, scopes: Set(TokenScope.allCases), now: Date()
            ).secret)
        headers.contentType = .json
        func sees(_ expected: Bool, _ moment: Comment) async throws {
            try await app.testing().test(.GET, "/api/v1/engagements", headers: headers) { response in
                #expect(response.body.string.contains(engagement) == expected, moment)
            }
            for path in ["/api/v1/engagements/\(engagement)", "/api/v1/tickets/\(ticket)", "/api/v1/engagements/\(engagement)/tickets"] {
                try await app.testing().test(.GET, path, headers: headers) { response in
                    #expect(response.status == (expected ? .ok : .notFound), "\(path): \(moment)")
                }
            }
        }
        try await sees(false, "before any request")
        try await app.testing().test(
            .POST, "/api/v1/tickets/\(ticket)/assignee", headers: parties[.vendorLead],
            body: ByteBuffer(string: #"{"userId":"\#(joiner.id)"}"#)
        ) { response in
            #expect(response.status == .unprocessableEntity, "someone not on the engagement cannot work its tickets")
        }

        let base = "/api/v1/engagements/\(engagement)/members"
        let asks: [(Role, String, UInt)] = [
            (.vendorAgent, #"{"email":"new-agent@acmebilling.example","reason":"Covers denials while Pat is on leave"}"#, 403),
            (.vendorLead, #"{"email":"new-agent@acmebilling.example","reason":"needed"}"#, 422),
            (
                .vendorLead, #"{"email":"practice-staff@riverbendfamilymedicine.example","reason":"Covers denials while Pat is on leave"}"#,
                422
            ),
            (.vendorLead, #"{"email":"new-agent@acmebilling.example","reason":"Covers denials while Pat is on leave"}"#, 201),
            (.vendorLead, #"{"email":"new-agent@acmebilling.example","reason":"Covers denials while Pat is on leave"}"#, 409),
        ]
        var member = ""
        for (role, body, status) in asks {
            try await app.testing().test(.POST, base, headers: parties[role], body: ByteBuffer(string: body)) { response in
                #expect(response.status.code == status, "\(role.rawValue): \(response.body.string)")
                if status == 201 {
                    member = json(response)["id"] as? String ?? ""
                    #expect(json(response)["status"] as? String == "requested")
                }
            }
        }
        let admin = try #require(parties.callers[.practiceAdmin]).user.email.value
        #expect(try await MailOutbox(app.db).pending().contains { $0.to == admin && $0.body.contains("new-agent@acmebilling.example") })
        try await sees(false, "while the request waits")

        try await app.testing().test(.POST, "\(base)/\(member)/approve", headers: parties[.practiceManager]) { response in
            #expect(response.status == .forbidden)
        }
        try await app.testing().test(
            .POST, "\(base)/\(member)/approve", headers: parties[.practiceAdmin], body: ByteBuffer(string: #"{"note":"welcome"}"#)
        ) { response in
            #expect(response.status == .ok)
            #expect(json(response)["status"] as? String == "active")
        }
        try await app.testing().test(.POST, "\(base)/\(member)/reject", headers: parties[.practiceAdmin]) { response in
            #expect(response.status == .conflict, "decided already")
        }
        try await sees(true, "once approved")

        try await app.testing().test(.POST, "\(base)/\(member)/remove", headers: parties[.vendorLead]) { response in
            #expect(response.status == .ok)
            #expect(json(response)["status"] as? String == "removed")
        }
        try await sees(false, "once taken off")
        var filter = AuditFilter()
        filter.practice = parties.practice.id.rawValue
        let actions = try await AuditTrail(app.db).records(filter, limit: 50).map(\.action)
        #expect(["access.requested", "access.granted", "access.removed"].allSatisfy(actions.contains))
    }

    @Test("on the engagement page the vendor's lead asks and the practice's administrator approves")
    func pages() async throws {
        let app = try TestDatabase.app
        let parties = try await APIParties.make()
        let engagement = try await EngagementAPITests.engage(parties)
        _ = try await Self.newAgent(of: parties)
        func form(_ role: Role) async throws -> (HTTPHeaders, String, String) {
            let session = try await signInBrowser(try #require(parties.callers[role]).user.email.value)
            var html = ""
            try await app.testing().test(.GET, "/engagements/\(engagement)", headers: session.cookie) { response in
                html = response.body.string
            }
            var headers = session.cookie
            headers.contentType = .urlEncodedForm
            return (headers, csrfToken(in: html), html)
        }
        let (lead, leadToken, leadPage) = try await form(.vendorLead)
        #expect(leadPage.contains("Ask for someone of my organisation to join"))
        try await app.testing().test(
            .POST, "/engagements/\(engagement)/members", headers: lead,
            body: ByteBuffer(string: "csrf=\(leadToken)&email=new-agent%40acmebilling.example&reason=Covers+denials+while+Pat+is+on+leave")
        ) { response in
            #expect(response.status == .seeOther, "\(response.body.string.prefix(300))")
        }
        let (admin, adminToken, adminPage) = try await form(.practiceAdmin)
        #expect(adminPage.contains("new-agent@acmebilling.example") && adminPage.contains("waiting for the practice"))
        let approve = try #require(
            adminPage.range(of: #"action="(/engagements/[^"]+/approve)""#, options: .regularExpression).map {
                String(adminPage[$0].dropFirst(8).dropLast())
            })
        try await app.testing().test(.POST, approve, headers: admin, body: ByteBuffer(string: "csrf=\(adminToken)")) { response in
            #expect(response.status == .seeOther)
        }
        let members = try await MembershipStore(app.db).members(
            of: try await EngagementStore(app.db).find(
                try #require(Engagement.ID(string: engagement)), visibleTo: try #require(parties.callers[.practiceAdmin])))
        #expect(members.first { $0.email == "new-agent@acmebilling.example" }?.status == .active)
    }

    @Test(
        "the practice's administrator can put a vendor person on directly, so a vendor with nobody left on an engagement is never locked out"
    )
    func direct() async throws {
        let app = try TestDatabase.app
        let parties = try await APIParties.make()
        let engagement = try await EngagementAPITests.engage(parties)
        _ = try await Self.newAgent(of: parties)
        try await app.testing().test(
            .POST, "/api/v1/engagements/\(engagement)/members", headers: parties[.practiceAdmin],
            body: ByteBuffer(string: #"{"email":"new-agent@acmebilling.example","reason":"Covers denials while Pat is on leave"}"#)
        ) { response in
            #expect(response.status == .created)
            #expect(json(response)["status"] as? String == "active")
        }
    }
}

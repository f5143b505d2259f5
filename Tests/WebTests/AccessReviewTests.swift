import Domain
import Foundation
import Persistence
import SightlineTestSupport
import Testing
import Vapor
import VaporTesting

@Suite("Access grants and access-review campaigns", .webApp)
struct AccessReviewTests {
    static let grantBody =
        #"{"email":"vendor-agent@acmebilling.example","system":"clearinghouse","systemName":"Availity","account":"agent7","accessLevel":"claim status"}"#

    /// An engagement, a clearinghouse account of the vendor's agent, and a review opened by the administrator.
    static func campaign(
        _ parties: APIParties, reviewer: Role, dueOn: String? = nil
    ) async throws -> (engagement: String, review: [String: Any]) {
        let app = try TestDatabase.app
        let engagement = try await EngagementAPITests.engage(parties)
        try await app.testing().test(
            .POST, "/api/v1/engagements/\(engagement)/access-grants", headers: parties[.practiceManager],
            body: ByteBuffer(string: grantBody)
        ) { response in
            #expect(response.status == .created, "\(response.body.string)")
        }
        let due = dueOn ?? (CalendarDate.on(Date(), in: "UTC")?.adding(days: 14)?.description ?? "")
        let email = try #require(parties.callers[reviewer]).user.email.value
        var review: [String: Any] = [:]
        try await app.testing().test(
            .POST, "/api/v1/engagements/\(engagement)/access-reviews", headers: parties[.practiceAdmin],
            body: ByteBuffer(string: #"{"reviewer":"\#(email)","dueOn":"\#(due)","title":"Q4 access review"}"#)
        ) { response in
            #expect(response.status == .created, "\(response.body.string)")
            review = json(response)
        }
        return (engagement, review)
    }

    static func items(_ review: [String: Any]) -> [[String: Any]] { review["items"] as? [[String: Any]] ?? [] }

    @Test(
        "the reviewer keeps or revokes every access with evidence: a revoke takes the person off the engagement, or records the grant revoked, at once; the last decision completes the campaign"
    )
    func campaignFlow() async throws {
        let app = try TestDatabase.app
        let parties = try await APIParties.make()
        let (engagement, review) = try await Self.campaign(parties, reviewer: .practiceManager)
        let id = try #require(review["id"] as? String)
        let items = Self.items(review)
        // Everyone of the vendor on the engagement in Sightline, and the agent's clearinghouse account.
        #expect(items.filter { $0["kind"] as? String == "sightline" }.count == 2, "lead and agent")
        #expect(items.contains { $0["kind"] as? String == "grant" && ($0["access"] as? String ?? "").contains("Availity, account agent7") })
        let reviewerEmail = try #require(parties.callers[.practiceManager]).user.email.value
        #expect(try await MailOutbox(app.db).pending().contains { $0.to == reviewerEmail && $0.body.contains("/access-reviews/\(id)") })

        func item(_ kind: String, _ email: String) throws -> String {
            try #require(items.first { $0["kind"] as? String == kind && $0["email"] as? String == email }?["id"] as? String)
        }
        let agentSightline = try item("sightline", "vendor-agent@acmebilling.example")
        let agentGrant = try item("grant", "vendor-agent@acmebilling.example")
        let lead = try item("sightline", "vendor-lead@acmebilling.example")
        try await app.testing().test(.GET, "/api/v1/engagements/\(engagement)", headers: parties[.vendorAgent]) { response in
            #expect(response.status == .ok, "the agent works the engagement before the review")
        }
        let steps: [(Role, String, String, UInt)] = [
            (.practiceStaff, lead, #"{"decision":"keep","evidence":"Works our denials every day"}"#, 403),
            (.vendorLead, lead, #"{"decision":"keep","evidence":"Works our denials every day"}"#, 404),
            (.practiceManager, lead, #"{"decision":"keep","evidence":"short"}"#, 422),
            (.practiceManager, lead, #"{"decision":"maybe","evidence":"Works our denials every day"}"#, 422),
            (.practiceManager, lead, #"{"decision":"keep","evidence":"Works our denials every day"}"#, 200),
            (.practiceManager, lead, #"{"decision":"revoke","evidence":"Changed my mind about this"}"#, 409),
            (.practiceManager, UUID().uuidString, #"{"decision":"keep","evidence":"Works our denials every day"}"#, 404),
            (.practiceManager, agentSightline, #"{"decision":"revoke","evidence":"Moved to another client in October"}"#, 200),
        ]
        for (role, item, body, status) in steps {
            try await app.testing().test(
                .POST, "/api/v1/access-reviews/\(id)/items/\(item)", headers: parties[role], body: ByteBuffer(string: body)
            ) { response in
                #expect(response.status.code == status, "\(role.rawValue): \(response.body.string)")
            }
        }
        try await app.testing().test(.GET, "/api/v1/engagements/\(engagement)", headers: parties[.vendorAgent]) { response in
            #expect(response.status == .notFound, "revoked: off the engagement at once")
        }
        try await app.testing().test(.GET, "/api/v1/access-reviews/\(id)", headers: parties[.complianceAuditor]) { response in
            #expect(json(response)["status"] as? String == "open", "one access still undecided")
        }
        // The administrator may decide too; the grant's revoke is recorded and the administrators told to close the account.
        try await app.testing().test(
            .POST, "/api/v1/access-reviews/\(id)/items/\(agentGrant)", headers: parties[.practiceAdmin],
            body: ByteBuffer(string: #"{"decision":"revoke","evidence":"Availity account closed by the office manager"}"#)
        ) { response in
            #expect(response.status == .ok, "\(response.body.string)")
            #expect(json(response)["status"] as? String == "completed")
            #expect(json(response)["completedAt"] != nil)
        }
        try await app.testing().test(.GET, "/api/v1/engagements/\(engagement)/access-grants", headers: parties[.vendorLead]) { response in
            let grant = (json(response)["grants"] as? [[String: Any]])?.first
            #expect(grant?["revokedAt"] != nil)
            #expect(grant?["revokeNote"] as? String == "Availity account closed by the office manager")
        }
        let admin = try #require(parties.callers[.practiceAdmin]).user.email.value
        #expect(try await MailOutbox(app.db).pending().contains { $0.to == admin && $0.subject.contains("Close an account") })
        try await app.testing().test(
            .POST, "/api/v1/access-reviews/\(id)/items/\(lead)", headers: parties[.practiceAdmin],
            body: ByteBuffer(string: #"{"decision":"keep","evidence":"Works our denials every day"}"#)
        ) { response in
            #expect(response.status == .conflict, "a completed review takes no more decisions")
        }
        var filter = AuditFilter()
        filter.practice = parties.practice.id.rawValue
        let records = try await AuditTrail(app.db).records(filter, limit: 100)
        for action in [
            "access_grant.recorded", "access_review.opened", "access_review.keep", "access_review.revoke", "access.removed",
            "access_grant.revoked", "access_review.completed",
        ] {
            #expect(records.contains { $0.action == action }, "\(action) is on the trail")
        }
        #expect(records.filter { $0.action == "access_review.revoke" }.allSatisfy { $0.severity == .high })

        // The campaign's record for the compliance file.
        let session = try await signInBrowser(try #require(parties.callers[.complianceAuditor]).user.email.value)
        try await app.testing().test(.GET, "/access-reviews/\(id)/evidence.csv", headers: session.cookie) { response in
            #expect(response.status == .ok)
            let lines = response.body.string.split(separator: "\r\n")
            #expect(lines.count == 1 + items.count)
            #expect(
                lines.contains {
                    $0.contains("vendor-agent@acmebilling.example") && $0.contains(",revoke,Moved to another client in October,")
                })
        }
    }

    @Test(
        "opening a review is checked: reviewer, due date, one open campaign per engagement",
        arguments: [
            (Role.practiceAdmin, #"{"reviewer":"practice-manager@riverbendfamilymedicine.example","dueOn":"{due}"}"#, UInt(201)),
            (.practiceManager, #"{"reviewer":"practice-manager@riverbendfamilymedicine.example","dueOn":"{due}"}"#, 403),
            (.vendorLead, #"{"reviewer":"practice-manager@riverbendfamilymedicine.example","dueOn":"{due}"}"#, 403),
            (.practiceAdmin, #"{"reviewer":"practice-staff@riverbendfamilymedicine.example","dueOn":"{due}"}"#, 422),
            (.practiceAdmin, #"{"reviewer":"vendor-lead@acmebilling.example","dueOn":"{due}"}"#, 422),
            (.practiceAdmin, #"{"reviewer":"nobody@riverbendfamilymedicine.example","dueOn":"{due}"}"#, 422),
            (.practiceAdmin, #"{"reviewer":"practice-manager@riverbendfamilymedicine.example","dueOn":"{yesterday}"}"#, 422),
            (.practiceAdmin, #"{"reviewer":"practice-manager@riverbendfamilymedicine.example","dueOn":"{late}"}"#, 422),
            (.practiceAdmin, #"{"reviewer":"practice-manager@riverbendfamilymedicine.example","dueOn":"31/12/2026"}"#, 422),
            (.practiceAdmin, #"{"reviewer":"practice-manager@riverbendfamilymedicine.example"}"#, 422),
        ])
    func opening(role: Role, body: String, status: UInt) async throws {
        let app = try TestDatabase.app
        let parties = try await APIParties.make()
        let engagement = try await EngagementAPITests.engage(parties)
        let today = try #require(CalendarDate.on(Date(), in: "UTC"))
        // A day either side of today holds in every time zone the practice could be in.
        let text = body.replacingOccurrences(of: "{due}", with: try #require(today.adding(days: 7)).description)
            .replacingOccurrences(of: "{yesterday}", with: try #require(today.adding(days: -2)).description)
            .replacingOccurrences(of: "{late}", with: try #require(today.adding(days: 400)).description)
        let path = "/api/v1/engagements/\(engagement)/access-reviews"
        try await app.testing().test(.POST, path, headers: parties[role], body: ByteBuffer(string: text)) { response in
            #expect(response.status.code == status, "\(response.body.string)")
        }
        if status == 201 {
            try await app.testing().test(.POST, path, headers: parties[role], body: ByteBuffer(string: text)) { response in
                #expect(response.status == .conflict, "one open review per engagement")
            }
        } else {
            #expect(try await app.db.sqlRows("SELECT id FROM access_reviews").isEmpty, "nothing written")
        }
    }

    @Test(
        "grants are recorded for the vendor's active people only, by the practice's administrator or manager, and revoked once with a note",
        arguments: [
            (Role.practiceManager, grantBody, UInt(201)),
            (.practiceStaff, grantBody, 403),
            (.vendorLead, grantBody, 403),
            (
                .practiceAdmin,
                #"{"email":"practice-staff@riverbendfamilymedicine.example","system":"ehr","systemName":"athenaOne","account":"x"}"#, 422
            ),
            (.practiceAdmin, #"{"email":"vendor-agent@acmebilling.example","system":"fax","systemName":"athenaOne","account":"x"}"#, 422),
            (.practiceAdmin, #"{"email":"vendor-agent@acmebilling.example","system":"ehr","systemName":"","account":"x"}"#, 422),
            (.practiceAdmin, #"{"email":"vendor-agent@acmebilling.example","system":"ehr","systemName":"athenaOne","account":"  "}"#, 422),
        ])
    func grants(role: Role, body: String, status: UInt) async throws {
        let app = try TestDatabase.app
        let parties = try await APIParties.make()
        let engagement = try await EngagementAPITests.engage(parties)
        var grant = ""
        try await app.testing().test(
            .POST, "/api/v1/engagements/\(engagement)/access-grants", headers: parties[role], body: ByteBuffer(string: body)
        ) { response in
            #expect(response.status.code == status, "\(response.body.string)")
            grant = json(response)["id"] as? String ?? ""
        }
        guard status == 201 else {
            #expect(try await app.db.sqlRows("SELECT id FROM access_grants").isEmpty, "nothing written")
            return
        }
        let revoke = "/api/v1/engagements/\(engagement)/access-grants/\(grant)/revoke"
        for (role, body, status): (Role, String, UInt) in [
            (.vendorLead, #"{"note":"Closed in Availity today"}"#, 403), (.practiceAdmin, #"{"note":"done"}"#, 422),
            (.practiceAdmin, #"{"note":"Closed in Availity today"}"#, 200), (.practiceAdmin, #"{"note":"Closed in Availity today"}"#, 409),
        ] {
            try await app.testing().test(.POST, revoke, headers: parties[role], body: ByteBuffer(string: body)) { response in
                #expect(response.status.code == status, "\(role.rawValue): \(response.body.string)")
            }
        }
    }

    @Test(
        "a review still open after the end of its due day in the practice's time zone opens one ticket for the reviewer, which the last decision resolves",
        arguments: [
            "America/Los_Angeles", "Pacific/Auckland", "UTC",
        ])
    func overdue(zone: String) async throws {
        let app = try TestDatabase.app
        let parties = try await APIParties.make()
        try await app.db.sqlSet("organizations", "time_zone", to: zone, id: parties.practice.id.rawValue)
        let engagementID = try await EngagementAPITests.engage(parties)
        let engagement = try await EngagementStore(app.db).find(
            try #require(Engagement.ID(string: engagementID)), visibleTo: try #require(parties.callers[.practiceAdmin]))
        // Opened on 2026-03-02 at noon in the practice's zone, due on the 6th.
        let timeZone = try #require(TimeZone(identifier: zone))
        let openDay = try #require(CalendarDate("2026-03-02")), dayAfterDue = try #require(CalendarDate("2026-03-07"))
        let opened = try #require(BusinessCalendar.instant(openDay, minute: 720, zone: timeZone))
        let endOfDue = try #require(BusinessCalendar.instant(dayAfterDue, minute: 0, zone: timeZone))
        let store = AccessReviewStore(app.db)
        let reviewer = try #require(parties.callers[.complianceAuditor])
        let review = try await store.open(
            AccessReviewDraft(reviewer: reviewer.user.email.value, dueOn: "2026-03-06", title: nil), on: engagement,
            by: try #require(parties.callers[.practiceAdmin]), now: opened)
        #expect(review.dueAt == endOfDue)
        #expect(try await store.escalateOverdue(at: endOfDue.addingTimeInterval(-1)).isEmpty, "still the due day there")
        let late = try await store.escalateOverdue(at: endOfDue)
        #expect(late.count == 1)
        #expect(try await store.escalateOverdue(at: endOfDue.addingTimeInterval(3_600)).isEmpty, "one ticket per campaign")
        let (reopened, _) = try await store.review(review.id, visibleTo: reviewer)
        let ticketID = try #require(reopened.ticketID)
        var ticket = try await TicketStore(app.db).find(ticketID, visibleTo: reviewer).0
        #expect(ticket.category == .accessIssue && ticket.priority == .high && ticket.assignedParty == .practice)
        #expect(ticket.assignee == reviewer.user.id, "the reviewer's to pick up")
        #expect(try await MailOutbox(app.db).pending().contains { $0.to == reviewer.user.email.value && $0.subject.contains("overdue") })
        // The ticket escalates on the contract's ladder like any other.
        let fired = try await EscalationSweeper(app.db).sweep(at: endOfDue.addingTimeInterval(30 * 86_400))
        #expect(fired.contains { $0.ticket == ticketID.description })
        for item in review.items {
            _ = try await store.decide(
                item.id, in: review.id, decision: .keep, evidence: "Still needed for the denials backlog", by: reviewer,
                now: endOfDue.addingTimeInterval(31 * 86_400))
        }
        ticket = try await TicketStore(app.db).find(ticketID, visibleTo: reviewer).0
        #expect(ticket.status == .resolved)
    }

    @Test("changing access needs a token with the admin scope; reading needs read")
    func adminScope() async throws {
        let app = try TestDatabase.app
        let parties = try await APIParties.make()
        let engagement = try await EngagementAPITests.engage(parties)
        let manager = try #require(parties.callers[.practiceManager]).user.email
        for (scopes, method, path, status): (Set<TokenScope>, HTTPMethod, String, HTTPStatus) in [
            ([.read, .write], .POST, "access-grants", .forbidden), ([.admin], .POST, "access-grants", .created),
            ([.read], .GET, "access-grants", .ok), ([.read, .write], .POST, "members", .forbidden),
        ] {
            var headers = HTTPHeaders()
            headers.bearerAuthorization = BearerAuthorization(
                token: try await APITokenStore(app.db).issue(
                    for: manager, lifetime: .standard, scopes: scopes, now: Date()
                ).secret)
            headers.contentType = .json
            try await app.testing().test(
                method, "/api/v1/engagements/\(engagement)/\(path)", headers: headers,
                body: method == .POST ? ByteBuffer(string: Self.grantBody) : nil
            ) { response in
                #expect(response.status == status, "\(TokenScope.text(scopes)) \(method) \(path): \(response.body.string)")
                if status == .forbidden {
                    #expect(response.body.string.contains("--scopes admin"), "refused for the token's scope, not the role")
                }
            }
        }
    }

    @Test(
        "in the browser: the administrator records a grant and opens a review from the engagement's access page; the reviewer decides on the review's page; a refusal is shown on the page"
    )
    func pages() async throws {
        let app = try TestDatabase.app
        let parties = try await APIParties.make()
        let engagement = try await EngagementAPITests.engage(parties)
        func page(_ role: Role, _ path: String) async throws -> (headers: HTTPHeaders, csrf: String, html: String) {
            let session = try await signInBrowser(try #require(parties.callers[role]).user.email.value)
            var html = ""
            try await app.testing().test(.GET, path, headers: session.cookie) { response in
                #expect(response.status == .ok, "\(path)")
                html = response.body.string
            }
            var headers = session.cookie
            headers.contentType = .urlEncodedForm
            return (headers, csrfToken(in: html), html)
        }
        let engagementPage = try await page(.practiceAdmin, "/engagements/\(engagement)")
        #expect(engagementPage.html.contains("/engagements/\(engagement)/access"), "the engagement page links to access")
        let admin = try await page(.practiceAdmin, "/engagements/\(engagement)/access")
        #expect(admin.html.contains("Record an access grant") && admin.html.contains("Open an access review"))
        #expect(
            admin.html.contains("vendor-agent@acmebilling.example")
                && admin.html.contains("practice-manager@riverbendfamilymedicine.example"))
        try await app.testing().test(
            .POST, "/engagements/\(engagement)/access-grants", headers: admin.headers,
            body: ByteBuffer(
                string: "csrf=\(admin.csrf)&email=vendor-agent%40acmebilling.example&system=ehr&systemName=athenaOne&account=agent7")
        ) { response in
            #expect(response.status == .seeOther, "\(response.body.string.prefix(300))")
        }
        let due = try #require(CalendarDate.on(Date(), in: "UTC")?.adding(days: 10)).description
        var reviewPath = ""
        try await app.testing().test(
            .POST, "/engagements/\(engagement)/access-reviews", headers: admin.headers,
            body: ByteBuffer(
                string: "csrf=\(admin.csrf)&reviewer=practice-manager%40riverbendfamilymedicine.example&dueOn=\(due)&title=Year-end+review")
        ) { response in
            #expect(response.status == .seeOther)
            reviewPath = response.headers.first(name: .location) ?? ""
        }
        #expect(reviewPath.hasPrefix("/access-reviews/"))
        try await app.testing().test(
            .POST, "/engagements/\(engagement)/access-reviews", headers: admin.headers,
            body: ByteBuffer(string: "csrf=\(admin.csrf)&reviewer=practice-manager%40riverbendfamilymedicine.example&dueOn=\(due)")
        ) { response in
            #expect(response.status == .conflict)
            #expect(response.body.string.contains("an access review of this engagement is open already"), "shown on the page")
        }
        let reviewer = try await page(.practiceManager, reviewPath)
        #expect(reviewer.html.contains("Year-end review") && reviewer.html.contains("athenaOne"))
        let decide = try #require(
            reviewer.html.range(of: #"action="(/access-reviews/[^"]+/items/[^"]+)""#, options: .regularExpression)
                .map { String(reviewer.html[$0].dropFirst(8).dropLast()) })
        try await app.testing().test(
            .POST, decide, headers: reviewer.headers, body: ByteBuffer(string: "csrf=\(reviewer.csrf)&decision=keep&evidence=short")
        ) { response in
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains("evidence: give 10 to 1000 characters"))
        }
        try await app.testing().test(
            .POST, decide, headers: reviewer.headers,
            body: ByteBuffer(string: "csrf=\(reviewer.csrf)&decision=keep&evidence=Checked+the+work+log+for+November")
        ) { response in
            #expect(response.status == .seeOther)
        }
        let after = try await page(.practiceManager, reviewPath)
        #expect(after.html.contains("Checked the work log for November") && after.html.contains("1 of 3 decided"))
        let staff = try await signInBrowser(try #require(parties.callers[.practiceStaff]).user.email.value)
        try await app.testing().test(.GET, reviewPath, headers: staff.cookie) { response in
            #expect(response.status == .forbidden, "front-line staff do not see access reviews")
        }
    }
}

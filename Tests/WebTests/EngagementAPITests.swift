import Domain
import Foundation
import Persistence
import SightlineTestSupport
import Testing
import Vapor
import VaporTesting

/// Bearer headers for one user of each role in a practice and a vendor.
struct APIParties {
    let practice: Organization
    let vendor: Organization
    let headers: [Role: HTTPHeaders]
    var callers: [Role: Caller] = [:]

    static func make(practiceName: String = "Riverbend Family Medicine", vendorName: String = "Acme Billing") async throws -> APIParties {
        let parties = try await TestParties.make(practiceName: practiceName, vendorName: vendorName)
        var headers: [Role: HTTPHeaders] = [:]
        for (role, caller) in parties.callers {
            let token = try await APITokenStore(TestDatabase.app.db).issue(
                for: caller.user.email, lifetime: .standard, scopes: Set(TokenScope.allCases), now: Date())
            var header = HTTPHeaders()
            header.bearerAuthorization = BearerAuthorization(token: token.secret)
            header.contentType = .json
            headers[role] = header
        }
        return APIParties(practice: parties.practice, vendor: parties.vendor, headers: headers, callers: parties.callers)
    }

    subscript(_ role: Role) -> HTTPHeaders { headers[role]! }

    /// An engagement between the two on the medical-billing template, stored directly (no
    /// invitation), its contract signed on `signedOn` (a draft without it).
    func engagement(signedOn: CalendarDate?) async throws -> Engagement {
        try await EngagementStore(try TestDatabase.app.db).create(
            practice: practice.id, vendor: vendor.id, template: .medicalBilling, signedOn: signedOn, now: Date())
    }

    /// A ticket the practice's manager files for the vendor: high priority, a claim error named "Denials".
    func ticketForTheVendor(in engagement: Engagement) async throws -> Ticket {
        try await TicketStore(try TestDatabase.app.db).open(
            TicketDraft(category: .claimError, priority: .high, title: "Denials", detail: "", assignedParty: .vendor, gridTask: nil),
            in: engagement, by: try #require(callers[.practiceManager]), now: Date())
    }
}

/// The response body as a JSON object; records an issue (and gives an empty object) when it is not one.
func json(_ response: TestingHTTPResponse) -> [String: Any] {
    guard let object = (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] else {
        Issue.record("not a JSON object: \(response.body.string)")
        return [:]
    }
    return object
}

@Suite("Engagements and change control over HTTP", .webApp)
struct EngagementAPITests {
    /// An engagement signed on 2026-01-01, made the one way the API allows: the practice's
    /// administrator invites the vendor's lead, who accepts and confirms the date. Returns its id.
    static func engage(_ parties: APIParties) async throws -> String {
        let app = try TestDatabase.app
        let lead = try #require(parties.callers[.vendorLead]).user.email.value
        var invitation = ""
        try await app.testing().test(
            .POST, "/api/v1/invitations", headers: parties[.practiceAdmin],
            body: ByteBuffer(string: #"{"email":"\#(lead)","signedOn":"2026-01-01"}"#)
        ) { response in
            #expect(response.status == .accepted, "\(response.body.string)")
            invitation = json(response)["id"] as? String ?? ""
        }
        var id = ""
        try await app.testing().test(
            .POST, "/api/v1/invitations/\(invitation)/accept", headers: parties[.vendorLead],
            body: ByteBuffer(string: #"{"confirmSignedOn":true}"#)
        ) { response in
            #expect(response.status == .created, "\(response.body.string)")
            id = json(response)["id"] as? String ?? ""
        }
        return id
    }

    @Test("a change request needs both parties' approvers; the second approval creates version 2 with its diff, version 1 unchanged")
    func changeControl() async throws {
        let app = try TestDatabase.app
        let parties = try await APIParties.make()
        let engagement = try await Self.engage(parties)
        let base = "/api/v1/engagements/\(engagement)"
        let proposal = """
            {"kind":"service_level","title":"Days in A/R at most 35","reason":"backlog cleared","budgetImpactMonthly":250,
             "changes":[{"op":"set","path":"serviceLevels.kpiTargets[days-in-ar].target","value":35}]}
            """
        var requestPath = ""
        try await app.testing().test(.POST, "\(base)/change-requests", headers: parties[.vendorAgent], body: ByteBuffer(string: proposal)) {
            response in
            #expect(response.status == .created, "\(response.body.string)")
            let body = json(response)
            let id = (body["changeRequest"] as? [String: Any])?["id"] as? String ?? ""
            requestPath = "\(base)/change-requests/\(id)"
            #expect(body["reference"] as? String == "CR-1")
            #expect((body["diff"] as? [[String: Any]])?.first?["path"] as? String == "serviceLevels.kpiTargets[days-in-ar].target")
        }
        try await app.testing().test(.POST, "\(requestPath)/approve", headers: parties[.practiceAdmin]) { response in
            #expect(response.status == .ok, "\(response.body.string)")
            #expect(json(response)["newVersion"] == nil)
        }
        try await app.testing().test(.GET, "\(base)/contract/versions", headers: parties[.vendorAgent]) { response in
            #expect((json(response)["versions"] as? [Any])?.count == 1)
        }
        for (role, body) in [
            (Role.practiceManager, "{}"), (.vendorAgent, "{}"), (.complianceAuditor, "{}"), (.vendorLead, #"{"party":"practice"}"#),
        ] {
            try await app.testing().test(.POST, "\(requestPath)/approve", headers: parties[role], body: ByteBuffer(string: body)) {
                response in
                #expect(response.status == .forbidden, "\(role): \(response.body.string)")
            }
        }
        try await app.testing().test(
            .POST, "\(requestPath)/approve", headers: parties[.vendorLead], body: ByteBuffer(string: #"{"party":"vendor","note":"agreed"}"#)
        ) { response in
            #expect(response.status == .ok, "\(response.body.string)")
            #expect((json(response)["newVersion"] as? [String: Any])?["number"] as? Int == 2)
        }
        try await app.testing().test(.GET, "\(base)/contract/diff?from=1&to=2", headers: parties[.practiceStaff]) { response in
            let changes = json(response)["changes"] as? [[String: Any]]
            #expect(changes?.count == 1)
            #expect(changes?.first?["before"] as? Double == 40)
            #expect(changes?.first?["after"] as? Double == 35)
        }
        try await app.testing().test(.GET, "\(base)/contract?version=1", headers: parties[.practiceStaff]) { response in
            let targets =
                ((json(response)["contract"] as? [String: Any])?["serviceLevels"] as? [String: Any])?["kpiTargets"] as? [[String: Any]]
            #expect(targets?.first { $0["key"] as? String == "days-in-ar" }?["target"] as? Double == 40)
        }
        try await app.testing().test(.PUT, "\(base)/contract/draft", headers: parties[.practiceAdmin], body: ByteBuffer(string: "{}")) {
            response in
            #expect(response.status == .unprocessableEntity || response.status == .conflict, "\(response.body.string)")
        }
    }

    @Test("a bad proposal is a 422 naming the problem")
    func badProposal() async throws {
        let parties = try await APIParties.make()
        let engagement = try await Self.engage(parties)
        let cases = [
            (
                #"{"kind":"scope","title":"x","reason":"","changes":[{"op":"set","path":"grid.tasks[nope].name","value":"x"}]}"#,
                "grid.tasks[nope].name is not a place"
            ),
            (#"{"kind":"scope","title":"x","reason":"","changes":[]}"#, "at least one change"),
            (#"{"kind":"mood","title":"x","reason":"","changes":[]}"#, "kind"),
            (#"{"title":"x","reason":"","changes":[]}"#, "kind: is required"),
        ]
        for (body, reason) in cases {
            try await TestDatabase.app.testing().test(
                .POST, "/api/v1/engagements/\(engagement)/change-requests", headers: parties[.practiceManager],
                body: ByteBuffer(string: body)
            ) { response in
                #expect(response.status == .unprocessableEntity, "\(body)")
                #expect((json(response)["reason"] as? String ?? "").contains(reason), "\(response.body.string)")
            }
        }
    }

    @Test("another tenant's engagement answers exactly like a random id on every route, and changes nothing")
    func tenantWall() async throws {
        let app = try TestDatabase.app
        let parties = try await APIParties.make()
        let outsiders = try await APIParties.make(practiceName: "Lakeside Pediatrics", vendorName: "Other Billing")
        let engagement = try await Self.engage(parties)
        let random = UUID().uuidString.lowercased()
        let routes: [(HTTPMethod, String, String)] = [
            (.GET, "", ""), (.GET, "/contract", ""), (.GET, "/contract/versions", ""), (.GET, "/contract/diff?from=1&to=1", ""),
            (.PUT, "/contract/draft", "{}"), (.POST, "/contract/draft/acceptance", "{}"), (.GET, "/contacts", ""),
            (.POST, "/contacts", #"{"purpose":"routine","name":"X","channel":"email","address":"x@y.example","hours":"any"}"#),
            (.PUT, "/contacts/\(random)", "{}"), (.DELETE, "/contacts/\(random)", ""), (.GET, "/change-requests", ""),
            (.POST, "/change-requests", #"{"kind":"other","title":"x","reason":"","changes":[]}"#),
            (.GET, "/change-requests/\(random)", ""),
            (.POST, "/change-requests/\(random)/approve", "{}"), (.GET, "/tickets", ""),
            (.POST, "/tickets", #"{"category":"process_gap","title":"x"}"#),
            (.POST, "/work-records", #"{"date":"2026-04-01","minutes":5,"description":"x"}"#),
        ]
        for role in [Role.practiceAdmin, .vendorLead] {
            for (method, suffix, body) in routes {
                var expected = ""
                try await app.testing().test(
                    method, "/api/v1/engagements/\(random)\(suffix)", headers: outsiders[role], body: ByteBuffer(string: body)
                ) { response in
                    #expect(response.status == .notFound)
                    expected = response.body.string.replacingOccurrences(of: random, with: "ID")
                }
                try await app.testing().test(
                    method, "/api/v1/engagements/\(engagement)\(suffix)", headers: outsiders[role], body: ByteBuffer(string: body)
                ) { response in
                    #expect(response.status == .notFound, "\(method) \(suffix)")
                    #expect(response.body.string.replacingOccurrences(of: engagement, with: "ID") == expected, "\(method) \(suffix)")
                }
            }
            try await app.testing().test(.GET, "/api/v1/engagements", headers: outsiders[role]) { response in
                #expect((json(response)["engagements"] as? [Any])?.isEmpty == true)
            }
        }
        let db = app.db
        let id = try #require(Engagement.ID(string: engagement))
        #expect(try await ContactStore(db).contacts(of: id).isEmpty)
        #expect(try await ChangeRequestStore(db).list(in: id).isEmpty)
        #expect(try await TicketStore(db).list(in: id).isEmpty)
        #expect(try await EngagementStore(db).versions(of: id).map(\.status) == [.accepted])
    }

    @Test("each party names its own contacts; a month is closed by the practice")
    func contactsAndClose() async throws {
        let app = try TestDatabase.app
        let parties = try await APIParties.make()
        let engagement = try await Self.engage(parties)
        let contact = #"{"purpose":"urgent","name":"Dana Vega","channel":"phone","address":"+1 555 0100","hours":"24x7","isPrimary":true}"#
        try await app.testing().test(
            .POST, "/api/v1/engagements/\(engagement)/contacts", headers: parties[.vendorLead], body: ByteBuffer(string: contact)
        ) { response in
            #expect(response.status == .created, "\(response.body.string)")
            #expect(json(response)["party"] as? String == "vendor")
        }
        try await app.testing().test(
            .POST, "/api/v1/engagements/\(engagement)/contacts", headers: parties[.vendorAgent], body: ByteBuffer(string: contact)
        ) { response in
            #expect(response.status == .forbidden)
        }
        try await app.testing().test(.GET, "/api/v1/engagements/\(engagement)", headers: parties[.practiceStaff]) { response in
            #expect(json(response)["contactProblems"] as? [String] == ["the practice has no primary contact"])
        }
        try await app.testing().test(.POST, "/api/v1/periods/2026-02/close", headers: parties[.vendorLead]) { response in
            #expect(response.status == .forbidden)
        }
        try await app.testing().test(.POST, "/api/v1/periods/2026-02/close", headers: parties[.practiceManager]) { response in
            #expect(response.status == .ok, "\(response.body.string)")
            #expect(json(response)["runs"] as? Int == 1)
        }
        try await app.testing().test(.POST, "/api/v1/periods/next-month/close", headers: parties[.practiceManager]) { response in
            #expect(response.status == .unprocessableEntity)
        }
    }
}

@Suite("Vendor-reported figures over HTTP", .webApp)
struct ReportedFiguresAPITests {
    @Test(
        "the vendor reports figures as CSV; both parties see them beside Sightline's with differences flagged; the practice cannot report")
    func report() async throws {
        let app = try TestDatabase.app
        let parties = try await APIParties.make()
        let engagement = try await EngagementAPITests.engage(parties)
        let path = "/api/v1/engagements/\(engagement)/reported-figures"
        var csv = parties[.vendorLead]
        csv.contentType = HTTPMediaType(type: "text", subType: "csv")
        try await app.testing().test(
            .POST, "\(path)?month=2026-02", headers: csv, body: ByteBuffer(string: "figure,value\nclaimsSubmitted,0\ndaysInAR,38.5\n")
        ) { response in
            #expect(response.status == .created, "\(response.body.string)")
        }
        try await app.testing().test(.POST, "\(path)?month=2026-02", headers: csv, body: ByteBuffer(string: "claimsSubmitted,ten\n")) {
            response in
            #expect(response.status == .unprocessableEntity)
            #expect((json(response)["reason"] as? String)?.hasPrefix("line 1:") == true)
        }
        try await app.testing().test(
            .POST, path, headers: parties[.practiceAdmin], body: ByteBuffer(string: #"{"month":"2026-02","figures":{"daysInAR":1}}"#)
        ) { response in
            #expect(response.status == .forbidden)
        }
        try await app.testing().test(.GET, "\(path)?month=2026-02", headers: parties[.practiceManager]) { response in
            #expect(response.status == .ok)
            let lines = json(response)["lines"] as? [[String: Any]] ?? []
            #expect(lines.map { $0["figure"] as? String } == ["claimsSubmitted", "daysInAR"])
            // No files imported: Sightline counts 0 claims (no difference) and cannot compute days in A/R (flagged).
            #expect(lines.map { $0["flagged"] as? Bool } == [false, true])
            #expect(json(response)["tolerance"] as? Double == 0.02)
        }
    }
}

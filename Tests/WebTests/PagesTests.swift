import Domain
import Foundation
import Persistence
import SightlineTestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

/// Signs in through the form — password, then a code from the account's authenticator (set up
/// here, with a secret the test knows, when the account has none) — and returns the session cookie
/// header and the final response's Set-Cookie.
func signInBrowser(_ email: String, forwardedProto: String? = nil) async throws -> (cookie: HTTPHeaders, setCookie: String) {
    let app = try TestDatabase.app
    let secret = try await testAuthenticator(for: email)
    var headers = HTTPHeaders()
    headers.contentType = .urlEncodedForm
    if let forwardedProto { headers.add(name: "X-Forwarded-Proto", value: forwardedProto) }
    let body =
        "email=\(email.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")&password=a+long+enough+password&next=%2Fengagements"
    var pending = HTTPHeaders()
    try await app.testing().test(.POST, "/sign-in", headers: headers, body: ByteBuffer(string: body)) { response in
        #expect(response.status == .seeOther)
        #expect(response.headers.first(name: .location) == "/sign-in/code?next=%2Fengagements")
        pending.add(
            name: .cookie, value: (response.headers.first(name: .setCookie) ?? "").split(separator: ";").first.map(String.init) ?? "")
    }
    var csrf = ""
    try await app.testing().test(.GET, "/sign-in/code?next=%2Fengagements", headers: pending) { response in
        #expect(response.status == .ok)
        csrf = csrfToken(in: response.body.string)
    }
    // A code is good once; a test signs the same person in several times a minute.
    _ = try await app.db.sqlRows("UPDATE user_mfa SET last_counter = 0")
    let code = TOTP.code(secret: secret, counter: TOTP.counter(at: Date()))
    var second = headers
    for (name, value) in pending { second.add(name: name, value: value) }
    var setCookie = ""
    try await app.testing().test(
        .POST, "/sign-in/code", headers: second, body: ByteBuffer(string: "csrf=\(csrf)&code=\(code)&next=%2Fengagements")
    ) { response in
        #expect(response.status == .seeOther, "\(response.body.string)")
        #expect(response.headers.first(name: .location) == "/engagements")
        setCookie = response.headers.first(name: .setCookie) ?? ""
    }
    let secretCookie = setCookie.split(separator: ";").first.map(String.init) ?? ""
    var cookie = HTTPHeaders()
    cookie.add(name: .cookie, value: secretCookie)
    return (cookie, setCookie)
}

/// The authenticator secret of the account signing in with `email`, set up now when it has none.
func testAuthenticator(for email: String) async throws -> [UInt8] {
    let db = try TestDatabase.app.db
    let user = try #require(try await UserStore(db).find(email: try EmailAddress(email)))
    let store = MFAStore(db)
    if try await store.isEnrolled(user.id) {
        let rows = try await db.sqlRows("SELECT secret FROM user_mfa WHERE user_id = '\(user.id.rawValue.uuidString)'")
        let stored = try #require(rows.first)
        return try #require(TOTP.bytes(base32: try DataProtection.ring.open(stored, context: "user_mfa.secret")))
    }
    let enrollment = try await store.begin(user, now: Date())
    let secret = try #require(TOTP.bytes(base32: enrollment.secret))
    _ = try await store.confirm(user.id, code: TOTP.code(secret: secret, counter: TOTP.counter(at: Date())), now: Date())
    return secret
}

/// The anti-forgery token in a page's forms.
func csrfToken(in html: String) -> String {
    guard let range = html.range(of: #"name="csrf" value=""#) else { return "" }
    return String(html[range.upperBound...].prefix { $0 != "\"" })
}

@Suite("Pages behind browser sign-in", .webApp)
struct PagesTests {
    @Test("pages need a session: the browser is sent to sign in and back; a wrong password is a 401 page")
    func signInRequired() async throws {
        let app = try TestDatabase.app
        _ = try await TestParties.make()
        try await app.testing().test(.GET, "/engagements?x=1") { response in
            #expect(response.status == .seeOther)
            #expect(response.headers.first(name: .location) == "/sign-in?next=%2Fengagements%3Fx%3D1")
        }
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        try await app.testing().test(
            .POST, "/sign-in", headers: headers,
            body: ByteBuffer(
                string: "email=practice-manager%40riverbendfamilymedicine.example&password=wrong&next=https%3A%2F%2Fevil.example")
        ) { response in
            #expect(response.status == .unauthorized)
            #expect(response.body.string.contains("is not right"))
            #expect(response.body.string.contains(#"name="next" value="/""#))
            #expect(response.headers.first(name: .setCookie) == nil)
        }
    }

    @Test("the session cookie is HttpOnly, SameSite=Lax, host-only, and Secure behind an HTTPS proxy, which also gets HSTS")
    func cookieAttributes() async throws {
        _ = try await TestParties.make()
        let plain = try await signInBrowser("practice-manager@riverbendfamilymedicine.example").setCookie
        let attributes = Set(plain.split(separator: ";").dropFirst().map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
        #expect(attributes.contains("httponly"))
        #expect(attributes.contains("samesite=lax"))
        #expect(attributes.contains("path=/"))
        #expect(!attributes.contains { $0.hasPrefix("domain=") })
        #expect(!attributes.contains("secure"))
        let secure = try await signInBrowser("practice-manager@riverbendfamilymedicine.example", forwardedProto: "https")
        #expect(secure.setCookie.lowercased().contains("; secure"))
        var headers = secure.cookie
        headers.add(name: "X-Forwarded-Proto", value: "https")
        try await TestDatabase.app.testing().test(.GET, "/engagements", headers: headers) { response in
            #expect(response.headers.first(name: "Strict-Transport-Security")?.hasPrefix("max-age=") == true)
        }
    }

    @Test("security headers on pages and errors; signed-in pages are never cached")
    func headers() async throws {
        _ = try await TestParties.make()
        let session = try await signInBrowser("practice-admin@riverbendfamilymedicine.example")
        for (path, headers, status) in [
            ("/engagements", session.cookie, HTTPStatus.ok), ("/no-such-page", HTTPHeaders(), .notFound),
            ("/api/v1/me", HTTPHeaders(), .unauthorized),
        ] {
            try await TestDatabase.app.testing().test(.GET, path, headers: headers) { response in
                #expect(response.status == status, "\(path)")
                #expect(response.headers.first(name: "Content-Security-Policy")?.contains("frame-ancestors 'none'") == true, "\(path)")
                #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff")
                #expect(response.headers.first(name: "Referrer-Policy") == "same-origin")
                if status == .ok { #expect(response.headers.first(name: .cacheControl)?.contains("no-store") == true) }
            }
        }
    }

    @Test("a practice manager proposes a change on the form, which needs the session's anti-forgery token; sign-out ends the session")
    func proposeThroughForms() async throws {
        let app = try TestDatabase.app
        let parties = try await TestParties.make()
        let engagement = try await parties.engagement(signedOn: CalendarDate("2026-01-01"))
        let session = try await signInBrowser("practice-manager@riverbendfamilymedicine.example")
        var html = ""
        try await app.testing().test(.GET, "/engagements/\(engagement.id)", headers: session.cookie) { response in
            #expect(response.status == .ok)
            html = response.body.string
            #expect(html.contains("Denial follow-up and appeals") && html.contains("Version 1, in force from 2026-01-01"))
        }
        let token = csrfToken(in: html)
        #expect(!token.isEmpty)
        var form = session.cookie
        form.contentType = .urlEncodedForm
        let fields = "kind=service_level&title=Tighter+A%2FR&changes=serviceLevels.kpiTargets%5Bdays-in-ar%5D.target+%3D+35"
        try await app.testing().test(
            .POST, "/engagements/\(engagement.id)/change-requests", headers: form, body: ByteBuffer(string: fields + "&csrf=forged")
        ) { response in
            #expect(response.status == .forbidden)
        }
        try await app.testing().test(
            .POST, "/engagements/\(engagement.id)/change-requests", headers: form,
            body: ByteBuffer(string: "kind=scope&title=x&changes=grid.tasks%5Bnope%5D.name+%3D+x&csrf=\(token)")
        ) { response in
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains("grid.tasks[nope].name is not a place in the contract"))
        }
        try await app.testing().test(
            .POST, "/engagements/\(engagement.id)/change-requests", headers: form, body: ByteBuffer(string: fields + "&csrf=\(token)")
        ) { response in
            #expect(response.status == .seeOther)
        }
        let requests = try await ChangeRequestStore(app.db).list(in: engagement.id)
        #expect(requests.map(\.title) == ["Tighter A/R"])
        try await app.testing().test(.GET, "/engagements/\(engagement.id)/change-requests/\(requests[0].id)", headers: session.cookie) {
            response in
            #expect(response.body.string.contains("CR-1: Tighter A/R"))
            #expect(!response.body.string.contains("Decide for my organisation"))
        }
        try await app.testing().test(.POST, "/sign-out", headers: form, body: ByteBuffer(string: "csrf=\(token)")) { response in
            #expect(response.status == .seeOther)
        }
        try await app.testing().test(.GET, "/engagements", headers: session.cookie) { response in
            #expect(response.status == .seeOther)
        }
    }

    @Test("another tenant's engagement page answers like a missing one")
    func tenantWall() async throws {
        let app = try TestDatabase.app
        let parties = try await TestParties.make()
        _ = try await TestParties.make(practiceName: "Lakeside Pediatrics", vendorName: "Other Billing")
        let engagement = try await parties.engagement(signedOn: nil)
        let outsider = try await signInBrowser("vendor-lead@otherbilling.example")
        let random = UUID().uuidString.lowercased()
        var missing = ""
        try await app.testing().test(.GET, "/engagements/\(random)", headers: outsider.cookie) { response in
            #expect(response.status == .notFound)
            missing = response.body.string.replacingOccurrences(of: random, with: "ID")
        }
        try await app.testing().test(.GET, "/engagements/\(engagement.id)", headers: outsider.cookie) { response in
            #expect(response.status == .notFound)
            #expect(response.body.string.replacingOccurrences(of: engagement.id.description, with: "ID") == missing)
        }
    }

    @Test("the practice edits the draft on its page; the vendor logs work, which the scope page counts")
    func draftAndWork() async throws {
        let app = try TestDatabase.app
        let parties = try await TestParties.make()
        let engagement = try await parties.engagement(signedOn: nil)
        func post(
            _ session: (cookie: HTTPHeaders, setCookie: String), _ path: String, _ fields: String, expect status: HTTPStatus
        ) async throws {
            var token = ""
            try await app.testing().test(.GET, "/engagements/\(engagement.id)", headers: session.cookie) { response in
                token = csrfToken(in: response.body.string)
            }
            var headers = session.cookie
            headers.contentType = .urlEncodedForm
            try await app.testing().test(.POST, path, headers: headers, body: ByteBuffer(string: fields + "&csrf=\(token)")) { response in
                #expect(response.status == status, "\(path): \(response.body.string)")
            }
        }
        let manager = try await signInBrowser("practice-manager@riverbendfamilymedicine.example")
        try await post(
            manager, "/engagements/\(engagement.id)/draft", "changes=serviceLevels.kpiTargets%5Bdays-in-ar%5D.target+%3D+33",
            expect: .seeOther)
        #expect(
            try await EngagementStore(app.db).version(1, of: engagement.id).contract.serviceLevels.kpiTargets.first {
                $0.key == "days-in-ar"
            }?.target == 33)
        try await post(
            manager, "/engagements/\(engagement.id)/draft", "changes=grid.tasks%5Bnope%5D.name+%3D+x", expect: .unprocessableEntity)
        let agent = try await signInBrowser("vendor-agent@acmebilling.example")
        try await post(agent, "/engagements/\(engagement.id)/draft", "changes=governance.reviewCadence+%3D+quarterly", expect: .forbidden)
        try await post(
            agent, "/engagements/\(engagement.id)/work-records",
            "gridTask=&date=2026-10-05&quantity=1&minutes=45&description=Custom+report", expect: .seeOther)
        try await post(
            agent, "/engagements/\(engagement.id)/work-records",
            "gridTask=claim-submission&date=2026-10-06&quantity=30&minutes=0&description=Batch", expect: .seeOther)
        try await app.testing().test(.GET, "/scope?month=2026-10", headers: agent.cookie) { response in
            #expect(response.status == .ok)
            #expect(response.body.string.contains("Work in scope: 1. <strong>Out of scope: 1</strong> (0.75 hours)"))
        }
    }

    @Test("the issue log pages: file a ticket, read its clocks, write an internal note the other party does not see, move and escalate it")
    func ticketPages() async throws {
        let app = try TestDatabase.app
        let parties = try await TestParties.make()
        let engagement = try await parties.engagement(signedOn: CalendarDate("2026-01-01"))
        let manager = try await signInBrowser("practice-manager@riverbendfamilymedicine.example")
        var token = ""
        try await app.testing().test(.GET, "/engagements/\(engagement.id)/tickets", headers: manager.cookie) { response in
            #expect(response.status == .ok)
            token = csrfToken(in: response.body.string)
        }
        var form = manager.cookie
        form.contentType = .urlEncodedForm
        var ticketPath = ""
        try await app.testing().test(
            .POST, "/engagements/\(engagement.id)/tickets", headers: form,
            body: ByteBuffer(string: "csrf=\(token)&category=claim_error&priority=high&title=Twelve+CO-16+denials&description=See+March")
        ) { response in
            #expect(response.status == .seeOther)
            ticketPath = response.headers.first(name: .location) ?? ""
        }
        try #require(ticketPath.hasPrefix("/tickets/"))
        try await app.testing().test(.GET, ticketPath, headers: manager.cookie) { response in
            #expect(response.status == .ok)
            #expect(response.body.string.contains("RFM-1: Twelve CO-16 denials") && response.body.string.contains("First response"))
        }
        // A ticket without a title is not filed: the error sits by the title, and what was typed stays.
        try await app.testing().test(
            .POST, "/engagements/\(engagement.id)/tickets", headers: form,
            body: ByteBuffer(string: "csrf=\(token)&category=patient_concern&priority=urgent&title=+&description=Statement+sent+twice")
        ) { response in
            #expect(response.status == .unprocessableEntity)
            let html = response.body.string
            #expect(html.contains(#"<p class="error" id="title-error">Say in a line what is wrong or what you need.</p>"#))
            #expect(html.contains(#"aria-invalid="true" aria-describedby="title-error""#))
            #expect(html.contains(">Statement sent twice</textarea>"))
            #expect(html.contains(#"<option value="patient_concern" selected>Patient concern</option>"#))
            #expect(html.contains(#"<option value="urgent" selected>Urgent</option>"#))
        }
        // The queue's filters, and its CSV with the same filters.
        for (query, found) in [
            ("category=claim_error&q=co-16", true), ("category=patient_concern", false), ("assigned=vendor&priority=high", true),
            ("show=breached", false), ("assigned=practice", false),
        ] {
            try await app.testing().test(.GET, "/engagements/\(engagement.id)/tickets?\(query)", headers: manager.cookie) { response in
                #expect(response.status == .ok)
                #expect(response.body.string.contains(">RFM-1</a>") == found, "\(query)")
            }
            try await app.testing().test(.GET, "/engagements/\(engagement.id)/tickets.csv?\(query)", headers: manager.cookie) { response in
                #expect(response.status == .ok)
                let lines = response.body.string.split(separator: "\r\n")
                #expect(lines.first?.hasPrefix("ticket,title,category,priority,status") == true)
                #expect(
                    lines.contains { $0.hasPrefix("RFM-1,Twelve CO-16 denials,claim_error,high,open,practice,vendor,") } == found,
                    "\(query)")
            }
        }
        try await app.testing().test(
            .POST, "\(ticketPath)/messages", headers: form,
            body: ByteBuffer(string: "csrf=\(token)&body=Vendor+is+late+again&visibility=internal")
        ) { response in
            #expect(response.status == .seeOther)
        }
        try await app.testing().test(
            .POST, "\(ticketPath)/escalate", headers: form,
            body: ByteBuffer(string: "csrf=\(token)&level=leadership&reason=Filing+limit+Friday")
        ) { response in
            #expect(response.status == .seeOther)
        }
        let agent = try await signInBrowser("vendor-agent@acmebilling.example")
        var agentToken = ""
        try await app.testing().test(.GET, ticketPath, headers: agent.cookie) { response in
            #expect(response.status == .ok)
            #expect(!response.body.string.contains("Vendor is late again"))
            #expect(response.body.string.contains("Filing limit Friday"))
            agentToken = csrfToken(in: response.body.string)
        }
        var agentForm = agent.cookie
        agentForm.contentType = .urlEncodedForm
        // The agent names themself to work it, watches it and attaches the payer's letter; the manager downloads it.
        var agentID = ""
        try await app.testing().test(.GET, ticketPath, headers: agent.cookie) { response in
            let html = response.body.string
            if let end = html.range(of: #"">vendor-agent@acmebilling.example</option>"#),
                let start = html.range(of: #"<option value=""#, options: .backwards, range: html.startIndex..<end.lowerBound)
            {
                agentID = String(html[start.upperBound..<end.lowerBound])
            }
        }
        try await app.testing().test(
            .POST, "\(ticketPath)/assignee", headers: agentForm, body: ByteBuffer(string: "csrf=\(agentToken)&user=\(agentID)")
        ) { response in
            #expect(response.status == .seeOther)
        }
        try await app.testing().test(
            .POST, "\(ticketPath)/watch", headers: agentForm, body: ByteBuffer(string: "csrf=\(agentToken)&watching=true")
        ) { response in
            #expect(response.status == .seeOther)
        }
        var upload = agent.cookie
        upload.contentType = HTTPMediaType(type: "multipart", subType: "form-data", parameters: ["boundary": "sightline-test-boundary"])
        let letter =
            "--sightline-test-boundary\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(agentToken)\r\n"
            + "--sightline-test-boundary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"payer-letter.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 letter\r\n"
            + "--sightline-test-boundary--\r\n"
        try await app.testing().test(.POST, "\(ticketPath)/attachments", headers: upload, body: ByteBuffer(string: letter)) { response in
            #expect(response.status == .seeOther)
        }
        var fileLink = ""
        try await app.testing().test(.GET, ticketPath, headers: manager.cookie) { response in
            let html = response.body.string
            #expect(
                html.contains("assigned to vendor-agent@acmebilling.example") && html.contains("Watching: vendor-agent@acmebilling.example")
            )
            if let range = html.range(of: #"<a href="\#(ticketPath)/attachments/"#) {
                fileLink = ticketPath + "/attachments/" + html[range.upperBound...].prefix { $0 != "\"" }
            }
        }
        try await app.testing().test(.GET, fileLink, headers: manager.cookie) { response in
            #expect(response.status == .ok && response.body.string == "%PDF-1.4 letter")
        }
        try await app.testing().test(
            .POST, "\(ticketPath)/status", headers: agentForm, body: ByteBuffer(string: "csrf=\(agentToken)&status=resolved")
        ) { response in
            #expect(response.status == .seeOther)
        }
        try await app.testing().test(.GET, "/engagements/\(engagement.id)/tickets?show=all", headers: agent.cookie) { response in
            #expect(response.body.string.contains(">Resolved</td>"))
            #expect(response.body.string.contains("/engagements/\(engagement.id)/sla"))
        }
        try await app.testing().test(.GET, "/engagements/\(engagement.id)/sla?by=priority", headers: agent.cookie) { response in
            #expect(response.status == .ok)
            #expect(response.body.string.contains("<td>high</td><td>firstResponse</td><td>1</td>"))
        }
        try await app.testing().test(.GET, "/engagements/\(engagement.id)/scorecard", headers: manager.cookie) { response in
            #expect(response.status == .ok)
            let html = response.body.string
            #expect(html.contains("Vendor scorecard") && html.contains("Vendor tickets opened: 1, 1 resolved or closed"))
            #expect(html.contains("Open escalations: none") && html.contains("Audit accuracy: no audited claim in the range"))
            #expect(html.contains("<h2>Month by month</h2>"), "the scorecard is read month by month")
        }
        try await app.testing().test(.GET, "/engagements/\(engagement.id)/sla?by=mood", headers: agent.cookie) { response in
            #expect(response.status == .unprocessableEntity)
        }
    }
}

@Suite("Page models")
struct PageModelTests {
    @Test(
        "change lines: PATH = VALUE sets (JSON or plain text), remove PATH removes, problems name the line",
        arguments: [
            ("a.b = 35", "a.b=35"), ("a[x].c = [\"vendor\"]", "a[x].c=[\"vendor\"]"), ("a.b = monthly", "a.b=\"monthly\""),
            ("# comment\n\nremove a[x]", "-a[x]"), ("a.b = {\"key\":\"k\"}\nremove c[d]", "a.b={\"key\":\"k\"}|-c[d]"),
        ])
    func changeLines(text: String, expected: String) throws {
        let edits = try ChangeLines.parse(text)
        let rendered = edits.map { $0.op == .remove ? "-\($0.path)" : "\($0.path)=\($0.value?.description ?? "")" }.joined(separator: "|")
        #expect(rendered == expected)
        #expect(try ChangeLines.parse(ChangeLines.render(edits)) == edits)
    }

    @Test(
        "bad change lines are refused with their number",
        arguments: [
            ("a.b", "line 1: write 'PATH = VALUE'"), ("ok = 1\n[x] = 2", "line 2: '[x]' is not a contract path"),
            ("a.b =", "line 1: the value after '=' is missing"),
            ("remove a..b", "line 1: 'a..b' is not a contract path"),
        ])
    func badChangeLines(text: String, message: String) {
        #expect(throws: ChangeLines.LineError.self) { try ChangeLines.parse(text) }
        do { _ = try ChangeLines.parse(text) } catch { #expect(error.description.hasPrefix(message), "\(error.description)") }
    }

    @Test("the scope page links each out-of-scope group to a prefilled change request")
    func scopeLinks() throws {
        let engagement = Engagement.ID()
        let report = ScopeReport(
            month: CalendarMonth("2026-10")!,
            lines: [
                .init(
                    engagementID: engagement, vendorID: Organization.ID(), vendorName: "Acme", inScopeTickets: 1, inScopeWorkRecords: 2,
                    outOfScopeTickets: 1, outOfScopeWorkRecords: 1, outOfScopeMinutes: 90,
                    groups: [
                        .init(status: .inHouseTask, task: "coding-questions", tickets: 0, workRecords: 1, quantity: 6, minutes: 90),
                        .init(status: .noTask, task: nil, tickets: 1, workRecords: 0, quantity: 1, minutes: 0),
                    ])
            ])
        let model = ScopePageModel(
            chrome: PageChrome(
                caller: Caller(
                    user: User(organizationID: Organization.ID(), email: try EmailAddress("a@b.example"), role: .practiceManager),
                    organization: Organization(name: "P", kind: .practice, timeZone: "UTC")), csrf: "t"), report: report)
        let line = try #require(model.lines.first)
        #expect(line.outOfScope == 2 && line.inScope == 3 && line.outOfScopeHours == "1.5")
        #expect(model.previous == "2026-09" && model.next == "2026-11")
        let link = try #require(line.groups.first?.proposeLink)
        #expect(link.hasPrefix("/engagements/\(engagement)/change-requests/new?kind=scope&"))
        #expect(link.removingPercentEncoding?.contains(#"changes=grid.tasks[coding-questions].responsible = ["vendor"]"#) == true)
        #expect(line.groups.last?.why == "tied to no task")
    }
}

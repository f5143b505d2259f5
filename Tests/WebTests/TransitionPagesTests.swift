import Domain
import Foundation
import Persistence
import SightlineTestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

@Suite("The transition plan and quality-audit pages", .webApp)
struct TransitionPagesTests {
    @Test(
        "a manager starts the plan, maps a task (a missing owner named), marks a step done with evidence and publishes a notice; staff ask under it and the lead answers"
    )
    func transition() async throws {
        let app = try TestDatabase.app
        let parties = try await TestParties.make()
        let engagement = try await parties.engagement(signedOn: CalendarDate("2026-01-01"))
        let manager = try await signInBrowser("practice-manager@riverbendfamilymedicine.example")
        let page = "/engagements/\(engagement.id)/transition"
        var token = ""
        try await app.testing().test(.GET, page, headers: manager.cookie) { response in
            #expect(response.status == .ok)
            #expect(response.body.string.contains("Start the plan from the template"))
            token = csrfToken(in: response.body.string)
        }
        var form = manager.cookie
        form.contentType = .urlEncodedForm
        func post(_ path: String, _ body: String, headers: HTTPHeaders? = nil, csrf: String? = nil) async throws -> (HTTPStatus, String) {
            var result: (HTTPStatus, String) = (.ok, "")
            try await app.testing().test(.POST, path, headers: headers ?? form, body: ByteBuffer(string: "csrf=\(csrf ?? token)&\(body)")) {
                response in
                result = (response.status, response.body.string)
            }
            return result
        }
        let owner = parties[.practiceManager].user.email.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        #expect(try await post(page, "start=2026-02-02&owner=\(owner)").0 == .seeOther)
        let (missing, html) = try await post("\(page)/workflow", "task=Payment+posting&taskOwner=&handoff=ERA&commonDelay=&report=")
        #expect(missing == .unprocessableEntity)
        #expect(
            html.contains("taskOwner: cannot be empty") && html.contains(#"value="Payment posting""#),
            "the error named, what was typed kept")
        #expect(
            try await post("\(page)/workflow", "task=Payment+posting&taskOwner=Biller&handoff=ERA&commonDelay=Paper+checks&report=Deposits")
                .0 == .seeOther)
        let plan = try #require(try await TransitionStore(app.db).plan(of: engagement.id, for: parties[.practiceManager]))
        let map = try #require(plan.steps.first)
        let (refused, refusal) = try await post("\(page)/steps/\(map.id)", "status=done&owner=\(owner)&dueOn=2026-02-16&evidence=")
        #expect(refused == .unprocessableEntity && refusal.contains("evidence: say what shows the step done before marking it done"))
        #expect(try await post("\(page)/steps/\(map.id)", "status=done&owner=\(owner)&dueOn=2026-02-16&evidence=Map+below").0 == .seeOther)
        #expect(try await post("\(page)/steps/\(map.id)/checklist/2", "done=1").0 == .seeOther)
        #expect(try await post("\(page)/rollouts", "function=Prior+authorizations&start=2026-06-01&owner=\(owner)").0 == .seeOther)
        #expect(
            try await post("\(page)/notices", "task=Denial+follow-up&changes=The+vendor+works+denials&freesFor=Friday+afternoons&publish=1")
                .0 == .seeOther)
        #expect(try await post("\(page)/notices", "task=Statements&changes=The+vendor+sends+statements&freesFor=Month+ends").0 == .seeOther)
        try await app.testing().test(.GET, page, headers: manager.cookie) { response in
            let html = response.body.string
            #expect(
                html.contains("Billing transition") && html.contains("Rollout: Prior authorizations")
                    && html.contains("Identify the pressure points"))
            #expect(html.contains("<td>Payment posting</td><td>Biller</td><td>ERA</td><td>Paper checks</td><td>Deposits</td>"))
            #expect(html.contains("evidence: Map below") && html.contains("checklist 1 of 4"))
            #expect(html.contains("draft, not shown to staff"))
        }

        let staff = try await signInBrowser(parties[.practiceStaff].user.email.value)
        var staffToken = ""
        var noticeLink = ""
        try await app.testing().test(.GET, page, headers: staff.cookie) { response in
            let html = response.body.string
            staffToken = csrfToken(in: html)
            #expect(
                html.contains("The vendor works denials") && !html.contains("The vendor sends statements"),
                "staff see published notices only")
            #expect(!html.contains("Save the step") && !html.contains("Write a notice"), "staff do not keep the plan")
            if let range = html.range(of: #"action="\#(page)/notices/"#) {
                noticeLink = "\(page)/notices/" + html[range.upperBound...].prefix { $0 != "/" }
            }
        }
        var staffForm = staff.cookie
        staffForm.contentType = .urlEncodedForm
        #expect(
            try await post("\(noticeLink)/responses", "kind=question&text=Who+calls+patients%3F", headers: staffForm, csrf: staffToken).0
                == .seeOther)
        #expect(try await post("\(noticeLink)/publish", "", headers: staffForm, csrf: staffToken).0 == .forbidden)
        try await app.testing().test(.GET, "/home", headers: staff.cookie) { response in
            #expect(response.body.string.contains("What changes for the team") && response.body.string.contains("Denial follow-up ("))
        }
        try await app.testing().test(.GET, "/home", headers: manager.cookie) { response in
            #expect(response.body.string.contains("1 staff question or comment on the transition with Acme Billing waits for an answer"))
        }
        let asked = try #require(
            try await TransitionStore(app.db).plan(of: engagement.id, for: parties[.practiceStaff])?.notices.first?.responses.first)
        #expect(try await post("\(noticeLink)/responses/\(asked.id)/answer", "answer=The+vendor%27s+lead").0 == .seeOther)
        try await app.testing().test(.GET, page, headers: staff.cookie) { response in
            #expect(response.body.string.contains("Who calls patients?") && response.body.string.contains("The vendor&#39;s lead"))
        }
    }

    @Test(
        "a manager draws a sample on the page, records a finding and a right claim, opens a ticket from the finding and makes it a review action"
    )
    func audits() async throws {
        let app = try TestDatabase.app
        let parties = try await TestParties.make()
        try await importSynthForWeb(into: parties.practice.id)
        let engagement = try await parties.engagement(signedOn: CalendarDate("2026-01-01"))
        let review = try await GovernanceStore(app.db).schedule(
            on: try #require(CalendarDate("2026-02-10")), in: engagement, free: [],
            by: parties[.practiceManager], now: Date())
        let manager = try await signInBrowser("practice-manager@riverbendfamilymedicine.example")
        let list = "/engagements/\(engagement.id)/audits"
        var token = ""
        try await app.testing().test(.GET, list, headers: manager.cookie) { response in
            #expect(response.status == .ok && response.body.string.contains("Draw the sample"))
            token = csrfToken(in: response.body.string)
        }
        var form = manager.cookie
        form.contentType = .urlEncodedForm
        let reviewer = parties[.practiceManager].user.email.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let draw = "name=January&from=2026-01-01&to=2026-01-31&strata=payer&seed=11&reviewer=\(reviewer)"
        try await app.testing().test(.POST, list, headers: form, body: ByteBuffer(string: "csrf=\(token)&\(draw)&size=lots")) { response in
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains(#"<p class="error" id="size-error">size: a number of claims, from 1 to 500</p>"#))
        }
        var auditPath = ""
        try await app.testing().test(.POST, list, headers: form, body: ByteBuffer(string: "csrf=\(token)&\(draw)&size=4")) { response in
            #expect(response.status == .seeOther)
            auditPath = response.headers.first(name: .location) ?? ""
        }
        try #require(auditPath.hasPrefix("/audits/"))
        let audits = try await QualityAuditStore(app.db).audits(in: engagement.id)
        let audit = try #require(audits.first)
        let (first, second) = (audit.claims[0].claim, audit.claims[1].claim)
        func post(_ path: String, _ body: String) async throws -> (HTTPStatus, String?) {
            var result: (HTTPStatus, String?) = (.ok, nil)
            try await app.testing().test(.POST, path, headers: form, body: ByteBuffer(string: "csrf=\(token)&\(body)")) { response in
                result = (response.status, response.headers.first(name: .location))
            }
            return result
        }
        #expect(
            try await post("\(auditPath)/claims/\(first)/findings", "type=payer_rule&severity=high&note=auth+number+missing").0 == .seeOther
        )
        #expect(try await post("\(auditPath)/claims/\(second)/right", "").0 == .seeOther)
        #expect(try await post("\(auditPath)/claims/\(first)/right", "").0 == .conflict, "a claim with a finding is not right")
        let (opened, ticketPage) = try await post("\(auditPath)/claims/\(first)/findings/1/ticket", "")
        #expect(opened == .seeOther && ticketPage?.hasPrefix("/tickets/") == true)
        let lead = parties[.vendorLead].user.email.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        #expect(
            try await post("\(auditPath)/claims/\(first)/findings/1/action", "review=\(review.id)&owner=\(lead)&dueOn=2026-03-01&title=").0
                == .seeOther)
        try await app.testing().test(.GET, auditPath, headers: manager.cookie) { response in
            let html = response.body.string
            #expect(html.contains("Reviewed: 2 of 4 claims") && html.contains("Accuracy: 50% of the reviewed claims had no error"))
            #expect(html.contains("payer rule</strong> (high)") && html.contains("ticket RFM-1") && html.contains("action A-1"))
        }
        try await app.testing().test(.GET, list, headers: manager.cookie) { response in
            #expect(response.body.string.contains("<td>2 of 4</td><td>50%</td>"))
        }
        let vendor = try await signInBrowser(parties[.vendorLead].user.email.value)
        try await app.testing().test(.GET, auditPath, headers: vendor.cookie) { response in
            let html = response.body.string
            #expect(response.status == .ok && html.contains("Claim \(first)") && html.contains("ticket RFM-1"))
            #expect(
                !html.contains(#"href="/claims/"#) && !html.contains("Record a finding"),
                "the vendor reads the findings; claim timelines and reviews are the practice's")
        }
    }
}

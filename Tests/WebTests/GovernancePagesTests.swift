import Domain
import Foundation
import Persistence
import SightlineTestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

@Suite("The governance pages", .webApp)
struct GovernancePagesTests {
    @Test(
        "a manager registers a risk (a bad rating named by its field, the rest kept), schedules a review, minutes it, assigns an action and closes it"
    )
    func governance() async throws {
        let app = try TestDatabase.app
        let parties = try await TestParties.make()
        let engagement = try await parties.engagement(signedOn: CalendarDate("2026-01-01"))
        let manager = try await signInBrowser("practice-manager@riverbendfamilymedicine.example")
        let page = "/engagements/\(engagement.id)/governance"
        var token = ""
        try await app.testing().test(.GET, page, headers: manager.cookie) { response in
            #expect(response.status == .ok)
            #expect(response.body.string.contains("No review yet."))
            token = csrfToken(in: response.body.string)
        }
        var form = manager.cookie
        form.contentType = .urlEncodedForm
        let lead = parties[.vendorLead].user.email.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let risk = "title=PHI+in+spreadsheets&category=privacy&impact=5&owner=\(lead)&reviewOn=2026-12-31&mitigation=Attestation"
        try await app.testing().test(
            .POST, "/engagements/\(engagement.id)/risks", headers: form, body: ByteBuffer(string: "csrf=\(token)&\(risk)&likelihood=9")
        ) { response in
            #expect(response.status == .unprocessableEntity)
            let html = response.body.string
            #expect(html.contains(#"<p class="error" id="likelihood-error">likelihood: from 1 (rare) to 5 (almost certain)</p>"#))
            #expect(html.contains(#"value="PHI in spreadsheets""#) && html.contains(">Attestation</textarea>"))
        }
        try await app.testing().test(
            .POST, "/engagements/\(engagement.id)/risks", headers: form, body: ByteBuffer(string: "csrf=\(token)&\(risk)&likelihood=3")
        ) { response in
            #expect(response.status == .seeOther)
        }
        var reviewPath = ""
        try await app.testing().test(
            .POST, "/engagements/\(engagement.id)/reviews", headers: form,
            body: ByteBuffer(string: "csrf=\(token)&scheduledOn=2026-02-10&items=Renewal+terms")
        ) { response in
            #expect(response.status == .seeOther)
            reviewPath = response.headers.first(name: .location) ?? ""
        }
        try #require(reviewPath.hasPrefix("/reviews/"))
        try await app.testing().test(.GET, reviewPath, headers: manager.cookie) { response in
            let html = response.body.string
            #expect(html.contains("Looks back on January 2026"))
            // The quarterly target's figure over its own quarter, against the quarter before, with the judge's verdict.
            #expect(
                html.contains("Net collection rate: ") && html.contains(" in Jan–Mar 2026 (Oct–Dec 2025: ")
                    && html.contains("against ≥ 95%: "))
            #expect(!html.contains(" → "), "a trend compares a period with the one before it, never a value with itself")
            #expect(html.contains("High risk R-1 (privacy, 3×5): PHI in spreadsheets"))
            #expect(html.contains("Renewal terms"))
        }
        try await app.testing().test(
            .POST, "\(reviewPath)/minutes", headers: form, body: ByteBuffer(string: "csrf=\(token)&attendees=&decisions=Keep+going&notes=")
        ) { response in
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains(#"<p class="error" id="attendees-error">attendees: name who attended</p>"#))
            #expect(response.body.string.contains(">Keep going</textarea>"))
        }
        try await app.testing().test(
            .POST, "\(reviewPath)/minutes", headers: form,
            body: ByteBuffer(string: "csrf=\(token)&attendees=Dr.+Lin&decisions=Keep+going&notes=")
        ) { response in
            #expect(response.status == .seeOther)
        }
        try await app.testing().test(
            .POST, "\(reviewPath)/actions", headers: form,
            body: ByteBuffer(string: "csrf=\(token)&title=Send+the+report&owner=\(lead)&dueOn=2026-02-20&linksTo=R-1")
        ) { response in
            #expect(response.status == .seeOther)
        }
        var actionPath = ""
        try await app.testing().test(.GET, page, headers: manager.cookie) { response in
            let html = response.body.string
            #expect(html.contains("A-1") && html.contains("<strong class=\"bad\">overdue</strong>"))
            if let range = html.range(of: #"action="/actions/"#) {
                actionPath = "/actions/" + html[range.upperBound...].prefix { $0 != "/" }
            }
        }
        try await app.testing().test(
            .POST, "\(actionPath)/done", headers: form, body: ByteBuffer(string: "csrf=\(token)&note=Sent+on+Monday")
        ) { response in
            #expect(response.status == .seeOther)
        }
        try await app.testing().test(.GET, reviewPath, headers: manager.cookie) { response in
            #expect(response.body.string.contains("<td>done</td>"))
            #expect(response.body.string.contains("Dr. Lin"))
        }
    }
}

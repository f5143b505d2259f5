import Domain
import Foundation
import Persistence
import SightlineTestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

@Suite("The rollout's pages", .webApp)
struct PilotPagesTests {
    @Test(
        "a manager sets up a phase from the form (a mistake is named by its field and the input kept), answers its checklist and records go; the page then shows the frozen evidence"
    )
    func rollout() async throws {
        let app = try TestDatabase.app
        let parties = try await TestParties.make()
        try await importSynthForWeb(into: parties.practice.id)
        let engagement = try await parties.engagement(signedOn: CalendarDate("2026-01-01"))
        let manager = try await signInBrowser("practice-manager@riverbendfamilymedicine.example")
        let list = "/engagements/\(engagement.id)/pilots"
        var token = ""
        try await app.testing().test(.GET, list, headers: manager.cookie) { response in
            #expect(response.status == .ok)
            #expect(response.body.string.contains("No phase has been set up yet."))
            token = csrfToken(in: response.body.string)
        }
        var form = manager.cookie
        form.contentType = .urlEncodedForm
        let fields =
            "name=January+claims&payers=&baselineFrom=2026-01-05&from=2026-02-01&to=2026-03-31&useDenials=on&denialPoints=1"
            + "&useDays=on&dayMargin=5&checklist=Reports+are+clear"
        // The baseline running into the pilot: refused, said by the field, the rest kept.
        try await app.testing().test(.POST, list, headers: form, body: ByteBuffer(string: "csrf=\(token)&\(fields)&baselineTo=2026-02-10"))
        { response in
            #expect(response.status == .unprocessableEntity)
            let html = response.body.string
            #expect(html.contains(#"<p class="error" id="baselineTo-error">baselineTo: the baseline ends before the pilot starts</p>"#))
            #expect(html.contains(#"value="January claims""#) && html.contains(#"value="2026-02-10""#))
            #expect(html.contains(">Reports are clear</textarea>"))
        }
        var pilotPath = ""
        try await app.testing().test(.POST, list, headers: form, body: ByteBuffer(string: "csrf=\(token)&\(fields)&baselineTo=2026-01-31"))
        { response in
            #expect(response.status == .seeOther)
            pilotPath = response.headers.first(name: .location) ?? ""
        }
        try #require(pilotPath.hasPrefix("/pilots/"))
        try await app.testing().test(.GET, pilotPath, headers: manager.cookie) { response in
            #expect(response.status == .ok)
            let html = response.body.string
            #expect(html.contains("Phase 1: January claims"))
            #expect(html.contains("Initial denial rate not above the baseline + 1 points"))
            #expect(html.contains("Days in A/R not above the baseline + 5"))
            #expect(html.contains("not answered yet"))
            #expect(html.contains("Gate: not passed"))
        }
        try await app.testing().test(
            .POST, "\(pilotPath)/checklist/check-1", headers: form, body: ByteBuffer(string: "csrf=\(token)&met=yes&note=Read+it")
        ) { response in
            #expect(response.status == .seeOther)
        }
        try await app.testing().test(
            .POST, "\(pilotPath)/decision", headers: form, body: ByteBuffer(string: "csrf=\(token)&verdict=go&note=Held+up")
        ) { response in
            #expect(response.status == .seeOther)
        }
        try await app.testing().test(.GET, pilotPath, headers: manager.cookie) { response in
            let html = response.body.string
            #expect(html.contains("Go, recorded by practice-manager@riverbendfamilymedicine.example"))
            #expect(html.contains("confirmed by practice-manager@riverbendfamilymedicine.example: Read it"))
            #expect(!html.contains("/decision\""), "no second decision is offered")
        }
        try await app.testing().test(
            .POST, "\(pilotPath)/decision", headers: form, body: ByteBuffer(string: "csrf=\(token)&verdict=no_go&note=Again")
        ) { response in
            #expect(response.status == .conflict)
        }
        try await app.testing().test(.GET, list, headers: manager.cookie) { response in
            #expect(response.body.string.contains("go, decided"))
        }
    }
}

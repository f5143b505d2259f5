import Domain
import Foundation
import Persistence
import SightlineTestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

@Suite("Pages judge through the one judge: the report's running month is in progress; Home counts what its tiles say", .webApp)
struct JudgedPagesTests {
    static func count(_ needle: String, in html: String) -> Int { html.components(separatedBy: needle).count - 1 }

    @Test(
        "the monthly report of the current month says in progress, not met or missed; a past month is judged over each target's own period")
    func reportMonths() async throws {
        let app = try TestDatabase.app
        let parties = try await TestParties.make()
        try await importSynthForWeb(into: parties.practice.id)
        let engagement = try await parties.engagement(signedOn: CalendarDate("2026-01-01"))
        let session = try await signInBrowser("practice-manager@riverbendfamilymedicine.example")
        let current = CalendarMonth(try #require(CalendarDate.on(Date(), in: parties.practice.timeZone)))
        try await app.testing().test(.GET, "/engagements/\(engagement.id)/report?month=\(current)", headers: session.cookie) { response in
            #expect(response.status == .ok)
            let html = response.body.string
            #expect(html.contains("This month is still in progress"))
            #expect(html.contains("<td>in progress</td>") || html.contains("<td>in progress<div"))
            #expect(!html.contains("<td>missed") && !html.contains("<td>met"), "nothing in a running month is judged")
            #expect(!html.contains("not_measurable") && !html.contains("in_progress"))
            let today = try #require(CalendarDate.on(Date(), in: parties.practice.timeZone))
            #expect(html.contains("Aging as of \(today)"), "balances of a running month are taken today, not on a day to come")
        }
        try await app.testing().test(.GET, "/engagements/\(engagement.id)/report?month=2026-02", headers: session.cookie) { response in
            #expect(response.status == .ok)
            let html = response.body.string
            #expect(!html.contains("This month is still in progress"))
            #expect(html.contains("<td>Jan–Mar 2026</td>"), "the quarterly net collection rate is measured over its quarter")
            #expect(html.contains("<td>the month</td>"))
            #expect(html.contains("<td>met") || html.contains("<td>missed"))
        }
    }

    @Test("Home's summary of targets is counted from the very verdicts of the tiles beside it")
    func homeCounts() async throws {
        let app = try TestDatabase.app
        let parties = try await TestParties.make()
        try await importSynthForWeb(into: parties.practice.id)
        _ = try await parties.engagement(signedOn: CalendarDate("2026-01-01"))
        let session = try await signInBrowser("practice-manager@riverbendfamilymedicine.example")
        try await app.testing().test(.GET, "/home", headers: session.cookie) { response in
            #expect(response.status == .ok)
            let html = response.body.string
            let summary = try #require(html.range(of: #"\d+ of \d+ targets met"#, options: .regularExpression).map { String(html[$0]) })
            let numbers = summary.split(separator: " ").compactMap { Int($0) }
            #expect(numbers.count == 2)
            #expect(numbers.first == Self.count("<div class=\"tile met\">", in: html), "\(summary)")
            #expect(numbers.last == Contract.medicalBilling(timeZone: "UTC").serviceLevels.kpiTargets.count)
            let today = try #require(CalendarDate.on(Date(), in: parties.practice.timeZone))
            #expect(
                html.contains("over \(MeasurementPeriod.latestEnded(.quarter, before: today).label)"),
                "the quarterly target's tile names its quarter")
        }
    }
}

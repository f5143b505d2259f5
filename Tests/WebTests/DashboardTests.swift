import Domain
import Foundation
import Persistence
import SightlineTestSupport
import Synth
import Testing
import Vapor
import VaporTesting

@testable import Web

@Suite("The figures as pages", .webApp)
struct DashboardPageTests {
    @Test("the dashboard shows tiles against the contract's targets, charts, tables and CSV exports; the claims behind a figure open")
    func dashboard() async throws {
        let app = try TestDatabase.app
        let parties = try await TestParties.make()
        try await importSynthForWeb(into: parties.practice.id)
        _ = try await parties.engagement(signedOn: CalendarDate("2026-01-01"))
        let session = try await signInBrowser("practice-staff@riverbendfamilymedicine.example")
        try await app.testing().test(.GET, "/dashboard?from=2026-01-01&to=2026-03-31", headers: session.cookie) { response in
            #expect(response.status == .ok)
            let html = response.body.string
            // A quarter: the quarterly target is judged over it; a monthly one is stated, never judged against three months.
            #expect(html.contains("target ≤ 8% per month · judged per month, not over this range"))
            #expect(html.contains("target ≥ 95% per quarter · met") || html.contains("target ≥ 95% per quarter · missed"))
            #expect(html.components(separatedBy: "<svg").count - 1 == 6)
            #expect(html.contains("/claims?figure=initialDenials&amp;from=2026-01-01&amp;to=2026-03-31&amp;reason="))
            #expect(html.contains("href=\"/definitions#daysInAR\""))
        }
        try await app.testing().test(.GET, "/dashboard?from=2026-02-01&to=2026-02-28", headers: session.cookie) { response in
            let html = response.body.string
            #expect(html.contains("target ≤ 8% per month · met") || html.contains("target ≤ 8% per month · missed"))
            #expect(html.contains("target ≥ 95% per quarter · judged per quarter, not over this range"))
        }
        for table in ["months", "payers", "causes", "aging"] {
            try await app.testing().test(
                .GET, "/dashboard/export.csv?from=2026-01-01&to=2026-03-31&table=\(table)", headers: session.cookie
            ) { response in
                #expect(response.status == .ok)
                #expect(response.headers.contentType?.subType == "csv")
                let lines = response.body.string.split(separator: "\r\n")
                #expect(lines.count >= 2, "\(table)")
            }
        }
        try await app.testing().test(.GET, "/dashboard/export.csv?table=everything", headers: session.cookie) { response in
            #expect(response.status == .unprocessableEntity)
        }
        var claim = ""
        try await app.testing().test(.GET, "/claims?figure=claimsSubmitted&from=2026-01-01&to=2026-01-31", headers: session.cookie) {
            response in
            #expect(response.status == .ok)
            let html = response.body.string
            if let range = html.range(of: "href=\"/claims/") { claim = String(html[range.upperBound...].prefix { $0 != "\"" }) }
        }
        try #require(!claim.isEmpty)
        // A list opened without a period (a bookmark, a link typed in) goes to the dashboard's period.
        try await app.testing().test(.GET, "/claims?figure=claimsSubmitted", headers: session.cookie) { response in
            #expect(response.status == .seeOther)
            let location = response.headers.first(name: .location) ?? ""
            #expect(location.hasPrefix("/claims?figure=claimsSubmitted&from=") && location.contains("&to="), "\(location)")
        }
        try await app.testing().test(.GET, "/claims/\(claim)", headers: session.cookie) { response in
            #expect(response.status == .ok)
            #expect(response.body.string.contains("837P"))
            #expect(response.body.string.contains("<pre class=\"raw\">CLM*\(claim)*"))
        }
        let vendor = try await signInBrowser("vendor-agent@acmebilling.example")
        try await app.testing().test(.GET, "/dashboard", headers: vendor.cookie) { response in
            #expect(response.status == .forbidden)
        }
    }
}

/// Three months of a generated practice's files.
/// Imports the web tests' synthetic billing files (``synthFilesForWeb()``) into `practice`, each one whole.
func importSynthForWeb(into practice: Organization.ID) async throws {
    for file in try synthFilesForWeb() {
        let result = try await BillingImporter(try TestDatabase.app.db, newPracticeTimeZone: "UTC").importFile(
            named: file.name, from: .bytes(file.bytes), practice: practice, user: nil, now: Date())
        try #require(result.outcome == .imported)
    }
}

func synthFilesForWeb() throws -> [(name: String, bytes: [UInt8])] {
    let generator = SynthGenerator(
        SynthConfiguration(seed: 11, claimsPerDay: 4, months: 3, start: try #require(CalendarDate("2026-01-05"))))
    var files: [(name: String, bytes: [UInt8])] = []
    _ = generator.generate { file, chunk in
        if files.last?.name == file.name { files[files.count - 1].bytes += chunk } else { files.append((file.name, chunk)) }
    }
    return files
}

@Suite("Charts and dashboard tables")
struct ChartTests {
    @Test("labels are escaped, a missing month breaks the line, and the target is drawn")
    func lineChart() {
        let svg = SVGChart.line(
            title: "Rate <by> \"month\"", points: [("Jan", 0.1), ("Feb", nil), ("Mar", 0.2), ("Apr", 0.3)], format: { "\($0)" },
            target: 0.08)
        #expect(svg.contains("Rate &lt;by&gt; &quot;month&quot;"))
        #expect(!svg.contains("<by>"))
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 1)
        #expect(svg.components(separatedBy: "<circle").count - 1 == 3)
        #expect(svg.contains("stroke-dasharray") && svg.contains("target 0.08"))
    }

    @Test("a Pareto chart has one bar per cause and a cumulative line ending at the top")
    func pareto() {
        let svg = SVGChart.pareto(title: "Causes", items: [("CO-197", 6), ("CO-50", 3), ("PR-1", 1)])
        #expect(svg.components(separatedBy: "<rect").count - 1 == 3)
        #expect(svg.contains("<polyline"))
        let points = svg.components(separatedBy: "points=\"").last?.components(separatedBy: "\"").first ?? ""
        #expect(points.split(separator: " ").last?.hasSuffix(",16.0") == true)
    }

    @Test("CSV fields with commas, quotes or line breaks are quoted")
    func csvQuoting() {
        #expect(DashboardCSV.row(["a", "b,c", "say \"hi\"", "x\ny"]) == "a,\"b,c\",\"say \"\"hi\"\"\",\"x\ny\"")
        #expect(
            DashboardCSV.aging([AgingLine(bucket: .days0to30, amount: Money("10.50")!, claims: 2)])
                == "bucket,amount,claims\r\n0-30,10.50,2\r\n")
    }

    @Test(
        "figures read the way people read them",
        arguments: [
            (0.0812, "initialDenialRate", "8.12%"), (51.04, "daysInAR", "51.0 days"), (105123.4, "arTotal", "$105,123.40"),
            (12, "claimsSubmitted", "12"),
        ] as [(Double, String, String)])
    func formats(value: Double, figure: String, text: String) {
        #expect(DashboardPageModel.format(value, figure: figure) == text)
    }
}

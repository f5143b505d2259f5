import Domain
import Testing

@Suite("Vendor-reported figures beside Sightline's")
struct ReportedFiguresTests {
    @Test(
        "differences beyond the tolerance are flagged, at the tolerance they are not",
        arguments: [
            (0.102, 0.10, false), (0.1021, 0.10, true), (0.098, 0.10, false), (0.0979, 0.10, true), (40.0, 40.0, false), (0.0, 0.0, false),
            (0.01, 0.0, true),
        ] as [(Double, Double, Bool)])
    func tolerance(reported: Double, computed: Double, flagged: Bool) throws {
        let comparison = ReportedFigureComparison(
            month: CalendarMonth("2026-10")!, tolerance: 0.02, reported: ["initialDenialRate": reported]
        ) { _ in computed }
        #expect(try #require(comparison.lines.first).flagged == flagged)
    }

    @Test("a figure Sightline cannot compute is flagged with the reason; lines follow KPIS.md's order")
    func uncomputable() {
        let comparison = ReportedFigureComparison(
            month: CalendarMonth("2026-10")!, tolerance: 0.02,
            reported: ["daysInAR": 38, "cleanClaimRate": 0.97, "claimsSubmitted": 410]
        ) { $0 == "cleanClaimRate" ? nil : 1 }
        #expect(comparison.lines.map(\.figure) == ["claimsSubmitted", "cleanClaimRate", "daysInAR"])
        #expect(comparison.lines[1].flagged && comparison.lines[1].note?.contains("cannot compute") == true)
        #expect(comparison.flagged == 3)
    }

    @Test(
        "reported lines read figure,value with percentages, and name the bad line",
        arguments: [
            ("figure,value\ninitialDenialRate,7.5%\ndaysInAR,41.2\n# note\n", nil as String?),
            ("initialDenialRate,abc", "line 1: 'abc' is not a number"),
            ("happiness,1", "line 1: 'happiness' is not a figure"),
            ("daysInAR,40\ndaysInAR", "line 2: write figure,value"),
            ("\n", "no figures were reported"),
        ])
    func parse(text: String, expected: String?) throws {
        guard let expected else {
            #expect(try ReportedFigureError.parse(text) == ["initialDenialRate": 0.075, "daysInAR": 41.2])
            return
        }
        do {
            _ = try ReportedFigureError.parse(text)
            Issue.record("parsed")
        } catch {
            #expect(error.description.hasPrefix(expected), "\(error.description)")
        }
    }
}

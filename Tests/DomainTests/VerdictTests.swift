import Domain
import Foundation
import Testing

@Suite("Verdicts: one judge of every figure against its target")
struct VerdictTests {
    static func day(_ text: String) -> CalendarDate { CalendarDate(text)! }

    /// Where the value sits against the target.
    enum Boundary: String, CaseIterable, Sendable {
        case equal, justAbove, justBelow, noData
    }

    /// Where as-of sits against the period (October 2026).
    enum PeriodState: String, CaseIterable, Sendable {
        case ended, notEnded, asOfLastDay, asOfDayAfter

        var asOf: CalendarDate {
            switch self {
            case .ended: VerdictTests.day("2026-12-15")
            case .notEnded: VerdictTests.day("2026-10-12")
            case .asOfLastDay: VerdictTests.day("2026-10-31")
            case .asOfDayAfter: VerdictTests.day("2026-11-01")
            }
        }

        var isOver: Bool { self == .ended || self == .asOfDayAfter }
    }

    /// A figure of each direction, its target and the smallest step pages show of it.
    static let figures: [(figure: String, direction: FigureInfo.Direction, target: Double, step: Double)] = [
        ("netCollectionRate", .higherIsBetter, 0.95, 0.0001),
        ("cleanClaimRate", .higherIsBetter, 0.9, 0.0001),
        ("initialDenialRate", .lowerIsBetter, 0.08, 0.0001),
        ("daysInAR", .lowerIsBetter, 40, 0.1),
    ]

    /// The verdict on an ended period, by comparator and boundary; the direction of the figure never changes it.
    static let whenOver: [(KPITarget.Comparator, Boundary, ServiceLevelResult.Outcome)] = [
        (.atLeast, .equal, .met), (.atLeast, .justAbove, .met), (.atLeast, .justBelow, .missed), (.atLeast, .noData, .notMeasurable),
        (.atMost, .equal, .met), (.atMost, .justAbove, .missed), (.atMost, .justBelow, .met), (.atMost, .noData, .notMeasurable),
    ]

    static let figureStates: [(Int, PeriodState)] = figures.indices.flatMap { index in PeriodState.allCases.map { (index, $0) } }

    @Test("every comparator × figure direction × boundary × period state", arguments: whenOver, figureStates)
    func table(rule: (KPITarget.Comparator, Boundary, ServiceLevelResult.Outcome), at: (Int, PeriodState)) throws {
        let (comparator, boundary, overOutcome) = rule
        let (figure, direction, target, step) = Self.figures[at.0]
        let state = at.1
        #expect(FigureCatalogue.info(figure)?.direction == direction)
        let value: Double? =
            switch boundary {
            case .equal: target
            case .justAbove: target + step
            case .justBelow: target - step
            case .noData: nil
            }
        let period = MeasurementPeriod(.month, containing: try #require(CalendarMonth("2026-10")))
        let kpiTarget = KPITarget(key: "k", figure: figure, comparator: comparator, target: target, period: .month)
        let verdict = kpiTarget.verdict(
            value: value, reason: value == nil ? "no claims adjudicated in the period" : nil, period: period, asOf: state.asOf)
        let expected = state.isOver ? overOutcome : .inProgress
        #expect(verdict.outcome == expected, "\(figure) \(comparator.symbol) \(target), \(boundary), \(state)")
        #expect(verdict.isJudged == (expected == .met || expected == .missed))
        if expected == .notMeasurable { #expect(verdict.words == "no data: no claims adjudicated in the period") }
        if expected == .inProgress { #expect(verdict.words == "in progress") }
        // The stored result of a close judges through the very same function.
        let result = ServiceLevelResult(target: kpiTarget, from: period.from, to: period.to, value: value, reason: nil, asOf: state.asOf)
        #expect(result.outcome == verdict.outcome)
    }

    @Test("a value equal to its target meets it whatever the rounding of the division that made it")
    func equalAfterDivision() {
        let target = KPITarget(key: "k", figure: "netCollectionRate", comparator: .atLeast, target: 0.95, period: .month)
        let period = MeasurementPeriod(.month, containing: CalendarMonth("2026-10")!)
        #expect(target.verdict(value: 0.1 * 9.5, reason: nil, period: period, asOf: Self.day("2026-11-01")).outcome == .met)
    }

    @Test(
        "outcomes read as words; old rows' stored values stay readable",
        arguments: [
            ("\"met\"", "met"), ("\"missed\"", "missed"), ("\"not_measurable\"", "no data"), ("\"in_progress\"", "in progress"),
        ])
    func words(stored: String, words: String) throws {
        let outcome = try JSONDecoder().decode(ServiceLevelResult.Outcome.self, from: Data(stored.utf8))
        #expect(outcome.words == words)
    }

    @Test(
        "a target's period: the month or the calendar quarter a month falls in, its label, and the one before",
        arguments: [
            (KPITarget.Period.month, "2026-11", "2026-11-01", "2026-11-30", "November 2026", "October 2026"),
            (.quarter, "2026-11", "2026-10-01", "2026-12-31", "Oct–Dec 2026", "Jul–Sep 2026"),
            (.quarter, "2026-07", "2026-07-01", "2026-09-30", "Jul–Sep 2026", "Apr–Jun 2026"),
            (.quarter, "2027-02", "2027-01-01", "2027-03-31", "Jan–Mar 2027", "Oct–Dec 2026"),
        ])
    func periods(kind: KPITarget.Period, month: String, from: String, to: String, label: String, previous: String) throws {
        let period = MeasurementPeriod(kind, containing: try #require(CalendarMonth(month)))
        #expect(period.from.description == from)
        #expect(period.to.description == to)
        #expect(period.label == label)
        #expect(period.previous.label == previous)
        #expect(period.closingMonth.description == String(to.prefix(7)))
    }

    @Test(
        "the latest period that has ended before a day",
        arguments: [
            (KPITarget.Period.month, "2026-12-07", "November 2026"), (.quarter, "2026-12-07", "Jul–Sep 2026"),
            (.quarter, "2027-01-01", "Oct–Dec 2026"), (.month, "2027-01-01", "December 2026"),
        ])
    func latestEnded(kind: KPITarget.Period, today: String, label: String) {
        #expect(MeasurementPeriod.latestEnded(kind, before: Self.day(today)).label == label)
    }

    @Test(
        "days before a review's period: as many whole months, or as many days",
        arguments: [
            ("2026-07-01", "2026-09-30", "Apr–Jun 2026"), ("2026-10-01", "2026-10-31", "September 2026"),
            ("2026-10-05", "2026-10-14", "2026-09-25 to 2026-10-04"), ("2026-12-01", "2027-01-31", "Oct–Nov 2026"),
        ])
    func before(from: String, to: String, label: String) {
        let before = MeasurementPeriod.before(from: Self.day(from), to: Self.day(to))
        #expect(MeasurementPeriod.label(from: before.from, to: before.to) == label)
    }

    @Test("every figure a target may name has a label, a direction and a unit; rates read as percents, never fractions")
    func catalogue() {
        for figure in KPITarget.measurableFigures {
            let info = FigureCatalogue.info(figure)
            #expect(info != nil, "\(figure) is not in the catalogue")
            #expect(info?.label != figure)
        }
        #expect(FigureCatalogue.format(0.1182, figure: "initialDenialRate") == "11.82%")
        #expect(FigureCatalogue.format(52.34, figure: "daysInAR") == "52.3 days")
        #expect(FigureCatalogue.format(1234.5, figure: "arTotal") == "$1,234.50")
        #expect(FigureCatalogue.label("no such figure") == "another figure")
    }

    @Test("a close is repeated beside now only when it judged another figure or verdict")
    func closeWords() throws {
        let target = KPITarget(key: "ncr", figure: "netCollectionRate", comparator: .atLeast, target: 0.95, period: .month)
        let period = MeasurementPeriod(.month, containing: try #require(CalendarMonth("2026-10")))
        let close = TargetStanding.AtClose(closedOn: Self.day("2026-11-02"), value: 0.93, verdict: Verdict(.missed), filesSince: 1)
        let moved = TargetStanding(target: target, period: period, value: 0.951, reason: nil, asOf: Self.day("2026-12-01"), atClose: close)
        #expect(moved.closeWords == "judged at close on 2026-11-02: 93%, missed; 1 billing file imported since the close")
        let still = TargetStanding(target: target, period: period, value: 0.93, reason: nil, asOf: Self.day("2026-12-01"), atClose: close)
        #expect(still.closeWords == nil)
    }

    @Test(
        "a close's miss in words, and whether the figure now differs from it",
        arguments: [
            (KPITarget.Period.month, 0.5591, 0.5591, "November 2026: Net collection rate 55.91% against ≥ 95%", false),
            (.quarter, 0.5591, 0.961, "Jul–Sep 2026, closed in September 2026: Net collection rate 55.91% against ≥ 95%", true),
        ])
    func closedTarget(kind: KPITarget.Period, atClose: Double, now: Double, words: String, differs: Bool) throws {
        let target = KPITarget(key: "ncr", figure: "netCollectionRate", comparator: .atLeast, target: 0.95, period: kind)
        let month = try #require(CalendarMonth(kind == .month ? "2026-11" : "2026-09"))
        let period = MeasurementPeriod(kind, containing: month)
        let closed = ServiceLevelResult(
            target: target, from: period.from, to: period.to, value: atClose, reason: nil, asOf: Self.day("2026-12-02"))
        let standing = TargetStanding(
            target: target, period: period, value: now, reason: nil, asOf: Self.day("2026-12-07"),
            atClose: .init(closedOn: Self.day("2026-12-02"), value: atClose, verdict: closed.verdict, filesSince: differs ? 2 : 0))
        let line = VendorScorecard.Target(month: month.description, closed: closed, standing: standing)
        #expect(line.outcome == .missed)
        #expect(line.missedWords == words)
        #expect(line.differsNow == differs)
        #expect(line.nowOutcome == (differs ? .met : .missed))
    }
}

import Domain
import Foundation
import Persistence

/// `/dashboard`: the practice's figures for a range, against the contract's targets, with trends,
/// aging, denial causes and the by-payer table; every figure links to its definition and claims.
struct DashboardPageModel: Encodable, Equatable {
    struct Tile: Encodable, Equatable {
        let key: String
        let label: String
        let value: String
        /// `≥ 95% per quarter`.
        let target: String?
        /// The days the value and its verdict cover when they are not the page's range (`Jul–Sep 2026`).
        let period: String?
        /// A style: `met`, `missed`, `in-progress`, `no-data`, or `none` (no target judged here).
        let status: String
        /// The verdict in words (`met`, `in progress`, `no data: …`), or why the target is not judged over this range.
        let verdict: String?
        /// What the close of the period judged, when it differs from now.
        let atClose: String?
        let definitionLink: String
        let claimsLink: String?
        let reason: String?
    }

    struct Chart: Encodable, Equatable {
        let title: String
        let svg: String
    }

    struct PayerRow: Encodable, Equatable {
        let payer: String
        let label: String
        let claimsSubmitted: Int
        let grossCharges: String
        let payerPayments: String
        let initialDenialRate: String
        let paymentLagDays: String
        let arTotal: String
        let claimsLink: String
    }

    struct CauseRow: Encodable, Equatable {
        let reason: String
        let category: String
        let claims: Int
        let charges: String
        let claimsLink: String
    }

    struct AgingRow: Encodable, Equatable {
        let bucket: String
        let amount: String
        let claims: Int
        let claimsLink: String
    }

    let chrome: PageChrome
    let from: String
    let to: String
    let tiles: [Tile]
    let trends: [Chart]
    let aging: Chart
    let agingRows: [AgingRow]
    let pareto: Chart
    let causes: [CauseRow]
    let payers: [PayerRow]
    let unmatched: Int
    let exportBase: String

    /// The figures on tiles, in order.
    static let tileFigures = [
        Figure.initialDenialRate, .cleanClaimRate, .netCollectionRate, .daysInAR, .arOver90Pct, .paymentLagDays, .arTotal, .payerPayments,
    ].map(\.rawValue)
    /// The figures with a monthly trend chart.
    static let trendFigures = [Figure.initialDenialRate, .cleanClaimRate, .netCollectionRate, .daysInAR].map(\.rawValue)

    /// - Parameter standings: the targets judged over their own periods (those that are the page's range, or on the monthly report the month's).
    /// - Parameter asOf: the day balances were taken on, when not `to` (a month still running is read as of today).
    init(
        chrome: PageChrome, from: CalendarDate, to: CalendarDate, totals: KPIFigures, months: [KPIGroup], payers: [KPIGroup],
        targets: [KPITarget],
        standings: [TargetStanding], asOf: CalendarDate? = nil
    ) {
        self.chrome = chrome
        self.from = from.description
        self.to = to.description
        let range = PageLink.query([("from", from), ("to", to)])
        exportBase = PageLink.to("/dashboard/export.csv", query: range)
        func target(_ figure: String) -> KPITarget? { targets.first { $0.figure == figure } }
        tiles = Self.tiles(totals, targets: targets, standings: standings, range: range)
        trends = Self.trendFigures.map { key in
            Chart(
                title: "\(FigureCatalogue.label(key)) by month",
                svg: SVGChart.line(
                    title: "\(FigureCatalogue.label(key)) by month",
                    points: months.map {
                        (label: String($0.label.prefix(3)) + " " + String($0.key.prefix(4).suffix(2)), value: $0.figures.value(of: key))
                    },
                    format: { Self.format($0, figure: key) }, target: target(key)?.target))
        }
        aging = Chart(
            title: "Aging as of \(asOf ?? to)",
            svg: SVGChart.bars(
                title: "Accounts receivable by age as of \(asOf ?? to)",
                items: totals.aging.map {
                    (
                        label: "\($0.bucket.rawValue) days", value: Double($0.amount.cents),
                        caption: "\($0.amount.shown) · \($0.claims) claims"
                    )
                }))
        agingRows = totals.aging.map {
            AgingRow(
                bucket: $0.bucket.rawValue, amount: $0.amount.shown, claims: $0.claims,
                claimsLink: PageLink.to(
                    "/claims", [("figure", "openBalances")], query: range + "&" + PageLink.query([("bucket", $0.bucket.rawValue)])))
        }
        let topCauses = Array(totals.denialCauses.prefix(12))
        pareto = Chart(
            title: "Denial causes",
            svg: SVGChart.pareto(title: "Initial denials by primary reason", items: topCauses.map { (label: $0.reason, count: $0.claims) }))
        causes = Self.causes(totals, range: range)
        self.payers = payers.map { group in
            let figures = group.figures
            return PayerRow(
                payer: group.key, label: group.label, claimsSubmitted: figures.claimsSubmitted, grossCharges: figures.grossCharges.shown,
                payerPayments: figures.payerPayments.shown,
                initialDenialRate: figures.initialDenialRate.map { Self.format($0, figure: Figure.initialDenialRate.rawValue) } ?? "—",
                paymentLagDays: figures.paymentLagDays.map { Self.format($0, figure: Figure.paymentLagDays.rawValue) } ?? "—",
                arTotal: figures.arTotal.shown,
                claimsLink: PageLink.to(
                    "/claims", [("figure", Figure.adjudicatedClaims.rawValue)], query: range + "&" + PageLink.query([("payer", group.key)]))
            )
        }
        unmatched = totals.unmatchedAdjudications
    }

    /// The headline figures against the contract's targets; `range` is the query naming the page's
    /// period. A figure with a target shows its standing over the target's own period (from
    /// `standings`, judged by ``ServiceLevelJudge``); a target whose period is not the page's range
    /// and has no standing is stated but not judged, so no verdict mixes two windows.
    static func tiles(
        _ totals: KPIFigures, targets: [KPITarget], standings: [TargetStanding], range: String, figures: [String] = tileFigures
    ) -> [Tile] {
        figures.map { key in
            let goal = targets.first { $0.figure == key }
            let standing = standings.first { $0.target.figure == key }
            let value = standing.map(\.value) ?? totals.value(of: key)
            let claimsFigure = KPITarget(key: key, figure: key, comparator: .atLeast, target: 0, period: .month).claimsFigure
            let verdict = standing?.verdict
            let notJudged = goal.map { "judged per \($0.period.rawValue), not over this range" }
            let periodRange = standing.map { PageLink.query([("from", $0.period.from), ("to", $0.period.to)]) } ?? range
            return Tile(
                key: key, label: FigureCatalogue.label(key), value: value.map { format($0, figure: key) } ?? "—",
                target: (standing?.target ?? goal).map { "\($0.stated) per \($0.period.rawValue)" }, period: standing?.period.label,
                status: verdict.map { style($0.outcome) } ?? "none", verdict: verdict?.words ?? notJudged, atClose: standing?.closeWords,
                definitionLink: "/definitions#\(key)",
                claimsLink: claimsFigure.map { PageLink.to("/claims", [("figure", $0)], query: periodRange) },
                reason: standing == nil ? totals.reasons[key] : nil)
        }
    }

    /// The style of an outcome: `met`, `missed`, `in-progress`, `no-data`.
    static func style(_ outcome: ServiceLevelResult.Outcome) -> String {
        switch outcome {
        case .met: "met"
        case .missed: "missed"
        case .inProgress: "in-progress"
        case .notMeasurable: "no-data"
        }
    }

    /// The standings of the targets whose own period is exactly the days `from`…`to`, from the
    /// figures over those days, judged as of `today`.
    static func standings(
        _ totals: KPIFigures, targets: [KPITarget], from: CalendarDate, to: CalendarDate, today: CalendarDate
    ) -> [TargetStanding] {
        targets.compactMap { target in
            let period = MeasurementPeriod(target.period, containing: CalendarMonth(from))
            guard period.from == from, period.to == to else { return nil }
            return TargetStanding(
                target: target, period: period, value: totals.value(of: target.figure), reason: totals.reasons[target.figure], asOf: today)
        }
    }

    /// Initial denials by primary reason, most claims first, each linked to its claims.
    static func causes(_ totals: KPIFigures, range: String) -> [CauseRow] {
        totals.denialCauses.map {
            CauseRow(
                reason: $0.reason, category: $0.category.label, claims: $0.claims, charges: $0.charges.shown,
                claimsLink: PageLink.to(
                    "/claims", [("figure", Figure.initialDenials.rawValue)], query: range + "&" + PageLink.query([("reason", $0.reason)])))
        }
    }

    /// A figure the way people read it, from the one catalogue: rates as percentages, money in dollars, days with one decimal.
    static func format(_ value: Double, figure: String) -> String { FigureCatalogue.format(value, figure: figure) }
}

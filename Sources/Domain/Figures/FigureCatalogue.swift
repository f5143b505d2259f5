import Foundation

/// What Sightline knows about each figure of KPIS.md section 4 besides its rule: the name people
/// read, which way is better, and how a value is written. Every page, report, agenda and export
/// takes labels and directions from here, so no two places name or read a figure differently.
public struct FigureInfo: Sendable, Equatable {
    /// Which way a figure improves.
    public enum Direction: String, Sendable, Equatable, CaseIterable {
        case higherIsBetter, lowerIsBetter
        /// Neither way is better in itself (a volume, an adjustment).
        case neutral
    }

    /// How a value of the figure is written.
    public enum Unit: String, Sendable, Equatable {
        /// A fraction in [0, 1], shown as a percentage.
        case rate
        /// Dollars.
        case money
        /// Days, one decimal.
        case days
        /// A whole number of claims.
        case count
        /// Not one number (aging, denial causes).
        case table
    }

    /// The figure.
    public let figure: Figure
    /// The key of KPIS.md (`netCollectionRate`): in JSON, in CSV column headers, in contracts.
    public var key: String { figure.rawValue }
    /// The name on pages (`Net collection rate`).
    public let label: String
    public let direction: Direction
    public let unit: Unit
    /// What the figure means, in Sightline's words (the exact rule is KPIS.md as read in docs/kpis.md).
    public let definition: String
    /// The claims behind the figure in `GET /api/v1/claims` and `/claims`, when a drill-down exists.
    public let claims: String?
    /// The grid task whose work moves this figure, so a missed target lands on the right desk.
    public let task: String

    /// Whether the figure is one number (a target may name it; it has a CSV column).
    public var isOneNumber: Bool { unit != .table }

    /// `55.91%`, `$1,234.50`, `41.2 days`, `120`: a value the way every page writes it.
    public func format(_ value: Double) -> String {
        switch unit {
        case .rate: return KPITarget.format(value, rate: true)
        case .money: return Money(String(format: "%.2f", value))?.shown ?? String(format: "$%.2f", value)
        case .days: return String(format: "%.1f days", value)
        case .count: return String(Int(value.rounded()))
        case .table: return KPITarget.format(value, rate: false)
        }
    }
}

/// A figure of KPIS.md section 4. Its raw value is the key of KPIS.md.
public enum Figure: String, Sendable, CaseIterable, Codable {
    case claimsSubmitted, grossCharges, payerPayments, contractualAdjustments, patientResponsibility, patientPayments
    case adjudicatedClaims, initialDenials, initialDenialRate, initialDenialRateDollars, cleanClaimRate, netCollectionRate
    case denialCauses, paymentLagDays, arTotal, aging, arOver90Pct, daysInAR

    /// What Sightline knows about the figure.
    public var info: FigureInfo { FigureCatalogue.info(self) }
}

/// The one catalogue of figures: adding a figure is its formula (``KPIFigures``) and its line here.
public enum FigureCatalogue {
    private static func line(
        _ figure: Figure, _ label: String, _ direction: FigureInfo.Direction, _ unit: FigureInfo.Unit,
        claims: String?, task: String, _ definition: String
    ) -> FigureInfo {
        FigureInfo(figure: figure, label: label, direction: direction, unit: unit, definition: definition, claims: claims, task: task)
    }

    /// Every figure of KPIS.md section 4, in its order.
    public static let all: [FigureInfo] = [
        line(
            .claimsSubmitted, "Claims submitted", .neutral, .count, claims: "claimsSubmitted", task: "claim-submission",
            "Claims whose original (frequency 1) submission is dated in the range."),
        line(
            .grossCharges, "Gross charges", .neutral, .money, claims: "claimsSubmitted", task: "claim-submission",
            "The charges of those claims as first submitted."),
        line(
            .payerPayments, "Payer payments", .higherIsBetter, .money, claims: nil, task: "payer-follow-up",
            "What payers paid on claims (CLP04) in remittances dated in the range."),
        line(
            .contractualAdjustments, "Contractual adjustments", .neutral, .money, claims: nil, task: "reporting",
            "Contractual write-downs (group CO, contractual reasons) in those remittances."),
        line(
            .patientResponsibility, "Patient responsibility", .neutral, .money, claims: nil, task: "patient-statements",
            "What those remittances say the patient owes (CLP05)."),
        line(
            .patientPayments, "Patient payments", .higherIsBetter, .money, claims: nil, task: "patient-statements",
            "Payments from patients dated in the range."),
        line(
            .adjudicatedClaims, "Adjudicated claims", .neutral, .count, claims: "adjudicatedClaims", task: "reporting",
            "Claims whose first payer decision is dated in the range."),
        line(
            .initialDenials, "Initial denials", .lowerIsBetter, .count, claims: "initialDenials", task: "denial-follow-up",
            "Adjudicated claims whose first decision was a denial."),
        line(
            .initialDenialRate, "Initial denial rate", .lowerIsBetter, .rate, claims: "initialDenials", task: "denial-follow-up",
            "Initial denials divided by adjudicated claims."),
        line(
            .initialDenialRateDollars, "Initial denial rate (dollars)", .lowerIsBetter, .rate, claims: "initialDenials",
            task: "denial-follow-up",
            "Charges of the initial denials divided by charges of all first decisions in the range."),
        line(
            .cleanClaimRate, "Clean claim rate", .higherIsBetter, .rate, claims: "claimsSubmitted", task: "claim-submission",
            "Of the claims submitted in the range that have a 277CA acknowledgment, the share whose first acknowledgment accepted them."),
        line(
            .netCollectionRate, "Net collection rate", .higherIsBetter, .rate, claims: nil, task: "payer-follow-up",
            "Payer and patient payments divided by gross charges less contractual adjustments."),
        line(
            .denialCauses, "Denial causes", .neutral, .table, claims: "initialDenials", task: "denial-follow-up",
            "The initial denials by primary reason (the largest denial adjustment, GROUP-CARC) with its category."),
        line(
            .paymentLagDays, "Payment lag", .lowerIsBetter, .days, claims: "adjudicatedClaims", task: "payer-follow-up",
            "The median number of days from original submission to the first payer decision, over the adjudicated claims."),
        line(
            .arTotal, "Accounts receivable", .lowerIsBetter, .money, claims: "openBalances", task: "payer-follow-up",
            "What is still owed on claims as of the as-of date: charges less payer payments, contractual adjustments and patient payments dated by then."
        ),
        line(
            .aging, "Aging", .neutral, .table, claims: "openBalances", task: "payer-follow-up",
            "Accounts receivable by days since original submission: 0-30, 31-60, 61-90, 91-120 and 121+."),
        line(
            .arOver90Pct, "A/R over 90 days", .lowerIsBetter, .rate, claims: "openBalances", task: "payer-follow-up",
            "The share of accounts receivable older than 90 days."),
        line(
            .daysInAR, "Days in A/R", .lowerIsBetter, .days, claims: "openBalances", task: "payer-follow-up",
            "Accounts receivable divided by the average daily charges of the 90 days up to the as-of date."),
    ]

    private static let byFigure = Dictionary(all.map { ($0.figure, $0) }, uniquingKeysWith: { first, _ in first })

    /// The figures that are one number, in KPIS.md's order: what a target may name, the columns
    /// of the figures CSV, the rows of `sightline kpi`.
    public static let oneNumber: [FigureInfo] = all.filter(\.isOneNumber)

    /// What Sightline knows about `figure`.
    public static func info(_ figure: Figure) -> FigureInfo {
        guard let info = byFigure[figure] else { preconditionFailure("\(figure) has no line in the figure catalogue") }
        return info
    }

    /// The figure of a key; nil for a key KPIS.md does not define.
    public static func info(_ key: String) -> FigureInfo? { Figure(rawValue: key).flatMap { byFigure[$0] } }

    /// The name of a figure on pages; an unknown key is shown as "another figure" rather than raw.
    public static func label(_ key: String) -> String { info(key)?.label ?? "another figure" }

    /// A value of a figure as pages write it.
    public static func format(_ value: Double, figure key: String) -> String {
        info(key)?.format(value) ?? KPITarget.format(value, rate: false)
    }

    /// Whether the figure is a fraction shown as a percentage.
    public static func isRate(_ key: String) -> Bool { info(key)?.unit == .rate }
}

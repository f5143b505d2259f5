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

    /// The key of KPIS.md (`netCollectionRate`).
    public let key: String
    /// The name on pages (`Net collection rate`).
    public let label: String
    public let direction: Direction
    public let unit: Unit

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

/// The one catalogue of figures.
public enum FigureCatalogue {
    /// Every figure of KPIS.md section 4, in its order.
    public static let all: [FigureInfo] = [
        .init(key: "claimsSubmitted", label: "Claims submitted", direction: .neutral, unit: .count),
        .init(key: "grossCharges", label: "Gross charges", direction: .neutral, unit: .money),
        .init(key: "payerPayments", label: "Payer payments", direction: .higherIsBetter, unit: .money),
        .init(key: "contractualAdjustments", label: "Contractual adjustments", direction: .neutral, unit: .money),
        .init(key: "patientResponsibility", label: "Patient responsibility", direction: .neutral, unit: .money),
        .init(key: "patientPayments", label: "Patient payments", direction: .higherIsBetter, unit: .money),
        .init(key: "adjudicatedClaims", label: "Adjudicated claims", direction: .neutral, unit: .count),
        .init(key: "initialDenials", label: "Initial denials", direction: .lowerIsBetter, unit: .count),
        .init(key: "initialDenialRate", label: "Initial denial rate", direction: .lowerIsBetter, unit: .rate),
        .init(key: "initialDenialRateDollars", label: "Initial denial rate (dollars)", direction: .lowerIsBetter, unit: .rate),
        .init(key: "cleanClaimRate", label: "Clean claim rate", direction: .higherIsBetter, unit: .rate),
        .init(key: "netCollectionRate", label: "Net collection rate", direction: .higherIsBetter, unit: .rate),
        .init(key: "denialCauses", label: "Denial causes", direction: .neutral, unit: .table),
        .init(key: "paymentLagDays", label: "Payment lag", direction: .lowerIsBetter, unit: .days),
        .init(key: "arTotal", label: "Accounts receivable", direction: .lowerIsBetter, unit: .money),
        .init(key: "aging", label: "Aging", direction: .neutral, unit: .table),
        .init(key: "arOver90Pct", label: "A/R over 90 days", direction: .lowerIsBetter, unit: .rate),
        .init(key: "daysInAR", label: "Days in A/R", direction: .lowerIsBetter, unit: .days),
    ]

    private static let byKey = Dictionary(all.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })

    /// The figure of a key; nil for a key KPIS.md does not define.
    public static func info(_ key: String) -> FigureInfo? { byKey[key] }

    /// The name of a figure on pages; an unknown key is shown as "another figure" rather than raw.
    public static func label(_ key: String) -> String { byKey[key]?.label ?? "another figure" }

    /// A value of a figure as pages write it.
    public static func format(_ value: Double, figure key: String) -> String {
        byKey[key]?.format(value) ?? KPITarget.format(value, rate: false)
    }

    /// Whether the figure is a fraction shown as a percentage.
    public static func isRate(_ key: String) -> Bool { byKey[key]?.unit == .rate }
}

import Domain
import FluentKit
import Foundation
import SQLKit

/// How finely a rollup row keeps the dimensions. Every contribution is kept at each grain, so a
/// query reads the coarsest grain that still has every dimension it filters or groups by: the
/// whole practice's figures by payer read a few thousand rows whatever the number of claims.
enum KPIGrain: String, CaseIterable, Sendable {
    case all, payer, location, provider, procedure, full

    /// What a grain writes for a dimension it does not keep.
    static let dropped = "*"

    /// The dimensions of `dimensions` this grain keeps; the others read `*`.
    func project(_ dimensions: KPIDimensions) -> KPIDimensions {
        let star = Self.dropped
        switch self {
        case .all: return KPIDimensions(payer: star, location: star, provider: star, procedure: star)
        case .payer: return KPIDimensions(payer: dimensions.payer, location: star, provider: star, procedure: star)
        case .location: return KPIDimensions(payer: star, location: dimensions.location, provider: star, procedure: star)
        case .provider: return KPIDimensions(payer: star, location: star, provider: dimensions.provider, procedure: star)
        case .procedure: return KPIDimensions(payer: star, location: star, provider: star, procedure: dimensions.procedure)
        case .full: return dimensions
        }
    }

    /// The coarsest grain keeping every dimension in `needed`.
    static func covering(_ needed: Set<KPIDimension>) -> KPIGrain {
        guard needed.count <= 1 else { return .full }
        return needed.first.flatMap { KPIGrain(rawValue: $0.rawValue) } ?? .all
    }
}

/// A dimension figures are filtered and grouped by.
public enum KPIDimension: String, Sendable, CaseIterable, Codable {
    case payer, location, provider, procedure

    /// The dimension's value in `dimensions`.
    func value(in dimensions: KPIDimensions) -> String {
        switch self {
        case .payer: dimensions.payer
        case .location: dimensions.location
        case .provider: dimensions.provider
        case .procedure: dimensions.procedure
        }
    }
}

/// The rollup tables and how a change of contributions is written into them.
enum KPIRollupTables {
    /// Columns of `kpi_daily`, in the order of `values(_:)`.
    static let dailyColumns = [
        "claims_submitted", "gross_charges_cents", "acknowledged_claims", "clean_claims", "payer_payments_cents",
        "contractual_cents", "patient_responsibility_cents", "unmatched_adjudications", "patient_payments_cents",
        "adjudicated_claims", "initial_denials", "first_adjudication_charges_cents", "denied_charges_cents",
    ]

    static func values(_ sums: DailySums) -> [Int64] {
        [
            Int64(sums.claimsSubmitted), sums.grossCharges.cents, Int64(sums.acknowledgedClaims), Int64(sums.cleanClaims),
            sums.payerPayments.cents, sums.contractualAdjustments.cents, sums.patientResponsibility.cents,
            Int64(sums.unmatchedAdjudications), sums.patientPayments.cents, Int64(sums.adjudicatedClaims),
            Int64(sums.initialDenials), sums.firstAdjudicationCharges.cents, sums.deniedCharges.cents,
        ]
    }

    static func sums(_ values: [Int64]) -> DailySums {
        var sums = DailySums()
        sums.claimsSubmitted = Int(values[0])
        sums.grossCharges = Money(cents: values[1])
        sums.acknowledgedClaims = Int(values[2])
        sums.cleanClaims = Int(values[3])
        sums.payerPayments = Money(cents: values[4])
        sums.contractualAdjustments = Money(cents: values[5])
        sums.patientResponsibility = Money(cents: values[6])
        sums.unmatchedAdjudications = Int(values[7])
        sums.patientPayments = Money(cents: values[8])
        sums.adjudicatedClaims = Int(values[9])
        sums.initialDenials = Int(values[10])
        sums.firstAdjudicationCharges = Money(cents: values[11])
        sums.deniedCharges = Money(cents: values[12])
        return sums
    }

    /// One row to add into a rollup: its key cells (after practice and grain) and its sums.
    struct Row {
        var keys: [Cell]
        var sums: [Int64]
    }

    /// Adds `delta` (new contributions minus old) into every rollup at every grain.
    static func apply(_ delta: KPIContributions, practiceID: UUID, on sql: any SQLDatabase) async throws {
        guard !delta.isEmpty else { return }
        func dims(_ dimensions: KPIDimensions) -> [Cell] {
            [.text(dimensions.payer), .text(dimensions.location), .text(dimensions.provider), .text(dimensions.procedure)]
        }
        var daily: [Row] = [], causes: [Row] = [], lags: [Row] = [], balances: [Row] = [], balanceTotals: [Row] = []
        for grain in KPIGrain.allCases {
            let g = Cell.text(grain.rawValue)
            var dailyByKey: [[String]: [Int64]] = [:]
            for (key, sums) in delta.daily {
                let projected = grain.project(key.dimensions)
                let rowKey = [key.date.description, projected.payer, projected.location, projected.provider, projected.procedure]
                let values = Self.values(sums)
                dailyByKey[rowKey] = zip(dailyByKey[rowKey] ?? Array(repeating: 0, count: values.count), values).map { $0 + $1 }
            }
            daily += dailyByKey.map { key, values in Row(keys: [g] + key.map { Cell.text($0) }, sums: values) }
            var causesByKey: [[String]: [Int64]] = [:]
            for (key, sums) in delta.causes {
                let p = grain.project(key.dimensions)
                let rowKey = [key.date.description, key.reason, p.payer, p.location, p.provider, p.procedure]
                let current = causesByKey[rowKey] ?? [0, 0]
                causesByKey[rowKey] = [current[0] + Int64(sums.claims), current[1] + sums.charges.cents]
            }
            causes += causesByKey.map { key, values in Row(keys: [g] + key.map { Cell.text($0) }, sums: values) }
            var lagsByKey: [KPIContributions.LagKey: Int64] = [:]
            for (key, count) in delta.lags {
                lagsByKey[.init(date: key.date, dimensions: grain.project(key.dimensions), days: key.days), default: 0] += Int64(count)
            }
            lags += lagsByKey.map { key, count in
                Row(keys: [g, .text(key.date.description), .int(Int64(key.days))] + dims(key.dimensions), sums: [count])
            }
            var balancesByKey: [KPIContributions.BalanceKey: [Int64]] = [:]
            for (key, change) in delta.balances {
                let projected = KPIContributions.BalanceKey(
                    submitted: key.submitted, date: key.date, dimensions: grain.project(key.dimensions))
                let current = balancesByKey[projected] ?? [0, 0]
                balancesByKey[projected] = [current[0] + change.amount.cents, current[1] + Int64(change.openClaims)]
            }
            balances += balancesByKey.map { key, values in
                Row(keys: [g, .text(key.submitted.description), .text(key.date.description)] + dims(key.dimensions), sums: values)
            }
            var totalsByKey: [[String]: [Int64]] = [:]
            for (key, values) in balancesByKey {
                let rowKey = [
                    key.submitted.description, key.dimensions.payer, key.dimensions.location, key.dimensions.provider,
                    key.dimensions.procedure,
                ]
                let current = totalsByKey[rowKey] ?? [0, 0]
                totalsByKey[rowKey] = [current[0] + values[0], current[1] + values[1]]
            }
            balanceTotals += totalsByKey.map { key, values in Row(keys: [g] + key.map { Cell.text($0) }, sums: values) }
        }
        let dimensionColumns = CreateKPITables.dimensionColumns
        try await upsert(
            "kpi_daily", keys: ["grain", "day"] + dimensionColumns, sums: dailyColumns, rows: daily, practiceID: practiceID, on: sql)
        try await upsert(
            "kpi_causes", keys: ["grain", "day", "reason"] + dimensionColumns, sums: ["claims", "charges_cents"], rows: causes,
            practiceID: practiceID, on: sql)
        try await upsert(
            "kpi_lags", keys: ["grain", "day", "lag_days"] + dimensionColumns, sums: ["claims"], rows: lags, practiceID: practiceID, on: sql
        )
        try await upsert(
            "kpi_balances", keys: ["grain", "submitted", "day"] + dimensionColumns, sums: ["amount_cents", "open_claims"], rows: balances,
            practiceID: practiceID, on: sql)
        try await upsert(
            "kpi_balance_totals", keys: ["grain", "submitted"] + dimensionColumns, sums: ["amount_cents", "open_claims"],
            rows: balanceTotals, practiceID: practiceID, on: sql)
    }

    /// `INSERT … ON CONFLICT DO UPDATE SET sum = sum + excluded.sum`, in statements under the bind limits.
    static func upsert(_ table: String, keys: [String], sums: [String], rows: [Row], practiceID: UUID, on sql: any SQLDatabase) async throws
    {
        let columns = ["practice_id"] + keys + sums
        let perStatement = max(1, 30_000 / columns.count)
        let conflict = (["practice_id"] + keys).map { "\"\($0)\"" }.joined(separator: ", ")
        let updates = sums.map { "\"\($0)\" = \"\(table)\".\"\($0)\" + excluded.\"\($0)\"" }.joined(separator: ", ")
        for start in stride(from: 0, to: rows.count, by: perStatement) {
            let head = "INSERT INTO \"\(table)\" (" + columns.map { "\"\($0)\"" }.joined(separator: ", ") + ") VALUES "
            var query = SQLQueryString(head)
            for (index, row) in rows[start..<min(rows.count, start + perStatement)].enumerated() {
                query.appendLiteral(index == 0 ? "(" : ", (")
                query.appendInterpolation(bind: practiceID)
                for cell in row.keys {
                    query.appendLiteral(", ")
                    query.appendInterpolation(cell.bind)
                }
                for value in row.sums {
                    query.appendLiteral(", ")
                    query.appendInterpolation(bind: value)
                }
                query.appendLiteral(")")
            }
            query.appendLiteral(" ON CONFLICT (\(conflict)) DO UPDATE SET \(updates)")
            try await sql.raw(query).run()
        }
    }
}

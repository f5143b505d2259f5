import Domain
import FluentKit
import Foundation
import SQLKit

/// What figures to compute: a practice, a range, the as-of date of balances, an optional grouping
/// and filters (each a set of accepted values; empty accepts all).
public struct KPIRequest: Sendable, Equatable {
    /// How figures are grouped.
    public enum Grouping: String, Sendable, CaseIterable, Codable {
        case month, payer, location, provider, procedure

        var dimension: KPIDimension? { KPIDimension(rawValue: rawValue) }
    }

    public var practiceID: UUID
    public var from: CalendarDate
    public var to: CalendarDate
    public var asOf: CalendarDate
    public var by: Grouping?
    public var filters: [KPIDimension: Set<String>]

    public init(
        practiceID: UUID, from: CalendarDate, to: CalendarDate, asOf: CalendarDate? = nil, by: Grouping? = nil,
        filters: [KPIDimension: Set<String>] = [:]
    ) {
        self.practiceID = practiceID
        self.from = from
        self.to = to
        self.asOf = asOf ?? to
        self.by = by
        self.filters = filters.filter { !$0.value.isEmpty }
    }
}

/// The figures of one group.
public struct KPIGroup: Sendable, Equatable {
    public var by: KPIRequest.Grouping
    public var key: String
    public var label: String
    public var figures: KPIFigures
}

/// The answer to a request: totals and, when grouped, one set of figures per group.
public struct KPIAnswer: Sendable, Equatable {
    public var request: KPIRequest
    public var totals: KPIFigures
    public var groups: [KPIGroup]?
}

/// Computes figures from the rollups, never from the claims.
public struct KPIQuery: Sendable {
    let sql: any SQLDatabase

    /// A query over `database`.
    public init(_ database: any Database) throws {
        guard let sql = database as? any SQLDatabase else {
            throw StoreError.corruptRow(table: "-", detail: "the database does not take SQL")
        }
        self.sql = sql
    }

    /// The figures for `request`.
    public func answer(_ request: KPIRequest) async throws -> KPIAnswer {
        var needed = Set(request.filters.keys)
        if let dimension = request.by?.dimension { needed.insert(dimension) }
        let grain = KPIGrain.covering(needed)
        guard let by = request.by else {
            let totals = try await sums(request, grain: grain, groupBy: nil, asOf: request.asOf)
            return KPIAnswer(request: request, totals: KPIFigures(totals[""] ?? KPISums()), groups: nil)
        }

        // Every claim and adjudication falls in exactly one group, so the totals are the groups'
        // sums added up; only balances by month need the as-of date's own figures.
        var grouped: [String: KPISums]
        var totals = KPISums()
        if by == .month {
            grouped = try await sums(request, grain: grain, groupBy: "substr(day, 1, 7)", asOf: request.asOf)
            totals.balances = grouped[""]?.balances ?? BalanceSums()  // read along, as of the as-of date
            grouped[""] = nil
            for sums in grouped.values { totals.add(KPISums(daily: sums.daily, causes: sums.causes, lags: sums.lags)) }
            // Balances of a month are those at its end (or at the as-of date, if earlier).
            for month in Self.months(from: request.from, to: request.to) {
                let end = min(month.end, request.asOf)
                let balances = try await sums(request, grain: grain, groupBy: nil, asOf: end, balancesOnly: true)
                grouped[month.key, default: KPISums()].balances = balances[""]?.balances ?? BalanceSums()
            }
        } else {
            grouped = try await sums(request, grain: grain, groupBy: "\"\(by.rawValue)\"", asOf: request.asOf)
            for sums in grouped.values { totals.add(sums) }
        }
        let labels = try await self.labels(for: by, practiceID: request.practiceID)
        let groups = grouped.keys.sorted().map { key in
            KPIGroup(
                by: by, key: key, label: labels[key] ?? (by == .month ? Self.monthName(key) : key),
                figures: KPIFigures(grouped[key] ?? KPISums()))
        }
        return KPIAnswer(request: request, totals: KPIFigures(totals), groups: groups)
    }

    /// Sums per group (`""` when not grouped) from the four rollups.
    private func sums(
        _ request: KPIRequest, grain: KPIGrain, groupBy: String?, asOf: CalendarDate, balancesOnly: Bool = false
    ) async throws -> [String: KPISums] {
        var result: [String: KPISums] = [:]
        let group = groupBy ?? "''"
        let from = request.from.description, to = request.to.description
        if !balancesOnly {
            let dailySums = KPIRollupTables.dailyColumns.map { "CAST(SUM(\"\($0)\") AS BIGINT) AS \"\($0)\"" }.joined(separator: ", ")
            for row in try await select(
                "SELECT \(group) AS grp, \(dailySums) FROM kpi_daily", request, grain, day: from...to, groupBy: "grp")
            {
                let values = try KPIRollupTables.dailyColumns.map { try row.decode(column: $0, as: Int64.self) }
                result[try row.decode(column: "grp", as: String.self), default: KPISums()].daily = KPIRollupTables.sums(values)
            }
            let causes =
                "SELECT \(group) AS grp, reason, CAST(SUM(claims) AS BIGINT) AS claims, CAST(SUM(charges_cents) AS BIGINT) AS charges FROM kpi_causes"
            for row in try await select(causes, request, grain, day: from...to, groupBy: "grp, reason") {
                let sums = CauseSums(
                    claims: Int(try row.decode(column: "claims", as: Int64.self)),
                    charges: Money(cents: try row.decode(column: "charges", as: Int64.self)))
                result[try row.decode(column: "grp", as: String.self), default: KPISums()].causes[
                    try row.decode(column: "reason", as: String.self)] = sums
            }
            let lags = "SELECT \(group) AS grp, lag_days, CAST(SUM(claims) AS BIGINT) AS claims FROM kpi_lags"
            for row in try await select(lags, request, grain, day: from...to, groupBy: "grp, lag_days") {
                let days = Int(try row.decode(column: "lag_days", as: Int64.self))
                result[try row.decode(column: "grp", as: String.self), default: KPISums()].lags[days] = Int(
                    try row.decode(column: "claims", as: Int64.self))
            }
        }
        // Balances: Σ changes up to the as-of date of claims submitted by then, by age bucket:
        // every change of those claims (kpi_balance_totals) less those dated after the as-of date.
        let balanceGroup = groupBy == "substr(day, 1, 7)" ? "''" : group
        let edges = [30, 60, 90, 120].map { asOf.adding(days: -$0)?.description ?? "0000-00-00" }
        let bucket =
            "CASE WHEN submitted >= '\(edges[0])' THEN 0 WHEN submitted >= '\(edges[1])' THEN 1 WHEN submitted >= '\(edges[2])' THEN 2 WHEN submitted >= '\(edges[3])' THEN 3 ELSE 4 END"
        let sums =
            "\(balanceGroup) AS grp, \(bucket) AS bucket, CAST(SUM(amount_cents) AS BIGINT) AS amount, CAST(SUM(open_claims) AS BIGINT) AS open"
        let asOfText = asOf.description
        let totals = ("SELECT \(sums) FROM kpi_balance_totals", "submitted <= '\(asOfText)'", 1)
        let later = ("SELECT \(sums) FROM kpi_balances", "submitted <= '\(asOfText)' AND day > '\(asOfText)'", -1)
        for (select, condition, sign) in [totals, later] {
            for row in try await self.select(select, request, grain, day: nil, groupBy: "grp, bucket", extra: condition) {
                let bucket = AgingBucket.allCases[Int(try row.decode(column: "bucket", as: Int64.self))]
                let change = BalanceChange(
                    amount: Money(cents: try row.decode(column: "amount", as: Int64.self)),
                    openClaims: Int(try row.decode(column: "open", as: Int64.self)))
                result[try row.decode(column: "grp", as: String.self), default: KPISums()].balances.aging[bucket, default: BalanceChange()]
                    .add(change, sign: sign)
            }
        }
        let recentFrom = asOf.adding(days: -89)?.description ?? "0000-00-00"
        let recent = "SELECT \(balanceGroup) AS grp, CAST(SUM(gross_charges_cents) AS BIGINT) AS charges FROM kpi_daily"
        for row in try await select(recent, request, grain, day: recentFrom...asOfText, groupBy: "grp") {
            result[try row.decode(column: "grp", as: String.self), default: KPISums()].balances.chargesLast90Days = Money(
                cents: try row.decode(column: "charges", as: Int64.self))
        }
        return result
    }

    /// Runs `select` over one rollup with the request's practice, grain, day range and filters.
    private func select(
        _ select: String, _ request: KPIRequest, _ grain: KPIGrain, day: ClosedRange<String>?, groupBy: String,
        extra: String? = nil
    ) async throws -> [any SQLRow] {
        var query = SQLQueryString(select)
        query.appendLiteral(" WHERE practice_id = ")
        query.appendInterpolation(bind: request.practiceID)
        query.appendLiteral(" AND grain = ")
        query.appendInterpolation(bind: grain.rawValue)
        if let day {
            query.appendLiteral(" AND day >= ")
            query.appendInterpolation(bind: day.lowerBound)
            query.appendLiteral(" AND day <= ")
            query.appendInterpolation(bind: day.upperBound)
        }
        for (dimension, values) in request.filters.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            query.appendLiteral(" AND \"\(dimension.rawValue)\" IN (")
            query.appendInterpolation(binds: values.sorted())
            query.appendLiteral(")")
        }
        if let extra { query.appendLiteral(" AND " + extra) }
        query.appendLiteral(" GROUP BY " + groupBy)
        return try await sql.raw(query).all()
    }

    private func labels(for grouping: KPIRequest.Grouping, practiceID: UUID) async throws -> [String: String] {
        guard let dimension = grouping.dimension else { return [:] }
        let rows = try await sql.raw(
            "SELECT key, label FROM kpi_labels WHERE practice_id = \(bind: practiceID) AND dimension = \(bind: dimension.rawValue)"
        ).all()
        var labels: [String: String] = [:]
        for row in rows { labels[try row.decode(column: "key", as: String.self)] = try row.decode(column: "label", as: String.self) }
        return labels
    }

    /// `2026-03` as `March 2026`.
    static func monthName(_ key: String) -> String {
        let names = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
        ]
        let parts = key.split(separator: "-")
        guard parts.count == 2, let month = Int(parts[1]), (1...12).contains(month) else { return key }
        return names[month - 1] + " " + parts[0]
    }

    /// The months `[from, to]` touches: `2026-03` and the last day of each.
    static func months(from: CalendarDate, to: CalendarDate) -> [(key: String, end: CalendarDate)] {
        var months: [(String, CalendarDate)] = []
        var year = from.year, month = from.month
        while (year, month) <= (to.year, to.month) {
            if let end = CalendarDate(year: year, month: month, day: CalendarDate.daysIn(month: month, year: year)) {
                months.append((String(end.description.prefix(7)), end))
            }
            (year, month) = month == 12 ? (year + 1, 1) : (year, month + 1)
        }
        return months
    }
}

/// The age buckets of accounts receivable (KPIS.md section 4), in order.
public enum AgingBucket: String, Sendable, Hashable, CaseIterable, Codable {
    case days0to30 = "0-30"
    case days31to60 = "31-60"
    case days61to90 = "61-90"
    case days91to120 = "91-120"
    case days121Plus = "121+"

    /// The bucket of a claim `age` days old (as-of date minus original submission date).
    public static func of(age: Int) -> AgingBucket {
        switch age {
        case ...30: .days0to30
        case 31...60: .days31to60
        case 61...90: .days61to90
        case 91...120: .days91to120
        default: .days121Plus
        }
    }
}

/// The sums a selection of claims adds up to: what the figures are computed from.
public struct KPISums: Sendable, Equatable {
    /// Σ of the daily sums in the range.
    public var daily = DailySums()
    /// Initial denials in the range by primary reason (`GROUP-CARC` or `none`).
    public var causes: [String: CauseSums] = [:]
    /// First adjudications of matched claims in the range by days from original submission.
    public var lags: [Int: Int] = [:]
    /// Balances as of the as-of date.
    public var balances = BalanceSums()

    public init(
        daily: DailySums = DailySums(), causes: [String: CauseSums] = [:], lags: [Int: Int] = [:], balances: BalanceSums = BalanceSums()
    ) {
        self.daily = daily
        self.causes = causes
        self.lags = lags
        self.balances = balances
    }

    /// Adds the sums of another selection (one with no claim in common with this one).
    public mutating func add(_ other: KPISums) {
        daily.add(other.daily)
        for (reason, cause) in other.causes { causes[reason, default: CauseSums()].add(cause) }
        for (days, count) in other.lags { lags[days, default: 0] += count }
        for (bucket, change) in other.balances.aging { balances.aging[bucket, default: BalanceChange()].add(change) }
        balances.chargesLast90Days += other.balances.chargesLast90Days
    }
}

/// Balances as of a date, over the claims of a selection.
public struct BalanceSums: Sendable, Equatable {
    /// Per bucket: Σ balance and the number of claims whose balance is not zero.
    public var aging: [AgingBucket: BalanceChange] = [:]
    /// Σ charge at original submission of claims submitted in the 90 days ending on the as-of date.
    public var chargesLast90Days = Money.zero

    public init() {}

    /// Σ balance over every bucket.
    public var total: Money { aging.values.reduce(.zero) { $0 + $1.amount } }
}

/// One line of the denial causes.
public struct DenialCause: Sendable, Equatable, Codable {
    /// `GROUP-CARC`, or `none`.
    public var reason: String
    public var category: DenialCategory
    public var claims: Int
    public var charges: Money

    public init(reason: String, category: DenialCategory, claims: Int, charges: Money) {
        self.reason = reason
        self.category = category
        self.claims = claims
        self.charges = charges
    }
}

/// One aging bucket's amount and claim count.
public struct AgingLine: Sendable, Equatable, Codable {
    public var bucket: AgingBucket
    public var amount: Money
    public var claims: Int

    public init(bucket: AgingBucket, amount: Money, claims: Int) {
        self.bucket = bucket
        self.amount = amount
        self.claims = claims
    }
}

/// The figures of KPIS.md section 4 for one selection, computed from its sums. A figure that
/// cannot be computed is `nil`, with the reason in `reasons` under its key.
public struct KPIFigures: Sendable, Equatable, Encodable {
    /// The version of the definitions these figures follow (KPIS.md as implemented).
    public static let definitionsVersion = "2026-11"

    public var claimsSubmitted: Int
    public var grossCharges: Money
    public var payerPayments: Money
    public var contractualAdjustments: Money
    public var patientResponsibility: Money
    public var patientPayments: Money
    public var adjudicatedClaims: Int
    public var initialDenials: Int
    public var initialDenialRate: Double?
    public var initialDenialRateDollars: Double?
    public var cleanClaimRate: Double?
    public var netCollectionRate: Double?
    public var denialCauses: [DenialCause]
    public var paymentLagDays: Double?
    public var arTotal: Money
    public var aging: [AgingLine]
    public var arOver90Pct: Double?
    public var daysInAR: Double?
    /// Adjudications in the range that match no claim (reported beside the figures).
    public var unmatchedAdjudications: Int
    /// Why each `nil` figure is `nil`, by key.
    public var reasons: [String: String]

    /// The keys of KPIS.md section 4, in its order: exactly what `totals` holds.
    public static let keys = Figure.allCases.map(\.rawValue)

    /// Computes every figure from `sums`.
    public init(_ sums: KPISums) {
        let daily = sums.daily
        var reasons: [String: String] = [:]
        func ratio(_ key: String, _ numerator: Double, _ denominator: Double, unless reason: String) -> Double? {
            guard denominator > 0 else {
                reasons[key] = reason
                return nil
            }
            return numerator / denominator
        }
        claimsSubmitted = daily.claimsSubmitted
        grossCharges = daily.grossCharges
        payerPayments = daily.payerPayments
        contractualAdjustments = daily.contractualAdjustments
        patientResponsibility = daily.patientResponsibility
        patientPayments = daily.patientPayments
        adjudicatedClaims = daily.adjudicatedClaims
        initialDenials = daily.initialDenials
        unmatchedAdjudications = daily.unmatchedAdjudications
        initialDenialRate = ratio(
            Figure.initialDenialRate.rawValue, Double(daily.initialDenials), Double(daily.adjudicatedClaims),
            unless: "no claim had its first adjudication paid in the range")
        initialDenialRateDollars = ratio(
            Figure.initialDenialRateDollars.rawValue, Double(daily.deniedCharges.cents), Double(daily.firstAdjudicationCharges.cents),
            unless: daily.adjudicatedClaims == 0
                ? "no claim had its first adjudication paid in the range"
                : "the first adjudications in the range charge nothing")
        cleanClaimRate = ratio(
            Figure.cleanClaimRate.rawValue, Double(daily.cleanClaims), Double(daily.acknowledgedClaims),
            unless: "needs 277CA: no claim submitted in the range has an acknowledgment")
        let collectible = daily.grossCharges - daily.contractualAdjustments
        netCollectionRate = ratio(
            Figure.netCollectionRate.rawValue, Double((daily.payerPayments + daily.patientPayments).cents), Double(collectible.cents),
            unless: "gross charges less contractual adjustments is not above zero in the range")
        denialCauses = sums.causes.map { reason, cause in
            DenialCause(reason: reason, category: DenialCategory.of(primaryReason: reason), claims: cause.claims, charges: cause.charges)
        }.filter { $0.claims != 0 }.sorted { lhs, rhs in
            if lhs.claims != rhs.claims { return lhs.claims > rhs.claims }
            if lhs.charges != rhs.charges { return lhs.charges > rhs.charges }
            return lhs.reason < rhs.reason
        }
        paymentLagDays = Self.median(sums.lags)
        if paymentLagDays == nil {
            reasons[Figure.paymentLagDays.rawValue] = "no matched claim had its first adjudication paid in the range"
        }
        aging = AgingBucket.allCases.map { bucket in
            let sums = sums.balances.aging[bucket] ?? BalanceChange()
            return AgingLine(bucket: bucket, amount: sums.amount, claims: sums.openClaims)
        }
        arTotal = sums.balances.total
        let over90 = (sums.balances.aging[.days91to120]?.amount ?? .zero) + (sums.balances.aging[.days121Plus]?.amount ?? .zero)
        arOver90Pct = arTotal == .zero ? nil : Double(over90.cents) / Double(arTotal.cents)
        if arOver90Pct == nil { reasons[Figure.arOver90Pct.rawValue] = "nothing is owed as of the as-of date" }
        // arTotal / (charges / 90), written with one division.
        daysInAR = ratio(
            Figure.daysInAR.rawValue, Double(arTotal.cents) * 90, Double(sums.balances.chargesLast90Days.cents),
            unless: "no charges were submitted in the 90 days up to the as-of date")
        self.reasons = reasons
    }

    /// The median of a histogram of whole days; the mean of the two middle values when the count is even.
    static func median(_ histogram: [Int: Int]) -> Double? {
        let total = histogram.values.reduce(0, +)
        guard total > 0 else { return nil }
        let lower = (total - 1) / 2, upper = total / 2
        var seen = 0
        var lowerValue: Int?
        for (days, count) in histogram.sorted(by: { $0.key < $1.key }) where count > 0 {
            if lowerValue == nil, seen + count > lower { lowerValue = days }
            if seen + count > upper, let lowerValue { return Double(lowerValue + days) / 2 }
            seen += count
        }
        return nil
    }

    private enum CodingKeys: String, CodingKey {
        case claimsSubmitted, grossCharges, payerPayments, contractualAdjustments, patientResponsibility, patientPayments,
            adjudicatedClaims, initialDenials, initialDenialRate, initialDenialRateDollars, cleanClaimRate, netCollectionRate,
            denialCauses, paymentLagDays, arTotal, aging, arOver90Pct, daysInAR
    }

    /// Exactly the keys of KPIS.md section 4, a figure that cannot be computed written as `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(claimsSubmitted, forKey: .claimsSubmitted)
        try container.encode(grossCharges, forKey: .grossCharges)
        try container.encode(payerPayments, forKey: .payerPayments)
        try container.encode(contractualAdjustments, forKey: .contractualAdjustments)
        try container.encode(patientResponsibility, forKey: .patientResponsibility)
        try container.encode(patientPayments, forKey: .patientPayments)
        try container.encode(adjudicatedClaims, forKey: .adjudicatedClaims)
        try container.encode(initialDenials, forKey: .initialDenials)
        try container.encode(initialDenialRate, forKey: .initialDenialRate)
        try container.encode(initialDenialRateDollars, forKey: .initialDenialRateDollars)
        try container.encode(cleanClaimRate, forKey: .cleanClaimRate)
        try container.encode(netCollectionRate, forKey: .netCollectionRate)
        try container.encode(denialCauses, forKey: .denialCauses)
        try container.encode(paymentLagDays, forKey: .paymentLagDays)
        try container.encode(arTotal, forKey: .arTotal)
        try container.encode(aging, forKey: .aging)
        try container.encode(arOver90Pct, forKey: .arOver90Pct)
        try container.encode(daysInAR, forKey: .daysInAR)
    }
}

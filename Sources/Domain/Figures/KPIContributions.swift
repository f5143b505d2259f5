/// Additive sums kept per day and dimensions: every count and amount of KPIS.md section 4 that is
/// a plain sum over facts dated that day. Each field names the date it is kept under.
public struct DailySums: Hashable, Sendable, Codable {
    /// Claims whose original submission is that day (submission date).
    public var claimsSubmitted = 0
    /// Σ their charge at original submission (submission date).
    public var grossCharges = Money.zero
    /// Of those claims, the ones with an accepted or rejected 277CA (submission date).
    public var acknowledgedClaims = 0
    /// Of those, the ones whose first acknowledgment is accepted (submission date).
    public var cleanClaims = 0
    /// Σ CLP04 (payment date), reversals as they are, predeterminations never.
    public var payerPayments = Money.zero
    /// Σ contractual adjustments (payment date).
    public var contractualAdjustments = Money.zero
    /// Σ CLP05 (payment date).
    public var patientResponsibility = Money.zero
    /// Adjudications that match no claim (payment date).
    public var unmatchedAdjudications = 0
    /// Σ patient payments (their date).
    public var patientPayments = Money.zero
    /// Claims whose first adjudication is paid that day.
    public var adjudicatedClaims = 0
    /// Of those, the ones whose first adjudication is a denial.
    public var initialDenials = 0
    /// Σ CLP03 of those first adjudications.
    public var firstAdjudicationCharges = Money.zero
    /// Σ CLP03 of the denials among them.
    public var deniedCharges = Money.zero

    /// Zero everywhere.
    public init() {}

    /// Whether every field is zero (such an entry need not be kept).
    public var isZero: Bool { self == DailySums() }

    /// Adds `other`, or subtracts it when `sign` is -1.
    public mutating func add(_ other: DailySums, sign: Int = 1) {
        let s = Int64(sign)
        claimsSubmitted += sign * other.claimsSubmitted
        grossCharges += Money(cents: s * other.grossCharges.cents)
        acknowledgedClaims += sign * other.acknowledgedClaims
        cleanClaims += sign * other.cleanClaims
        payerPayments += Money(cents: s * other.payerPayments.cents)
        contractualAdjustments += Money(cents: s * other.contractualAdjustments.cents)
        patientResponsibility += Money(cents: s * other.patientResponsibility.cents)
        unmatchedAdjudications += sign * other.unmatchedAdjudications
        patientPayments += Money(cents: s * other.patientPayments.cents)
        adjudicatedClaims += sign * other.adjudicatedClaims
        initialDenials += sign * other.initialDenials
        firstAdjudicationCharges += Money(cents: s * other.firstAdjudicationCharges.cents)
        deniedCharges += Money(cents: s * other.deniedCharges.cents)
    }
}

/// Initial denials and their charges for one primary reason.
public struct CauseSums: Hashable, Sendable, Codable {
    public var claims = 0
    public var charges = Money.zero

    public init(claims: Int = 0, charges: Money = .zero) {
        self.claims = claims
        self.charges = charges
    }

    /// Adds `other`, or subtracts it when `sign` is -1.
    public mutating func add(_ other: CauseSums, sign: Int = 1) {
        claims += sign * other.claims
        charges += Money(cents: Int64(sign) * other.charges.cents)
    }
}

/// A claim's balance change on one day and its effect on the count of claims with a balance.
public struct BalanceChange: Hashable, Sendable, Codable {
    /// Added to the balance that day.
    public var amount = Money.zero
    /// +1 when the balance becomes non-zero that day, -1 when it returns to zero.
    public var openClaims = 0

    public init(amount: Money = .zero, openClaims: Int = 0) {
        self.amount = amount
        self.openClaims = openClaims
    }

    /// Adds `other`, or subtracts it when `sign` is -1.
    public mutating func add(_ other: BalanceChange, sign: Int = 1) {
        amount += Money(cents: Int64(sign) * other.amount.cents)
        openClaims += sign * other.openClaims
    }
}

/// Everything one claim adds to the figures, as additive entries keyed by the date each
/// definition names and the claim's dimensions. Sightline keeps these sums per practice; when a
/// claim's facts change it subtracts the claim's old contributions and adds its new ones, so the
/// figures never need a pass over every claim.
public struct KPIContributions: Sendable, Equatable {
    public struct DayKey: Hashable, Sendable {
        public var date: CalendarDate
        public var dimensions: KPIDimensions
        public init(date: CalendarDate, dimensions: KPIDimensions) {
            self.date = date
            self.dimensions = dimensions
        }
    }

    public struct CauseKey: Hashable, Sendable {
        /// Payment date of the first adjudication.
        public var date: CalendarDate
        public var dimensions: KPIDimensions
        /// `GROUP-CARC`, or `none`.
        public var reason: String
        public init(date: CalendarDate, dimensions: KPIDimensions, reason: String) {
            self.date = date
            self.dimensions = dimensions
            self.reason = reason
        }
    }

    public struct LagKey: Hashable, Sendable {
        /// Payment date of the first adjudication.
        public var date: CalendarDate
        public var dimensions: KPIDimensions
        /// Days from original submission to that payment.
        public var days: Int
        public init(date: CalendarDate, dimensions: KPIDimensions, days: Int) {
            self.date = date
            self.dimensions = dimensions
            self.days = days
        }
    }

    public struct BalanceKey: Hashable, Sendable {
        /// Original submission date of the claim: balances count from it, and age from it.
        public var submitted: CalendarDate
        /// The day of the change.
        public var date: CalendarDate
        public var dimensions: KPIDimensions
        public init(submitted: CalendarDate, date: CalendarDate, dimensions: KPIDimensions) {
            self.submitted = submitted
            self.date = date
            self.dimensions = dimensions
        }
    }

    public var daily: [DayKey: DailySums] = [:]
    public var causes: [CauseKey: CauseSums] = [:]
    public var lags: [LagKey: Int] = [:]
    public var balances: [BalanceKey: BalanceChange] = [:]

    /// No contributions.
    public init() {}

    /// Whether there is nothing to add.
    public var isEmpty: Bool { daily.isEmpty && causes.isEmpty && lags.isEmpty && balances.isEmpty }

    /// Adds `other` (or subtracts it, `sign` -1), dropping entries that become zero.
    public mutating func add(_ other: KPIContributions, sign: Int = 1) {
        for (key, sums) in other.daily { add(sums, at: key, sign: sign) }
        for (key, sums) in other.causes { add(sums, at: key, sign: sign) }
        for (key, count) in other.lags { add(count, at: key, sign: sign) }
        for (key, change) in other.balances { add(change, at: key, sign: sign) }
    }

    /// Adds one entry (or subtracts it), dropping it when it becomes zero.
    public mutating func add(_ sums: DailySums, at key: DayKey, sign: Int = 1) {
        var total = daily[key] ?? DailySums()
        total.add(sums, sign: sign)
        daily[key] = total.isZero ? nil : total
    }

    /// Adds one entry (or subtracts it), dropping it when it becomes zero.
    public mutating func add(_ sums: CauseSums, at key: CauseKey, sign: Int = 1) {
        var total = causes[key] ?? CauseSums()
        total.add(sums, sign: sign)
        causes[key] = total == CauseSums() ? nil : total
    }

    /// Adds one entry (or subtracts it), dropping it when it becomes zero.
    public mutating func add(_ count: Int, at key: LagKey, sign: Int = 1) {
        let total = (lags[key] ?? 0) + sign * count
        lags[key] = total == 0 ? nil : total
    }

    /// Adds one entry (or subtracts it), dropping it when it becomes zero.
    public mutating func add(_ change: BalanceChange, at key: BalanceKey, sign: Int = 1) {
        var total = balances[key] ?? BalanceChange()
        total.add(change, sign: sign)
        balances[key] = total == BalanceChange() ? nil : total
    }
}

extension ClaimHistory {
    /// What this claim adds to the figures (KPIS.md sections 1–4).
    public var contributions: KPIContributions {
        var result = KPIContributions()
        addContributions(into: &result)
        return result
    }

    /// Adds what this claim adds to the figures to `result` (or subtracts it, `sign` -1), without
    /// building its contributions apart: imports do this for every claim they touch.
    public func addContributions(into result: inout KPIContributions, sign: Int = 1) {
        let claimDimensions = claimDimensions
        let original = original
        let originalDate = original?.date
        func addDaily(_ date: CalendarDate, _ dimensions: KPIDimensions, _ sums: DailySums) {
            result.add(sums, at: .init(date: date, dimensions: dimensions), sign: sign)
        }

        if let original, let date = originalDate {
            var sums = DailySums()
            sums.claimsSubmitted = 1
            sums.grossCharges = original.charge
            if let first = firstAcknowledgment {
                sums.acknowledgedClaims = 1
                sums.cleanClaims = Acknowledgment.accepted.contains(first.category) ? 1 : 0
            }
            addDaily(date, claimDimensions, sums)
        }

        for remit in adjudications where remit.adjudicationClass != .excluded {
            guard let date = remit.paymentDate else { continue }
            var sums = DailySums()
            sums.payerPayments = remit.paid
            sums.contractualAdjustments = remit.contractual
            sums.patientResponsibility = remit.patientResponsibility
            sums.unmatchedAdjudications = isMatched ? 0 : 1
            addDaily(date, dimensions(of: remit), sums)
        }

        for payment in payments {
            var sums = DailySums()
            sums.patientPayments = payment.amount
            addDaily(payment.date, claimDimensions, sums)
        }

        if let first = firstAdjudication, let date = first.paymentDate {
            let dimensions = dimensions(of: first)
            var sums = DailySums()
            sums.adjudicatedClaims = 1
            sums.firstAdjudicationCharges = first.charge
            if first.adjudicationClass == .denial {
                sums.initialDenials = 1
                sums.deniedCharges = first.charge
                let key = KPIContributions.CauseKey(date: date, dimensions: dimensions, reason: first.primaryReason ?? PrimaryReason.none)
                result.add(CauseSums(claims: 1, charges: first.charge), at: key, sign: sign)
            }
            addDaily(date, dimensions, sums)
            if isMatched, let submitted = originalDate {
                result.add(1, at: .init(date: date, dimensions: dimensions, days: date.dayNumber - submitted.dayNumber), sign: sign)
            }
        }

        if let submitted = originalDate {
            for (key, change) in balanceChanges(submitted: submitted, dimensions: claimDimensions) {
                result.add(change, at: key, sign: sign)
            }
        }
    }

    /// The claim's balance as changes by day, and when it opens (non-zero) and closes (zero) from
    /// its original submission on. Changes dated before the submission are kept under their own
    /// day: they count in every balance from the submission on, as KPIS.md says.
    private func balanceChanges(submitted: CalendarDate, dimensions: KPIDimensions) -> [KPIContributions.BalanceKey: BalanceChange] {
        var amounts: [CalendarDate: Money] = [:]
        var previousCharge = Money.zero
        for change in chargeChanges {
            amounts[change.date, default: .zero] += change.charge - previousCharge
            previousCharge = change.charge
        }
        for remit in adjudications where remit.adjudicationClass != .excluded {
            guard let date = remit.paymentDate else { continue }
            amounts[date, default: .zero] -= remit.paid + remit.contractual
        }
        for payment in payments { amounts[payment.date, default: .zero] -= payment.amount }

        var changes: [KPIContributions.BalanceKey: BalanceChange] = [:]
        var balance = Money.zero
        var open = false
        for date in amounts.keys.sorted() {
            let amount = amounts[date] ?? .zero
            balance += amount
            var change = BalanceChange(amount: amount)
            // Whether the claim counts as open is looked at from its submission on: before it,
            // the claim is in no balance at all.
            if date >= submitted, (balance != .zero) != open {
                open.toggle()
                change.openClaims = open ? 1 : -1
            }
            if change != BalanceChange() {
                changes[.init(submitted: submitted, date: date, dimensions: dimensions)] = change
            }
        }
        return changes
    }
}

extension KPIContributions {
    /// The sums over `[from, to]`, balances as of `asOf`, of the entries whose dimensions pass
    /// `selected`: the selection rules of KPIS.md section 4 applied to contributions in memory. The
    /// database applies the same rules to the rollups it keeps.
    public func sums(
        from: CalendarDate, to: CalendarDate, asOf: CalendarDate, where selected: (KPIDimensions) -> Bool = { _ in true }
    ) -> KPISums {
        var sums = KPISums()
        let range = from...to
        let recent = (asOf.dayNumber - 89)...asOf.dayNumber
        for (key, day) in daily where selected(key.dimensions) {
            if range.contains(key.date) { sums.daily.add(day) }
            if recent.contains(key.date.dayNumber) { sums.balances.chargesLast90Days += day.grossCharges }
        }
        for (key, cause) in causes where range.contains(key.date) && selected(key.dimensions) {
            sums.causes[key.reason, default: CauseSums()].add(cause)
        }
        for (key, count) in lags where range.contains(key.date) && selected(key.dimensions) {
            sums.lags[key.days, default: 0] += count
        }
        for (key, change) in balances where key.submitted <= asOf && key.date <= asOf && selected(key.dimensions) {
            let bucket = AgingBucket.of(age: asOf.dayNumber - key.submitted.dayNumber)
            sums.balances.aging[bucket, default: BalanceChange()].add(change)
        }
        return sums
    }
}

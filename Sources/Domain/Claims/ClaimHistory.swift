/// Where a fact stands in import order: the file's import sequence, then its position in the file.
/// Facts of one claim dated the same day are ordered by it (KPIS.md section 1).
public struct FactOrder: Hashable, Sendable, Comparable, Codable {
    /// Import sequence of the file (later imports are larger).
    public var file: Int64
    /// Position of the fact in its file.
    public var position: Int64

    /// Creates an order.
    public init(file: Int64, position: Int64) {
        self.file = file
        self.position = position
    }

    public static func < (lhs: FactOrder, rhs: FactOrder) -> Bool {
        (lhs.file, lhs.position) < (rhs.file, rhs.position)
    }
}

/// The fields figures are selected and grouped by.
public struct KPIDimensions: Hashable, Sendable, Codable {
    /// What a dimension reads when the fact that would give it is missing (an unmatched adjudication).
    public static let unknown = "unknown"

    public var payer: String
    public var location: String
    public var provider: String
    public var procedure: String

    /// Creates dimensions.
    public init(payer: String, location: String, provider: String, procedure: String) {
        self.payer = payer
        self.location = location
        self.provider = provider
        self.procedure = procedure
    }
}

/// Every fact Sightline holds about one claim of a practice (one patient control number): its
/// submissions, adjudications, acknowledgments and patient payments. Everything KPIS.md says about
/// a single claim is worked out here, as pure functions of these facts.
public struct ClaimHistory: Sendable, Equatable {
    /// One 837 submission of the claim.
    public struct Submission: Sendable, Equatable {
        public var date: CalendarDate?
        /// CLM05-3: `1` original, `7` replacement, `8` void.
        public var frequency: String
        public var charge: Money
        public var dimensions: KPIDimensions
        public var order: FactOrder

        public init(date: CalendarDate?, frequency: String, charge: Money, dimensions: KPIDimensions, order: FactOrder) {
            self.date = date
            self.frequency = frequency
            self.charge = charge
            self.dimensions = dimensions
            self.order = order
        }
    }

    /// One 835 adjudication of the claim.
    public struct Remit: Sendable, Equatable {
        public var paymentDate: CalendarDate?
        public var status: String
        public var charge: Money
        public var paid: Money
        public var patientResponsibility: Money
        /// Σ of its contractual adjustments.
        public var contractual: Money
        /// Its primary reason, should it be a denial (`nil`: no denial adjustment).
        public var primaryReason: String?
        /// The payer of the 835 that carried it.
        public var payer: String
        public var order: FactOrder
        /// Its class (KPIS.md section 2).
        public let adjudicationClass: AdjudicationClass

        /// An adjudication; of its adjustments only what the figures need is kept.
        public init(
            paymentDate: CalendarDate?, status: String, charge: Money, paid: Money, patientResponsibility: Money,
            adjustments: [Adjustment], payer: String, order: FactOrder
        ) {
            self.paymentDate = paymentDate
            self.status = status
            self.charge = charge
            self.paid = paid
            self.patientResponsibility = patientResponsibility
            self.contractual = adjustments.reduce(.zero) { $1.kind == .contractual ? $0 + $1.amount : $0 }
            self.primaryReason = PrimaryReason.of(adjustments)
            self.payer = payer
            self.order = order
            self.adjudicationClass = AdjudicationClass.of(status: status, paid: paid, patientResponsibility: patientResponsibility)
        }
    }

    /// One 277CA status of the claim.
    public struct Acknowledgment: Sendable, Equatable {
        /// STC01-1.
        public var category: String
        public var date: CalendarDate?
        public var order: FactOrder

        public init(category: String, date: CalendarDate?, order: FactOrder) {
            self.category = category
            self.date = date
            self.order = order
        }

        /// Accepted categories.
        public static let accepted: Set<String> = ["A1", "A2"]
        /// Rejected categories; any other category is ignored.
        public static let rejected: Set<String> = ["A3", "A4", "A6", "A7", "A8"]
    }

    /// One patient payment.
    public struct Payment: Sendable, Equatable {
        public var date: CalendarDate
        public var amount: Money

        public init(date: CalendarDate, amount: Money) {
            self.date = date
            self.amount = amount
        }
    }

    public var submissions: [Submission]
    public var adjudications: [Remit]
    public var acknowledgments: [Acknowledgment]
    public var payments: [Payment]

    /// A claim's facts.
    public init(
        submissions: [Submission] = [], adjudications: [Remit] = [], acknowledgments: [Acknowledgment] = [], payments: [Payment] = []
    ) {
        self.submissions = submissions
        self.adjudications = adjudications
        self.acknowledgments = acknowledgments
        self.payments = payments
    }

    /// Orders dated facts by date, then import order; undated ones come last, in import order.
    static func precedes(_ lhs: (CalendarDate?, FactOrder), _ rhs: (CalendarDate?, FactOrder)) -> Bool {
        switch (lhs.0, rhs.0) {
        case (let left?, let right?): left != right ? left < right : lhs.1 < rhs.1
        case (.some, nil): true
        case (nil, .some): false
        case (nil, nil): lhs.1 < rhs.1
        }
    }

    /// The first dated submission with frequency 1: it fixes the original submission date and
    /// charge. `nil` when the claim was never submitted as an original in the imported files.
    public var original: Submission? {
        var found: Submission?
        for submission in submissions where submission.frequency == "1" && submission.date != nil {
            if let current = found, !Self.precedes((submission.date, submission.order), (current.date, current.order)) { continue }
            found = submission
        }
        return found
    }

    /// Whether an 837 for this claim was imported (adjudications of other claims are unmatched).
    public var isMatched: Bool { !submissions.isEmpty }

    /// The claim's own dimensions: those of its original submission, else of its first submission.
    public var claimDimensions: KPIDimensions {
        let source = original ?? submissions.min { Self.precedes(($0.date, $0.order), ($1.date, $1.order)) }
        return source?.dimensions
            ?? KPIDimensions(
                payer: KPIDimensions.unknown, location: KPIDimensions.unknown,
                provider: KPIDimensions.unknown, procedure: KPIDimensions.unknown)
    }

    /// An adjudication's dimensions: location, provider and procedure of the claim, payer of the 835.
    public func dimensions(of remit: Remit) -> KPIDimensions {
        var dimensions = claimDimensions
        dimensions.payer = remit.payer
        return dimensions
    }

    /// The first adjudication in order that is a denial or processed.
    public var firstAdjudication: Remit? {
        var found: Remit?
        for remit in adjudications where remit.adjudicationClass.canBeFirst {
            if let current = found, !Self.precedes((remit.paymentDate, remit.order), (current.paymentDate, current.order)) { continue }
            found = remit
        }
        return found
    }

    /// The first acknowledgment in order that is accepted or rejected (others are ignored).
    public var firstAcknowledgment: Acknowledgment? {
        var found: Acknowledgment?
        for acknowledgment in acknowledgments
        where Acknowledgment.accepted.contains(acknowledgment.category) || Acknowledgment.rejected.contains(acknowledgment.category) {
            if let current = found, !Self.precedes((acknowledgment.date, acknowledgment.order), (current.date, current.order)) { continue }
            found = acknowledgment
        }
        return found
    }

    /// Changes of the claim's charge from its original submission on: the original charge, then
    /// each later replacement (its charge) and void (zero), in order. Empty without an original.
    public var chargeChanges: [(date: CalendarDate, charge: Money)] {
        guard let original, let start = original.date else { return [] }
        var changes = [(date: start, charge: original.charge)]
        let later = submissions.filter { ($0.frequency == "7" || $0.frequency == "8") && $0.date != nil }
            .filter { !Self.precedes(($0.date, $0.order), (start, original.order)) }
            .sorted { Self.precedes(($0.date, $0.order), ($1.date, $1.order)) }
        for submission in later {
            guard let date = submission.date else { continue }
            changes.append((date, submission.frequency == "8" ? .zero : submission.charge))
        }
        return changes
    }

    /// The charge as of `date`: the original's, changed by replacements and voids dated on or
    /// before it. `nil` before the original submission or without one.
    public func charge(asOf date: CalendarDate) -> Money? {
        chargeChanges.last { $0.date <= date }?.charge
    }

    /// The balance as of `date` (KPIS.md section 4): charge − Σ CLP04 − Σ contractual adjustments −
    /// Σ patient payments, each dated on or before `date`. `nil` for a claim not yet submitted then.
    public func balance(asOf date: CalendarDate) -> Money? {
        guard let charge = charge(asOf: date) else { return nil }
        var balance = charge
        for remit in adjudications where remit.adjudicationClass != .excluded {
            guard let paid = remit.paymentDate, paid <= date else { continue }
            balance -= remit.paid + remit.contractual
        }
        for payment in payments where payment.date <= date { balance -= payment.amount }
        return balance
    }
}

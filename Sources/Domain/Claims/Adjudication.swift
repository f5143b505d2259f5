/// A claim adjustment from a CAS segment: one (group, reason, amount) triplet.
public struct Adjustment: Sendable, Equatable {
    /// Where the CAS stood.
    public enum Level: String, Sendable, Codable {
        /// Loop 2100, after CLP.
        case claim
        /// Loop 2110, after SVC.
        case line
    }

    /// CAS01: claim adjustment group (`CO`, `PR`, `OA`, `PI`, `CR`).
    public var group: String
    /// CAS02/05/…: claim adjustment reason code (CARC).
    public var reason: String
    /// CAS03/06/…: amount; negative amounts are normal.
    public var amount: Money
    /// Claim or line level.
    public var level: Level

    /// `GROUP-CARC`, the key cause reports use.
    public var key: String { group + "-" + reason }

    /// Creates an adjustment.
    public init(group: String, reason: String, amount: Money, level: Level) {
        self.group = group
        self.reason = reason
        self.amount = amount
        self.level = level
    }
}

/// A payer's decision on one claim (835 loop 2100), without patient identifiers.
public struct Adjudication: Sendable, Equatable {
    /// One paid service line (loop 2110).
    public struct Line: Sendable, Equatable {
        /// SVC01-2: procedure code.
        public var procedure: String
        /// SVC02: line charge.
        public var charge: Money
        /// SVC03: line payment.
        public var paid: Money
        /// SVC05: units paid, as written.
        public var units: String
        /// DTM*472: service date.
        public var serviceDate: CalendarDate?

        /// Creates a line.
        public init(procedure: String, charge: Money, paid: Money, units: String = "", serviceDate: CalendarDate? = nil) {
            self.procedure = procedure
            self.charge = charge
            self.paid = paid
            self.units = units
            self.serviceDate = serviceDate
        }
    }

    /// CLP01: patient control number, matching CLM01 of the claim.
    public var patientControlNumber: String
    /// CLP02: claim status code (`1` primary, `4` denied, `22` reversal, …).
    public var status: String
    /// CLP03: total claim charge.
    public var charge: Money
    /// CLP04: claim payment.
    public var paid: Money
    /// CLP05: patient responsibility (zero when empty).
    public var patientResponsibility: Money
    /// CLP07: the payer's claim control number.
    public var payerClaimNumber: String
    /// Every CAS triplet at claim and line level.
    public var adjustments: [Adjustment]
    /// Remark codes (RARC) from MOA and LQ*HE.
    public var remarks: [String]
    /// Paid service lines.
    public var lines: [Line]

    /// Creates an adjudication.
    public init(
        patientControlNumber: String, status: String, charge: Money, paid: Money, patientResponsibility: Money = .zero,
        payerClaimNumber: String = "", adjustments: [Adjustment] = [], remarks: [String] = [], lines: [Line] = []
    ) {
        self.patientControlNumber = patientControlNumber
        self.status = status
        self.charge = charge
        self.paid = paid
        self.patientResponsibility = patientResponsibility
        self.payerClaimNumber = payerClaimNumber
        self.adjustments = adjustments
        self.remarks = remarks
        self.lines = lines
    }
}

/// The payment of one 835 transaction: BPR, TRN and the payer and payee loops.
public struct Remittance: Sendable, Equatable {
    /// BPR01: `I` remittance with payment, `H` notification only, …
    public var handling: String
    /// BPR02: total payment.
    public var paymentAmount: Money
    /// BPR04: payment method (`ACH`, `CHK`, `NON`, …).
    public var paymentMethod: String
    /// BPR16: payment (check issue or EFT) date.
    public var paymentDate: CalendarDate?
    /// TRN02: check or EFT trace number.
    public var traceNumber: String
    /// 1000A payer id: REF*2U, else N104, else TRN03.
    public var payerID: String
    /// 1000A N102: payer name.
    public var payerName: String
    /// 1000B N104: payee id (NPI or tax id).
    public var payeeID: String
    /// 1000B N102: payee name.
    public var payeeName: String

    /// Creates a remittance header.
    public init(
        handling: String = "", paymentAmount: Money = .zero, paymentMethod: String = "", paymentDate: CalendarDate? = nil,
        traceNumber: String = "", payerID: String = "", payerName: String = "", payeeID: String = "", payeeName: String = ""
    ) {
        self.handling = handling
        self.paymentAmount = paymentAmount
        self.paymentMethod = paymentMethod
        self.paymentDate = paymentDate
        self.traceNumber = traceNumber
        self.payerID = payerID
        self.payerName = payerName
        self.payeeID = payeeID
        self.payeeName = payeeName
    }
}

/// A provider-level adjustment (835 PLB): interest, recoupment, forwarding balance, …
public struct ProviderAdjustment: Sendable, Equatable {
    /// PLB01: provider id.
    public var providerID: String
    /// PLB02: end of the provider's fiscal period.
    public var fiscalPeriodEnd: CalendarDate?
    /// PLB03-1: adjustment reason (`L6` interest, `WO` overpayment recovery, `CV` capital, …).
    public var reason: String
    /// PLB03-2: reference identifier.
    public var reference: String
    /// PLB04: amount as signed in the file (positive = withheld from the provider).
    public var amount: Money

    /// Creates a provider adjustment.
    public init(providerID: String, fiscalPeriodEnd: CalendarDate?, reason: String, reference: String, amount: Money) {
        self.providerID = providerID
        self.fiscalPeriodEnd = fiscalPeriodEnd
        self.reason = reason
        self.reference = reference
        self.amount = amount
    }
}

/// A clearinghouse or payer acknowledgment of one claim (277CA loop 2200D).
public struct ClaimAcknowledgment: Sendable, Equatable {
    /// TRN02: the claim's patient control number.
    public var patientControlNumber: String
    /// STC01-1: status category (`A1`, `A2` accepted; `A3`, `A4`, `A6`, `A7`, `A8` rejected).
    public var category: String
    /// STC01-2: status code.
    public var statusCode: String
    /// STC02: status effective date.
    public var date: CalendarDate?
    /// REF*1K: payer claim control number, when assigned.
    public var payerClaimNumber: String
    /// NM1*85 NM103 of loop 2100C: the billing provider the status is for.
    public var billingProviderName: String

    /// Creates an acknowledgment.
    public init(
        patientControlNumber: String, category: String, statusCode: String = "", date: CalendarDate? = nil,
        payerClaimNumber: String = "", billingProviderName: String = ""
    ) {
        self.patientControlNumber = patientControlNumber
        self.category = category
        self.statusCode = statusCode
        self.date = date
        self.payerClaimNumber = payerClaimNumber
        self.billingProviderName = billingProviderName
    }
}

/// Who a claim is for: names, member id, birth date and address. Kept apart from the billing
/// facts so that no figure depends on it and it can be stored and shown under stricter rules.
public struct PatientIdentity: Sendable, Equatable {
    /// The claim it belongs to (CLM01 / CLP01).
    public var patientControlNumber: String
    /// Patient (or subscriber, when the patient is the subscriber) last name.
    public var lastName: String
    /// First name.
    public var firstName: String
    /// Member or subscriber id (NM109).
    public var memberID: String
    /// DMG02: birth date (837 only).
    public var birthDate: CalendarDate?
    /// N3/N4: address as written (837 only).
    public var address: String

    /// Creates an identity.
    public init(
        patientControlNumber: String, lastName: String = "", firstName: String = "", memberID: String = "",
        birthDate: CalendarDate? = nil, address: String = ""
    ) {
        self.patientControlNumber = patientControlNumber
        self.lastName = lastName
        self.firstName = firstName
        self.memberID = memberID
        self.birthDate = birthDate
        self.address = address
    }
}

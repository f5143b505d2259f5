/// A payer of the synthetic practice and how it behaves: what it pays against the Medicare fee
/// schedule, what it leaves to the patient, how long it takes, how often it rejects and denies,
/// and on which weekday it sends its weekly payment run.
struct Payer {
    /// NM1*PR NM103 and 835 N1*PR N102.
    var name: String
    /// NM1*PR NM109 and 835 REF*2U: the same id on both sides, so claims and payments meet.
    var id: String
    /// Two digits leading its claim control numbers (CLP07).
    var claimNumberPrefix: String
    /// SBR09 and CLP06 claim filing indicator (`MB`, `MC`, `12`, `CI`, `16`).
    var filingIndicator: String
    /// Allowed amount as basis points of the Medicare fee (10 000 = Medicare rates).
    var feeBasisPoints: Int
    /// Office-visit copay in cents (PR-3), taken instead of deductible and coinsurance on the visit.
    var copayCents: Int64
    /// Coinsurance in basis points of the allowed amount (PR-2).
    var coinsuranceBasisPoints: Int
    /// Largest deductible left to meet at a visit, in cents (PR-1); zero when there is none.
    var deductibleCents: Int64
    /// Medicare's 2 % payment sequestration (CO-253), also applied by Medicare Advantage plans.
    var sequestration: Bool
    /// Pays prompt-pay interest (PLB L6) on clean claims paid more than 30 days after receipt.
    var paysInterest: Bool
    /// Days from receipt to adjudication (then the next weekly run pays it).
    var lagDays: ClosedRange<Int>
    /// Weekday of the payment run: 0 Sunday … 6 Saturday.
    var runWeekday: Int
    /// Share of claims rejected up front, in a 277CA (basis points).
    var rejectionBasisPoints: Int
    /// Share of accepted claims denied at first adjudication (basis points).
    var denialBasisPoints: Int
    /// Of its denials, the share sent as CLP02 = 1 with nothing paid rather than CLP02 = 4.
    var zeroPayProcessedBasisPoints: Int
    /// How many of the practice's patients it covers, relative to the others.
    var patientWeight: Int
    /// Oldest and youngest birth year of its members.
    var birthYears: ClosedRange<Int>
    /// Pays by check (`CHK`) instead of ACH.
    var paysByCheck: Bool
    /// Nine digits of its tax id (TRN03 is `1` followed by them).
    var taxID: String
    /// Its remittance address: street, city, state, ZIP.
    var street: String, city: String, state: String, zip: String

    /// The five payers: Medicare, the state Medicaid plan, two commercial plans and a Medicare Advantage plan.
    static let all: [Payer] = [
        Payer(
            name: "MEDICARE PART B", id: "04412", claimNumberPrefix: "11", filingIndicator: "MB",
            feeBasisPoints: 10_000, copayCents: 0, coinsuranceBasisPoints: 2_000, deductibleCents: 25_700,
            sequestration: true, paysInterest: true,
            lagDays: 14...20, runWeekday: 2, rejectionBasisPoints: 300, denialBasisPoints: 700,
            zeroPayProcessedBasisPoints: 0, patientWeight: 30, birthYears: 1934...1959, paysByCheck: false,
            taxID: "990000441", street: "PO BOX 6700", city: "PORTLAND", state: "OR", zip: "972086700"),
        Payer(
            name: "STATE MEDICAID", id: "SKMCD", claimNumberPrefix: "22", filingIndicator: "MC",
            feeBasisPoints: 7_200, copayCents: 0, coinsuranceBasisPoints: 0, deductibleCents: 0,
            sequestration: false, paysInterest: false,
            lagDays: 18...45, runWeekday: 3, rejectionBasisPoints: 600, denialBasisPoints: 1_400,
            zeroPayProcessedBasisPoints: 4_000, patientWeight: 18, birthYears: 1958...2022, paysByCheck: true,
            taxID: "990000552", street: "500 SUMMER ST NE", city: "SALEM", state: "OR", zip: "973011079"),
        Payer(
            name: "BLUE RIVER HEALTH PLAN", id: "BRHP1", claimNumberPrefix: "33", filingIndicator: "12",
            feeBasisPoints: 12_800, copayCents: 2_500, coinsuranceBasisPoints: 1_000, deductibleCents: 150_000,
            sequestration: false, paysInterest: true,
            lagDays: 10...25, runWeekday: 4, rejectionBasisPoints: 350, denialBasisPoints: 900,
            zeroPayProcessedBasisPoints: 0, patientWeight: 24, birthYears: 1958...2012, paysByCheck: false,
            taxID: "990000663", street: "PO BOX 2200", city: "EUGENE", state: "OR", zip: "974022200"),
        Payer(
            name: "SUMMIT MUTUAL HEALTH", id: "SMH22", claimNumberPrefix: "44", filingIndicator: "CI",
            feeBasisPoints: 11_500, copayCents: 4_000, coinsuranceBasisPoints: 2_000, deductibleCents: 300_000,
            sequestration: false, paysInterest: true,
            lagDays: 15...35, runWeekday: 5, rejectionBasisPoints: 400, denialBasisPoints: 1_100,
            zeroPayProcessedBasisPoints: 0, patientWeight: 16, birthYears: 1958...2012, paysByCheck: false,
            taxID: "990000774", street: "77 SUMMIT PLAZA", city: "BEND", state: "OR", zip: "977017700"),
        Payer(
            name: "EVERGREEN SENIOR ADVANTAGE", id: "ESA07", claimNumberPrefix: "55", filingIndicator: "16",
            feeBasisPoints: 10_000, copayCents: 1_500, coinsuranceBasisPoints: 1_000, deductibleCents: 0,
            sequestration: true, paysInterest: true,
            lagDays: 20...42, runWeekday: 1, rejectionBasisPoints: 450, denialBasisPoints: 1_600,
            zeroPayProcessedBasisPoints: 0, patientWeight: 12, birthYears: 1934...1959, paysByCheck: false,
            taxID: "990000885", street: "PO BOX 9100", city: "MEDFORD", state: "OR", zip: "975019100"),
    ]

    /// Medicare's index in ``all`` (it alone forwards crossover claims, CLP02 = 19).
    static let medicare = 0
}

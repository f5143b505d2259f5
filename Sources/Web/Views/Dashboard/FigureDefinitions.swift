import Domain

/// What each figure means, in Sightline's words (the exact rules are KPIS.md as read in
/// docs/kpis.md), for the definitions page every tile links to.
struct FigureDefinition: Encodable, Equatable {
    let key: String
    let label: String
    let definition: String

    static let all: [FigureDefinition] = [
        .init(key: "claimsSubmitted", label: "Claims submitted", definition: "Claims whose original (frequency 1) submission is dated in the range."),
        .init(key: "grossCharges", label: "Gross charges", definition: "The charges of those claims as first submitted."),
        .init(key: "payerPayments", label: "Payer payments", definition: "What payers paid on claims (CLP04) in remittances dated in the range."),
        .init(key: "contractualAdjustments", label: "Contractual adjustments", definition: "Contractual write-downs (group CO, contractual reasons) in those remittances."),
        .init(key: "patientResponsibility", label: "Patient responsibility", definition: "What those remittances say the patient owes (CLP05)."),
        .init(key: "patientPayments", label: "Patient payments", definition: "Payments from patients dated in the range."),
        .init(key: "adjudicatedClaims", label: "Adjudicated claims", definition: "Claims whose first payer decision is dated in the range."),
        .init(key: "initialDenials", label: "Initial denials", definition: "Adjudicated claims whose first decision was a denial."),
        .init(key: "initialDenialRate", label: "Initial denial rate", definition: "Initial denials divided by adjudicated claims."),
        .init(key: "initialDenialRateDollars", label: "Initial denial rate (dollars)", definition: "Charges of the initial denials divided by charges of all first decisions in the range."),
        .init(key: "cleanClaimRate", label: "Clean claim rate", definition: "Of the claims submitted in the range that have a 277CA acknowledgment, the share whose first acknowledgment accepted them."),
        .init(key: "netCollectionRate", label: "Net collection rate", definition: "Payer and patient payments divided by gross charges less contractual adjustments."),
        .init(key: "denialCauses", label: "Denial causes", definition: "The initial denials by primary reason (the largest denial adjustment, GROUP-CARC) with its category."),
        .init(key: "paymentLagDays", label: "Payment lag", definition: "The median number of days from original submission to the first payer decision, over the adjudicated claims."),
        .init(key: "arTotal", label: "Accounts receivable", definition: "What is still owed on claims as of the as-of date: charges less payer payments, contractual adjustments and patient payments dated by then."),
        .init(key: "aging", label: "Aging", definition: "Accounts receivable by days since original submission: 0-30, 31-60, 61-90, 91-120 and 121+."),
        .init(key: "arOver90Pct", label: "A/R over 90 days", definition: "The share of accounts receivable older than 90 days."),
        .init(key: "daysInAR", label: "Days in A/R", definition: "Accounts receivable divided by the average daily charges of the 90 days up to the as-of date."),
    ]

    /// The label of a figure key.
    static func label(_ key: String) -> String { all.first { $0.key == key }?.label ?? key }
}

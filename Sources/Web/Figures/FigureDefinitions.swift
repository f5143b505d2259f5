import Domain

/// What each figure means, in Sightline's words (the exact rules are KPIS.md as read in
/// docs/kpis.md), for the definitions page every tile links to.
struct FigureDefinition: Encodable, Equatable {
    let key: String
    let label: String
    let definition: String

    /// The label comes from the one catalogue of figures, as on every other page.
    init(key: String, definition: String) {
        self.key = key
        label = FigureCatalogue.label(key)
        self.definition = definition
    }

    static let all: [FigureDefinition] = [
        .init(key: "claimsSubmitted", definition: "Claims whose original (frequency 1) submission is dated in the range."),
        .init(key: "grossCharges", definition: "The charges of those claims as first submitted."),
        .init(key: "payerPayments", definition: "What payers paid on claims (CLP04) in remittances dated in the range."),
        .init(key: "contractualAdjustments", definition: "Contractual write-downs (group CO, contractual reasons) in those remittances."),
        .init(key: "patientResponsibility", definition: "What those remittances say the patient owes (CLP05)."),
        .init(key: "patientPayments", definition: "Payments from patients dated in the range."),
        .init(key: "adjudicatedClaims", definition: "Claims whose first payer decision is dated in the range."),
        .init(key: "initialDenials", definition: "Adjudicated claims whose first decision was a denial."),
        .init(key: "initialDenialRate", definition: "Initial denials divided by adjudicated claims."),
        .init(key: "initialDenialRateDollars", definition: "Charges of the initial denials divided by charges of all first decisions in the range."),
        .init(key: "cleanClaimRate", definition: "Of the claims submitted in the range that have a 277CA acknowledgment, the share whose first acknowledgment accepted them."),
        .init(key: "netCollectionRate", definition: "Payer and patient payments divided by gross charges less contractual adjustments."),
        .init(key: "denialCauses", definition: "The initial denials by primary reason (the largest denial adjustment, GROUP-CARC) with its category."),
        .init(key: "paymentLagDays", definition: "The median number of days from original submission to the first payer decision, over the adjudicated claims."),
        .init(key: "arTotal", definition: "What is still owed on claims as of the as-of date: charges less payer payments, contractual adjustments and patient payments dated by then."),
        .init(key: "aging", definition: "Accounts receivable by days since original submission: 0-30, 31-60, 61-90, 91-120 and 121+."),
        .init(key: "arOver90Pct", definition: "The share of accounts receivable older than 90 days."),
        .init(key: "daysInAR", definition: "Accounts receivable divided by the average daily charges of the 90 days up to the as-of date."),
    ]

    /// The label of a figure key.
    static func label(_ key: String) -> String { FigureCatalogue.label(key) }
}

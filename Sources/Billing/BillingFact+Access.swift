import Domain
import X12

extension BillingReader {
    /// Every fact and diagnostic of a file held in memory, read in one piece.
    public static func readAll(_ bytes: [UInt8]) -> (facts: [BillingFact], diagnostics: [Diagnostic]) {
        var reader = BillingReader()
        var all: [BillingFact] = []
        reader.feed(bytes) { all.append($0) }
        reader.finish { all.append($0) }
        return (all, reader.diagnostics)
    }
}

extension Array where Element == BillingFact {
    /// The 835 claims among the facts.
    public var adjudications: [Adjudication] { compactMap { if case .adjudication(let value, _) = $0 { value } else { nil } } }
    /// The 837 claims among the facts.
    public var claims: [ClaimSubmission] { compactMap { if case .claim(let value, _) = $0 { value } else { nil } } }
    /// The 277CA statuses among the facts.
    public var acknowledgments: [ClaimAcknowledgment] { compactMap { if case .acknowledgment(let value, _) = $0 { value } else { nil } } }
    /// The 835 payment headers among the facts.
    public var remittances: [Remittance] { compactMap { if case .remittance(let value) = $0 { value } else { nil } } }
    /// The PLB adjustments among the facts.
    public var providerAdjustments: [ProviderAdjustment] {
        compactMap { if case .providerAdjustment(let value) = $0 { value } else { nil } }
    }
    /// The patient identities among the facts.
    public var patients: [PatientIdentity] { compactMap { if case .patient(let value) = $0 { value } else { nil } } }
}

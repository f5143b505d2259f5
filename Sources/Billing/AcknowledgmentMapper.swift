import Domain
import X12

/// 277CA claim acknowledgment → one status per claim (loop 2200D: TRN*2 then STC).
struct AcknowledgmentMapper: TransactionMapper {
    private var pending: ClaimAcknowledgment?
    private var pendingIndex = 0
    private var sawStatus = false
    private var patient: PatientIdentity?
    /// HL03 of the current level: claims are acknowledged only under a patient level (`PT`, 2000D).
    private var level = ""
    /// The billing provider of the current provider level (2100C NM1*85).
    private var providerName = ""

    mutating func read(_ segment: Segment, diagnostics: inout [Diagnostic], _ emit: (BillingFact) throws -> Void) rethrows {
        switch segment.id {
        case .hl:
            try flush(emit)
            patient = nil
            level = segment.element(3)
        case .nm1:
            if segment.element(1, is: "85") { providerName = segment.element(3) }
            if segment.element(1, is: "QC") {
                patient = PatientIdentity(
                    patientControlNumber: "", lastName: segment.element(3), firstName: segment.element(4),
                    memberID: segment.element(9))
            }
        case .trn:
            try flush(emit)
            // The claim's trace is TRN*2 in loop 2200D, under the patient level; the receiver and
            // provider levels (2200B/C) carry trace numbers and statuses of the batch, not of a claim.
            if segment.element(1, is: "2"), level == "PT" {
                pending = ClaimAcknowledgment(patientControlNumber: segment.element(2), category: "", billingProviderName: providerName)
                pendingIndex = segment.index
                sawStatus = false
            }
        case .stc:
            // The first STC of the claim carries its acknowledgment status.
            guard pending != nil, !sawStatus else { return }
            sawStatus = true
            pending?.category = segment.component(1, 1)
            pending?.statusCode = segment.component(1, 2)
            pending?.date = segment.date(2, &diagnostics)
        case .ref:
            if pending != nil, segment.element(1, is: "1K") { pending?.payerClaimNumber = segment.element(2) }
        default:
            break
        }
    }

    mutating func finish(diagnostics: inout [Diagnostic], _ emit: (BillingFact) throws -> Void) rethrows {
        try flush(emit)
    }

    private mutating func flush(_ emit: (BillingFact) throws -> Void) rethrows {
        guard let acknowledgment = pending else { return }
        pending = nil
        guard !acknowledgment.category.isEmpty else { return }
        try emit(.acknowledgment(acknowledgment, segmentIndex: pendingIndex))
        if var patient {
            patient.patientControlNumber = acknowledgment.patientControlNumber
            try emit(.patient(patient))
        }
    }
}

import Domain
import X12

/// 835 health care claim payment/advice → remittance, adjudications and provider adjustments.
struct RemittanceMapper: TransactionMapper {
    private var remittance = Remittance()
    private var sentHeader = false
    private var loop: Loop = .header
    /// The claim being read (and its patient), valid while `hasClaim`: kept in place rather than
    /// optional so that adding to it never copies it.
    private var claim = Adjudication(
        patientControlNumber: "", status: "", charge: .zero, paid: .zero, patientResponsibility: .zero, payerClaimNumber: "")
    private var hasClaim = false
    private var claimIndex = 0
    /// The service line being read, valid while `hasLine`.
    private var line = Adjudication.Line(procedure: "", charge: .zero, paid: .zero)
    private var hasLine = false
    private var patient = PatientIdentity(patientControlNumber: "")
    private var payerIDFromREF: String?
    private var payerIDFromN1: String?
    /// Which transaction set of the file this is (1 for the first).
    let transaction: Int
    /// The payee (1000B), sent with the payment header.
    private var payee: BillingParty?

    init(transaction: Int = 1) { self.transaction = transaction }

    private enum Loop { case header, payer, payee, claim, line, trailer }

    mutating func read(_ segment: Segment, diagnostics: inout [Diagnostic], _ emit: (BillingFact) throws -> Void) rethrows {
        switch segment.id {
        case .bpr:
            remittance.handling = segment.element(1)
            remittance.paymentAmount = segment.money(2, &diagnostics) ?? .zero
            remittance.paymentMethod = segment.element(4)
            remittance.paymentDate = segment.date(16, &diagnostics)
        case .trn:
            remittance.traceNumber = segment.element(2)
            if remittance.payerID.isEmpty { remittance.payerID = segment.element(3) }
        case .n1:
            if segment.element(1, is: "PR") {
                loop = .payer
                remittance.payerName = segment.element(2)
                if !segment.isEmpty(4) { payerIDFromN1 = segment.element(4) }
            } else if segment.element(1, is: "PE") {
                loop = .payee
                remittance.payeeName = segment.element(2)
                remittance.payeeID = segment.element(4)
                var party = BillingParty(role: .payee, name: segment.element(2), transaction: transaction)
                // N103 XX: NPI; FI: federal taxpayer identification number.
                if segment.element(3, is: "XX") { party.add(PracticeIdentifier(kind: .npi, value: segment.element(4))) }
                if segment.element(3, is: "FI") { party.add(PracticeIdentifier(kind: .tin, value: segment.element(4))) }
                payee = party
            }
        case .ref:
            if loop == .payer, segment.element(1, is: "2U") { payerIDFromREF = segment.element(2) }
            if loop == .payee, segment.element(1, is: "TJ") { payee?.add(PracticeIdentifier(kind: .tin, value: segment.element(2))) }
        case .clp:
            try flushClaim(emit)
            try sendHeader(emit)
            loop = .claim
            claimIndex = segment.index
            claim = Adjudication(
                patientControlNumber: segment.element(1), status: segment.element(2),
                charge: segment.money(3, &diagnostics) ?? .zero, paid: segment.money(4, &diagnostics) ?? .zero,
                patientResponsibility: segment.money(5, &diagnostics) ?? .zero, payerClaimNumber: segment.element(7))
            claim.adjustments.reserveCapacity(4)
            claim.lines.reserveCapacity(4)
            patient = PatientIdentity(patientControlNumber: claim.patientControlNumber)
            hasClaim = true
        case .cas:
            guard hasClaim else { return }
            let level: Adjustment.Level = loop == .line ? .line : .claim
            let group = segment.element(1)
            for triplet in 0..<6 {
                let reasonPosition = 2 + triplet * 3
                guard !segment.isEmpty(reasonPosition) || !segment.isEmpty(reasonPosition + 1) else { continue }
                let amount = segment.money(reasonPosition + 1, &diagnostics) ?? .zero
                claim.adjustments.append(Adjustment(group: group, reason: segment.element(reasonPosition), amount: amount, level: level))
            }
        case .nm1:
            guard loop == .claim, hasClaim else { return }
            if segment.element(1, is: "QC") || (segment.element(1, is: "IL") && patient.lastName.isEmpty) {
                patient.lastName = segment.element(3)
                patient.firstName = segment.element(4)
                if !segment.isEmpty(9) { patient.memberID = segment.element(9) }
            }
        case .moa:
            guard hasClaim else { return }
            for position in 3...7 where !segment.isEmpty(position) { claim.remarks.append(segment.element(position)) }
        case .mia:
            guard hasClaim else { return }
            for position in [5, 20, 21, 22, 23] where !segment.isEmpty(position) { claim.remarks.append(segment.element(position)) }
        case .lq:
            if hasClaim, segment.element(1, is: "HE") { claim.remarks.append(segment.element(2)) }
        case .svc:
            guard hasClaim else { return }
            flushLine()
            loop = .line
            line = Adjudication.Line(
                procedure: segment.component(1, 2), charge: segment.money(2, &diagnostics) ?? .zero,
                paid: segment.money(3, &diagnostics) ?? .zero, units: segment.element(5))
            hasLine = true
        case .dtm:
            guard loop == .line, hasLine, line.serviceDate == nil else { return }
            if segment.element(1, is: "472") || segment.element(1, is: "150") { line.serviceDate = segment.date(2, &diagnostics) }
        case .plb:
            try flushClaim(emit)
            try sendHeader(emit)
            loop = .trailer
            let fiscal = segment.date(2, &diagnostics)
            for pair in 0..<6 {
                let reasonPosition = 3 + pair * 2
                guard !segment.isEmpty(reasonPosition) || !segment.isEmpty(reasonPosition + 1) else { continue }
                try emit(
                    .providerAdjustment(
                        ProviderAdjustment(
                            providerID: segment.element(1), fiscalPeriodEnd: fiscal,
                            reason: segment.component(reasonPosition, 1), reference: segment.component(reasonPosition, 2),
                            amount: segment.money(reasonPosition + 1, &diagnostics) ?? .zero)))
            }
        default:
            break
        }
    }

    mutating func finish(diagnostics: inout [Diagnostic], _ emit: (BillingFact) throws -> Void) rethrows {
        try flushClaim(emit)
        try sendHeader(emit)
    }

    private mutating func sendHeader(_ emit: (BillingFact) throws -> Void) rethrows {
        guard !sentHeader else { return }
        sentHeader = true
        // An 835 without a payee still says who it pays: no one the practice knows.
        try emit(.party(payee ?? BillingParty(role: .payee, name: "", transaction: transaction)))
        if let id = payerIDFromREF ?? payerIDFromN1 { remittance.payerID = id }
        try emit(.remittance(remittance))
    }

    private mutating func flushLine() {
        if hasLine, hasClaim { claim.lines.append(line) }
        hasLine = false
    }

    private mutating func flushClaim(_ emit: (BillingFact) throws -> Void) rethrows {
        flushLine()
        guard hasClaim else { return }
        hasClaim = false
        try emit(.adjudication(claim, segmentIndex: claimIndex))
        if !patient.lastName.isEmpty || !patient.memberID.isEmpty { try emit(.patient(patient)) }
    }
}

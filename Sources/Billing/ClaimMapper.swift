import Domain
import X12

/// 837P and 837I → claims (loop 2300) with their lines, and patient identities kept apart.
struct ClaimMapper: TransactionMapper {
    let form: ClaimSubmission.Form
    /// Which transaction set of the file this is (1 for the first).
    let transaction: Int
    /// The billing provider being read (2010AA), sent when its loop ends.
    private var party: BillingParty?
    /// Whether the last NM1 was the billing provider's, so that a REF*EI is its TIN (and not the pay-to plan's).
    private var inBillingProviderName = false
    /// Whether this transaction named a billing provider at all.
    private var sentParty = false
    private var submissionDate: CalendarDate?
    private var billingProviderID = ""
    private var billingProviderName = ""
    private var payerID = ""
    private var payerName = ""
    private var subscriber = PatientIdentity(patientControlNumber: "")
    private var patient: PatientIdentity?
    private var context: Context = .header
    private var claim: ClaimSubmission?
    private var claimIndex = 0
    private var claimPatient: PatientIdentity?
    private var statementDate: CalendarDate?
    private var line: ClaimSubmission.Line?

    /// Which loop the last NM1 or HL opened, so that N3/N4/DMG/REF land in the right place.
    private enum Context { case header, billingProvider, subscriber, payer, patient, claim, claimOther, line }

    init(form: ClaimSubmission.Form, transaction: Int = 1) {
        self.form = form
        self.transaction = transaction
    }

    mutating func read(_ segment: Segment, diagnostics: inout [Diagnostic], _ emit: (BillingFact) throws -> Void) rethrows {
        switch segment.id {
        case .bht:
            submissionDate = segment.date(4, &diagnostics)
        case .hl:
            try flushClaim(emit)
            try flushParty(emit)
            switch segment.element(3) {
            case "20":
                context = .billingProvider
                billingProviderID = ""
                billingProviderName = ""
            case "22":
                context = .subscriber
                subscriber = PatientIdentity(patientControlNumber: "")
                patient = nil
                payerID = ""
                payerName = ""
            case "23":
                context = .patient
                patient = PatientIdentity(patientControlNumber: "")
            default:
                break
            }
        case .nm1:
            let entity = segment.element(1)
            inBillingProviderName = false
            switch (entity, context) {
            case ("85", _) where claim == nil:
                context = .billingProvider
                billingProviderName = segment.element(3)
                billingProviderID = segment.element(9)
                try flushParty(emit)
                inBillingProviderName = true
                var provider = BillingParty(
                    role: .billingProvider, name: [segment.element(3), segment.element(4)].filter { !$0.isEmpty }.joined(separator: " "),
                    transaction: transaction)
                // NM108 XX: NPI; 24: employer identification number (4010). 34 (a social security number) is not kept.
                if segment.element(8, is: "XX") { provider.add(PracticeIdentifier(kind: .npi, value: segment.element(9))) }
                if segment.element(8, is: "24") { provider.add(PracticeIdentifier(kind: .tin, value: segment.element(9))) }
                party = provider
            case ("IL", _) where claim == nil:
                context = .subscriber
                subscriber.lastName = segment.element(3)
                subscriber.firstName = segment.element(4)
                subscriber.memberID = segment.element(9)
            case ("PR", _) where claim == nil:
                context = .payer
                payerName = segment.element(3)
                payerID = segment.element(9)
            case ("QC", _) where claim == nil:
                context = .patient
                if patient == nil { patient = PatientIdentity(patientControlNumber: "") }
                patient?.lastName = segment.element(3)
                patient?.firstName = segment.element(4)
                if !segment.isEmpty(9) { patient?.memberID = segment.element(9) }
            case ("82", .claim), ("82", .claimOther):
                claim?.renderingProviderID = segment.element(9).isEmpty ? nil : segment.element(9)
                context = .claimOther
            case ("77", .claim), ("77", .claimOther):
                claim?.serviceFacilityID = segment.element(9).isEmpty ? nil : segment.element(9)
                context = .claimOther
            default:
                if claim != nil, context != .line { context = .claimOther }
            }
        case .n3, .n4:
            let text = (0..<segment.elementCount).map { segment.element($0 + 1) }.filter { !$0.isEmpty }.joined(separator: " ")
            if context == .subscriber {
                subscriber.address += (subscriber.address.isEmpty ? "" : ", ") + text
            } else if context == .patient {
                let existing = patient?.address ?? ""
                patient?.address = existing + (existing.isEmpty ? "" : ", ") + text
            }
        case .dmg:
            if context == .subscriber { subscriber.birthDate = segment.date(2, &diagnostics) }
            if context == .patient { patient?.birthDate = segment.date(2, &diagnostics) }
        case .clm:
            try flushClaim(emit)
            try flushParty(emit)
            inBillingProviderName = false
            context = .claim
            claimIndex = segment.index
            statementDate = nil
            claim = ClaimSubmission(
                form: form, patientControlNumber: segment.element(1), charge: segment.money(2, &diagnostics) ?? .zero,
                facilityCode: segment.component(5, 1), frequency: segment.component(5, 3), submissionDate: submissionDate,
                payerID: payerID, payerName: payerName, billingProviderID: billingProviderID,
                billingProviderName: billingProviderName)
            var identity = patient ?? subscriber
            identity.patientControlNumber = segment.element(1)
            claimPatient = identity
        case .ref:
            if inBillingProviderName, segment.element(1, is: "EI") { party?.add(PracticeIdentifier(kind: .tin, value: segment.element(2))) }
            if context == .claim, segment.element(1, is: "F8") { claim?.originalReference = segment.element(2) }
        case .dtp:
            if context == .line, segment.element(1, is: "472") {
                if line != nil, line?.serviceDate == nil { line?.serviceDate = segment.date(3, &diagnostics) }
            } else if claim != nil, context == .claim, segment.element(1, is: "434") {
                statementDate = segment.date(3, &diagnostics)
            } else if claim != nil, context == .claim, segment.element(1, is: "472"), form == .professional {
                statementDate = statementDate ?? segment.date(3, &diagnostics)
            }
        case .lx:
            guard claim != nil else { return }
            flushLine()
            context = .line
        case .sv1:
            guard claim != nil else { return }
            flushLine()
            context = .line
            line = ClaimSubmission.Line(
                procedure: segment.component(1, 2), modifiers: Self.modifiers(segment, 1),
                charge: segment.money(2, &diagnostics) ?? .zero, units: segment.element(4))
        case .sv2:
            guard claim != nil else { return }
            flushLine()
            context = .line
            line = ClaimSubmission.Line(
                procedure: segment.component(2, 2), modifiers: Self.modifiers(segment, 2), revenueCode: segment.element(1),
                charge: segment.money(3, &diagnostics) ?? .zero, units: segment.element(5))
        default:
            break
        }
    }

    mutating func finish(diagnostics: inout [Diagnostic], _ emit: (BillingFact) throws -> Void) rethrows {
        try flushClaim(emit)
        try flushParty(emit)
        // A transaction without a billing provider still says who it is for: no one the practice knows.
        if !sentParty {
            sentParty = true
            try emit(.party(BillingParty(role: .billingProvider, name: "", transaction: transaction)))
        }
    }

    private mutating func flushParty(_ emit: (BillingFact) throws -> Void) rethrows {
        guard let party else { return }
        self.party = nil
        sentParty = true
        try emit(.party(party))
    }

    private static func modifiers(_ segment: Segment, _ position: Int) -> [String] {
        (3...6).map { segment.component(position, $0) }.filter { !$0.isEmpty }
    }

    private mutating func flushLine() {
        if let line { claim?.lines.append(line) }
        line = nil
    }

    private mutating func flushClaim(_ emit: (BillingFact) throws -> Void) rethrows {
        flushLine()
        guard var claim else { return }
        // KPIS.md: 837P takes the earliest line DTP*472; 837I the first date of DTP*434.
        let lineDates = claim.lines.compactMap(\.serviceDate)
        claim.serviceDate = form == .institutional ? (statementDate ?? lineDates.min()) : (lineDates.min() ?? statementDate)
        try emit(.claim(claim, segmentIndex: claimIndex))
        if let claimPatient { try emit(.patient(claimPatient)) }
        self.claim = nil
        claimPatient = nil
        if context == .claim || context == .claimOther || context == .line { context = .patient }
    }
}

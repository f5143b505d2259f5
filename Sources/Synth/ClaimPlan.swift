import Domain

/// Everything about one claim, drawn at once from the claim's own random stream: what was done
/// (patient, place, clinician, service lines) and what will happen to it (rejection, denial,
/// appeal, reversal, replacement, patient payment). Drawing it again from the same seed, number
/// and submission day gives the same plan, so the simulation keeps only small events between
/// steps and redraws the claim when it needs it.
struct ClaimPlan {
    /// One service line (loop 2400 / 2110).
    struct Line {
        var procedure: Procedure
        var modifiers: [String]
        var units: Int
        var date: Day
        /// `1` or `1:2`: which diagnoses point at it.
        var pointers: [String]

        var charge: Money { Money(cents: procedure.chargeCents * Int64(units)) }
    }

    /// What happens after the claim is first paid.
    enum Aftermath: UInt8 {
        case none, payerReversal, replacement, void
    }

    let sequence: Int
    let submitted: Day
    let patient: Patient
    let payerIndex: Int
    let location: Int
    /// CLM05-1 / CLP08: where the care was given (office or walk-in clinic).
    let placeOfService: String
    let provider: Int
    /// Whether the claim names its rendering provider (NM1*82); without it the billing NPI stands in.
    let namesRenderingProvider: Bool
    let serviceDate: Day
    let lines: [Line]
    let diagnoses: [String]

    /// Rejected in the 277CA after its first submission, then sent again corrected.
    let rejected: Bool
    /// STC01 of the rejection: category, status code, entity.
    let rejection: [String]
    /// Extra days (0–5) before the corrected claim goes out, two days after the first submission at
    /// the earliest (then the next business day).
    let resubmissionDelay: Int
    /// Acknowledged A2 by the payer (with REF*1K) rather than A1 by the clearinghouse.
    let acknowledgedByPayer: Bool

    /// Days from acceptance until the payer's decision is due.
    let lagDays: Int
    /// Denied at first adjudication; paid later if ``appealWins``, after ``appealDelay`` days.
    let denied: Bool
    let denialReason: DenialReason
    let denialAtClaimLevel: Bool
    let zeroPayProcessed: Bool
    let appealWins: Bool
    let appealDelay: Int
    /// A line of an otherwise paid claim turned down for ``lineReason``.
    let deniedLine: Int?
    let lineReason: DenialReason
    /// Deductible left to meet at this visit, in cents.
    let deductibleCents: Int64
    /// Medicare forwards the claim to a supplemental payer (CLP02 = 19).
    let crossover: Bool

    /// What follows the first payment, ``aftermathDelay`` days later; a replacement or void is
    /// then decided ``aftermathLag`` days after it is sent, a reprocessing repriced by ``repriceBasisPoints``.
    let aftermath: Aftermath
    let aftermathDelay: Int
    let aftermathLag: Int
    let repriceBasisPoints: Int

    /// Whether, how much (all, or a share rounded to dollars) and how long after the 835 the patient pays.
    let patientPays: Bool
    let patientPaysInFull: Bool
    let patientShareBasisPoints: Int
    let patientPaymentDelay: Int

    /// Claim `sequence` of the run seeded `seed`, first submitted on `submitted`. `worked` (see
    /// ``SynthConfiguration/workedBilling``) changes only odds and delays, never how many numbers
    /// are drawn, so a claim is otherwise the same with it or without it.
    init(
        sequence: Int, submitted: Day, seed: UInt64, practice: Practice, panelSize: Int, story: Story? = nil, extraLines: Double = 0,
        worked: Bool = false
    ) {
        var random = SynthRandom(seed: seed, stream: .claim, index: UInt64(sequence))
        self.sequence = sequence
        self.submitted = submitted
        patient = Patient(number: random.below(panelSize), seed: seed)
        let payerNumber = patient.payer
        payerIndex = payerNumber
        let payer = Payer.all[payerNumber]
        provider = random.weighted(practice.providers.indices.map { practice.providerWeights[$0] })
        let clinician = practice.providers[provider]
        let awayFromHome = clinician.specialty == .primaryCare && random.chance(2_000)
        location = awayFromHome ? random.below(practice.locations.count) : clinician.homeLocation
        placeOfService = practice.locations[location].placeOfService
        namesRenderingProvider = random.chance(9_000)
        serviceDate = submitted.businessDays(before: [1, 1, 1, 1, 1, 2, 2, 2, 3, 4, 6][random.below(11)])
        var drawn = Self.drawLines(
            &random, specialty: clinician.specialty, walkIn: placeOfService == "20",
            payer: payerIndex, date: serviceDate)
        if extraLines > 0 { drawn += Self.drawAncillaries(&random, upTo: Int((2 * extraLines).rounded()), date: serviceDate) }
        diagnoses = Self.drawDiagnoses(&random, lines: &drawn)
        lines = drawn

        rejected = random.chance(payer.rejectionBasisPoints)
        rejection = random.pick(Self.rejections, else: Self.rejections[0])
        resubmissionDelay = random.between(0, 5)
        acknowledgedByPayer = random.chance(6_000)

        lagDays =
            random.between(payer.lagDays.lowerBound, payer.lagDays.upperBound)
            + (story.map { payerNumber == $0.slowPayer && submitted >= $0.slowFrom } == true ? 42 : 0)
        let spike = story.map { payerNumber == $0.denyingPayer && submitted >= $0.denialsFrom } == true
        denied = random.chance(payer.denialBasisPoints) || (spike && random.chance(2_500))
        var reason = DenialReason.table[random.weighted(DenialReason.table.map { $0.weights[payerNumber] })]
        if spike, random.chance(7_000), let authorization = DenialReason.table.first(where: { $0.reason == "197" }) {
            reason = authorization
        }
        denialReason = reason
        denialAtClaimLevel = payer.filingIndicator == "12" || payer.filingIndicator == "CI" ? random.chance(5_000) : false
        zeroPayProcessed = random.chance(payer.zeroPayProcessedBasisPoints)
        appealWins = random.chance(worked ? max(reason.appealWinBasisPoints, 9_200) : reason.appealWinBasisPoints)
        let appealDays = random.between(21, 60)
        appealDelay = worked ? 14 + appealDays / 3 : appealDays
        deniedLine = lines.count > 1 && random.chance(worked ? 100 : 500) ? random.between(1, lines.count - 1) : nil
        lineReason = random.pick(DenialReason.lineReasons, else: DenialReason.lineReasons[0])
        // Deductibles reset in January: early-year visits meet them far more often.
        let deductibleChance = [4_500, 4_500, 4_500, 2_000, 2_000, 2_000, 800, 800, 800, 800, 800, 800][serviceDate.civil.month - 1]
        deductibleCents =
            payer.deductibleCents > 0 && random.chance(deductibleChance)
            ? Int64(random.between(2_000, Int(payer.deductibleCents))) : 0
        crossover = payerIndex == Payer.medicare && random.chance(3_500)

        let fate = random.below(10_000)
        aftermath = fate < 250 ? .payerReversal : fate < 400 ? .replacement : fate < (worked ? 420 : 450) ? .void : .none
        aftermathDelay = aftermath == .payerReversal ? random.between(7, 30) : random.between(5, 20)
        aftermathLag = random.between(7, 21)
        repriceBasisPoints = random.pick([-800, -500, -300, 300, 500, 700], else: 300)

        patientPays = aftermath != .void && random.chance(worked ? 9_000 : 6_500)
        patientPaysInFull = random.chance(worked ? 8_800 : 7_000)
        patientShareBasisPoints = random.between(2_500, 9_000)
        let patientDays = random.between(10, 60)
        patientPaymentDelay = worked ? 5 + patientDays / 2 : patientDays
    }

    /// CLM01 / CLP01 / TRN02: the patient control number.
    var patientControlNumber: String { Self.patientControlNumber(sequence) }

    /// `RB` and the claim's number in eight digits.
    static func patientControlNumber(_ sequence: Int) -> String { "RB" + Day.pad(sequence, 8) }

    /// The payer this claim goes to.
    var payer: Payer { Payer.all[payerIndex] }

    /// Σ line charges as first submitted.
    var charge: Money { lines.reduce(.zero) { $0 + $1.charge } }

    /// The day the payer accepted the claim: its first submission, or its resubmission after a rejection.
    var accepted: Day { rejected ? resubmitted : submitted }

    /// The business day the corrected claim goes out after its rejection.
    var resubmitted: Day { (submitted + 2 + resubmissionDelay).businessDayOnOrAfter }

    /// Which adjudication carries the claim's first payment (1 the original, 2 the appeal).
    var paidVariant: Int { denied ? 2 : 1 }

    /// CLP07: the payer's claim number; each adjudication `variant` gets its own (1 original,
    /// 2 appeal, 3 reprocessing after a reversal, 4 replacement claim).
    func claimNumber(_ variant: Int) -> String {
        payer.claimNumberPrefix + accepted.yymmdd + Day.pad(sequence, 8) + String(variant)
    }

    /// The lines of the corrected (frequency 7) claim: the last line dropped, or a missed
    /// venipuncture added to a one-line claim.
    var replacementLines: [Line] {
        guard lines.count == 1, let first = lines.first else { return Array(lines.dropLast()) }
        return [first, Line(procedure: Procedure.named("36415"), modifiers: [], units: 1, date: first.date, pointers: ["1"])]
    }

    private static let rejections: [[String]] = [
        ["A7", "164", "IL"], ["A7", "158", "IL"], ["A3", "21", ""], ["A7", "454", ""], ["A7", "255", ""], ["A7", "562", "82"],
    ]
}

extension ClaimPlan {
    /// The demo's story (`SynthConfiguration.story`): which payer denies more from when, and
    /// which pays later from when.
    struct Story {
        let denyingPayer = 3
        let denialsFrom: Day
        let slowPayer = 1
        let slowFrom: Day

        /// The story of a run ending (exclusive) on `end`.
        init(end: Day) {
            denialsFrom = end - 61
            slowFrom = end - 92
        }
    }
}

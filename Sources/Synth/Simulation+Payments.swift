import Domain

extension Simulation {
    /// One payer's weekly run on `day`: every adjudication due since its last run, then interest
    /// on late clean claims (PLB L6), now and then an overpayment recovery (PLB WO), and a forward
    /// balance (PLB FB) when reversals outweigh payments, so that BPR02 = Σ CLP04 − Σ PLB ≥ 0.
    mutating func pay(_ payerIndex: Int, on day: Day, _ sink: (SynthFile, [UInt8]) throws -> Void) rethrows {
        let due = schedule.takeAdjudications(payer: payerIndex, through: day)
        guard !due.isEmpty else { return }
        let payer = Payer.all[payerIndex]
        let writer835 = RemittanceFileWriter(practice: practice)
        let trace = RemittanceFileWriter.trace(payer, day)
        var body = SegmentWriter()
        var paidTotal = Money.zero
        var adjustments: [RemittanceFileWriter.ProviderAdjustment] = []
        if let forward = forwardBalance[payerIndex] {
            adjustments.append(.init(reason: "FB", reference: forward.reference, amount: forward.amount))
            forwardBalance[payerIndex] = nil
        }
        var paidHere: (claimNumber: String, amount: Money)?
        for event in due {
            let claim = plan(event.sequence, event.firstSubmitted)
            let received = claim.accepted + 1
            var claims: [RemittanceClaim] = []
            switch event.kind {
            case .first where claim.denied:
                claims.append(.denial(of: claim, received: received))
                if claim.appealWins { schedule.adjudicate(.appeal, claim, due: day + claim.appealDelay, received: received) }
            case .first, .appeal:
                let variant = event.kind == .first ? 1 : 2
                let payment = RemittanceClaim.payment(of: claim, lines: claim.lines, variant: variant, received: received)
                claims.append(payment)
                if event.kind == .first, let interest = interest(on: payment, of: claim, day: day) { adjustments.append(interest) }
                afterPayment(claim, payment, day: day)
                if payment.paid > .zero { paidHere = (payment.claimNumber, payment.paid) }
            case .payerReversal:
                claims.append(firstPayment(claim).reversal())
                claims.append(
                    .payment(
                        of: claim, lines: claim.lines, variant: 3, received: received, feeChangeBasisPoints: claim.repriceBasisPoints))
            case .replacement:
                claims.append(firstPayment(claim).reversal())
                claims.append(
                    .payment(
                        of: claim, lines: claim.replacementLines, variant: 4, received: Day(Int(event.received)), frequency: "7"))
            case .void:
                var reversal = firstPayment(claim).reversal()
                reversal.frequency = "8"
                claims.append(reversal)
            }
            for remitted in claims {
                writer835.claim(remitted, &body)
                paidTotal += remitted.paid
                summary.adjudications += 1
                summary.statusCounts[remitted.status, default: 0] += 1
            }
        }

        let runIndex = UInt64(payerIndex) << 32 ^ UInt64(bitPattern: Int64(day.number))
        var random = SynthRandom(seed: configuration.seed, stream: .run, index: runIndex)
        var net = paidTotal - adjustments.reduce(.zero) { $0 + $1.amount }
        if let recent = lastPaid[payerIndex], random.chance(1_000) {
            let recovered = Money(cents: max(1, RemittanceClaim.share(recent.amount.cents, random.between(1_000, 4_000))))
            if net - recovered >= .zero {
                adjustments.append(.init(reason: "WO", reference: recent.claimNumber, amount: recovered))
                net -= recovered
            }
        }
        if net < .zero {
            adjustments.append(.init(reason: "FB", reference: trace, amount: net))
            forwardBalance[payerIndex] = (-net, trace)
            net = .zero
        }
        if let paidHere { lastPaid[payerIndex] = paidHere }

        let file = open("835-\(payer.id)-\(day.iso).x12", .remittance835, day)
        let control = takeControlNumber()
        var writer = SegmentWriter()
        let sent = time(day, .remittance835, hour: 3)
        writer835.header(&writer, payer: payer, day: day, time: sent, control: control, payment: net)
        try emit(file, writer.take(), sink)
        writer.include(countOf: body)
        try emit(file, body.take(), sink)
        writer835.trailer(&writer, adjustments: adjustments, day: day, control: control)
        try emit(file, writer.take(), sink)
    }

    /// The adjudication that first paid `claim` (the original, or the appeal after a denial), drawn again to be reversed.
    private func firstPayment(_ claim: ClaimPlan) -> RemittanceClaim {
        .payment(of: claim, lines: claim.lines, variant: claim.paidVariant, received: claim.accepted + 1)
    }

    /// Prompt-pay interest (4.5 % a year) on a clean claim paid more than 30 days after receipt.
    private func interest(on payment: RemittanceClaim, of plan: ClaimPlan, day: Day) -> RemittanceFileWriter.ProviderAdjustment? {
        let late = payment.received.distance(to: day) - 30
        guard late > 0, payment.paid > .zero, Payer.all[plan.payerIndex].paysInterest else { return nil }
        let cents = payment.paid.cents * 45 * Int64(late) / 365_000
        guard cents > 0 else { return nil }
        return .init(reason: "L6", reference: payment.claimNumber, amount: Money(cents: -cents))
    }

    /// What follows a claim's first payment: the patient's payment, and the reversal, replacement
    /// or void its plan holds.
    private mutating func afterPayment(_ claim: ClaimPlan, _ payment: RemittanceClaim, day: Day) {
        let owed = payment.patientResponsibility.cents
        if claim.patientPays, owed > 0 {
            let partial = RemittanceClaim.share(owed, claim.patientShareBasisPoints) / 100 * 100
            let cents = claim.patientPaysInFull || partial <= 0 ? owed : partial
            let paidOn = day + claim.patientPaymentDelay
            if paidOn < end { ledger.record(sequence: claim.sequence, day: paidOn, amount: Money(cents: cents)) }
        }
        switch claim.aftermath {
        case .none:
            break
        case .payerReversal:
            schedule.adjudicate(.payerReversal, claim, due: day + claim.aftermathDelay, received: claim.accepted + 1)
        case .replacement:
            schedule.submit(.replacement, claim, on: (day + claim.aftermathDelay).businessDayOnOrAfter)
        case .void:
            schedule.submit(.void, claim, on: (day + claim.aftermathDelay).businessDayOnOrAfter)
        }
    }
}

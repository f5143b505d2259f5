import Domain

extension RemittanceClaim {
    /// The adjudication paying `lines` of `plan` under its payer's contract: CO-45 down to the
    /// allowed amount, the patient's copay, deductible and coinsurance (PR-3, PR-1, PR-2),
    /// sequestration (CO-253) where the payer applies it, and now and then one line turned down.
    /// `variant` numbers the payer's claim number (see ``ClaimPlan/claimNumber(_:)``).
    static func payment(
        of plan: ClaimPlan, lines planned: [ClaimPlan.Line], variant: Int, received: Day,
        feeChangeBasisPoints: Int = 0, frequency: String = "1"
    ) -> RemittanceClaim {
        let payer = plan.payer
        let feeLevel = payer.feeBasisPoints + feeChangeBasisPoints * payer.feeBasisPoints / 10_000
        var deductibleLeft = plan.deductibleCents
        var copayTaken = false
        var lines: [Line] = []
        for (index, item) in planned.enumerated() {
            if index == plan.deniedLine, variant == 1 {
                lines.append(deniedLine(item, plan.lineReason))
                continue
            }
            let charge = item.charge.cents
            let allowed = min(charge, share(item.procedure.allowedCents * Int64(item.units), feeLevel))
            var owed = allowed
            var adjustments: [Adjustment] = []
            if charge > allowed { adjustments.append(Adjustment(group: "CO", reason: "45", amount: Money(cents: charge - allowed))) }
            var patient: [Adjustment] = []
            func leave(_ reason: String, _ cents: Int64) {
                guard cents > 0 else { return }
                owed -= cents
                patient.append(Adjustment(group: "PR", reason: reason, amount: Money(cents: cents)))
            }
            if item.procedure.isVisit, payer.copayCents > 0, !copayTaken {
                copayTaken = true
                leave("3", min(owed, payer.copayCents))
            } else {
                let deductible = min(owed, deductibleLeft)
                deductibleLeft -= deductible
                leave("1", deductible)
                leave("2", share(owed, payer.coinsuranceBasisPoints))
            }
            let sequestration = payer.sequestration ? share(owed, 200) : 0
            if sequestration > 0 { adjustments.append(Adjustment(group: "CO", reason: "253", amount: Money(cents: sequestration))) }
            lines.append(
                Line(
                    procedure: item.procedure.code, modifiers: item.modifiers, charge: item.charge,
                    paid: Money(cents: owed - sequestration),
                    units: item.units, date: item.date, allowed: Money(cents: allowed), adjustments: adjustments + patient, remark: ""))
        }
        let paid = lines.reduce(Money.zero) { $0 + $1.paid }
        let patientShare = lines.flatMap(\.adjustments).filter { $0.group == "PR" }.reduce(Money.zero) { $0 + $1.amount }
        var claim = header(plan, status: plan.crossover && paid > .zero ? "19" : "1", variant: variant, received: received)
        claim.charge = lines.reduce(.zero) { $0 + $1.charge }
        claim.paid = paid
        claim.patientResponsibility = patientShare
        claim.frequency = frequency
        claim.lines = lines
        return claim
    }

    /// The first adjudication of a claim the payer turns down: nothing paid, nothing owed by the
    /// patient, the whole charge under the denial reason — at claim level without lines, or on each line.
    static func denial(of plan: ClaimPlan, received: Day) -> RemittanceClaim {
        var claim = header(plan, status: plan.zeroPayProcessed ? "1" : "4", variant: 1, received: received)
        claim.charge = plan.charge
        let reason = plan.denialReason
        if plan.denialAtClaimLevel {
            claim.adjustments = [Adjustment(group: reason.group, reason: reason.reason, amount: plan.charge)]
        } else {
            claim.lines = plan.lines.map { deniedLine($0, reason) }
        }
        return claim
    }

    /// A claim with its identifiers and nothing yet charged, paid or adjusted.
    private static func header(_ plan: ClaimPlan, status: String, variant: Int, received: Day) -> RemittanceClaim {
        RemittanceClaim(
            patientControlNumber: plan.patientControlNumber, status: status, charge: .zero, paid: .zero, patientResponsibility: .zero,
            claimNumber: plan.claimNumber(variant), filingIndicator: plan.payer.filingIndicator, facilityCode: plan.placeOfService,
            frequency: "1", adjustments: [], lines: [], received: received, patient: plan.patient)
    }

    /// A line turned down in full for `reason`, with its remark code.
    private static func deniedLine(_ item: ClaimPlan.Line, _ reason: DenialReason) -> Line {
        Line(
            procedure: item.procedure.code, modifiers: item.modifiers, charge: item.charge, paid: .zero, units: item.units,
            date: item.date, allowed: nil, adjustments: [Adjustment(group: reason.group, reason: reason.reason, amount: item.charge)],
            remark: reason.remark)
    }
}

import Domain

/// One claim of an 835 (loop 2100 with its 2110 service lines) as the generator writes it. Every
/// line balances — charge = paid + Σ its adjustments — and so does the claim.
struct RemittanceClaim {
    /// One CAS triplet.
    struct Adjustment {
        var group: String
        var reason: String
        var amount: Money
    }

    /// One paid service line (SVC with DTM*472, CAS, AMT*B6 and LQ*HE).
    struct Line {
        var procedure: String
        var modifiers: [String]
        var charge: Money
        var paid: Money
        var units: Int
        var date: Day
        /// AMT*B6: the allowed amount, when the line was allowed at all.
        var allowed: Money?
        var adjustments: [Adjustment]
        /// LQ*HE remark code, empty for none.
        var remark: String
    }

    /// CLP01.
    var patientControlNumber: String
    /// CLP02.
    var status: String
    /// CLP03, CLP04, CLP05.
    var charge: Money, paid: Money, patientResponsibility: Money
    /// CLP07.
    var claimNumber: String
    /// CLP06.
    var filingIndicator: String
    /// CLP08: place of service.
    var facilityCode: String
    /// CLP09: frequency of the claim adjudicated.
    var frequency: String
    /// Claim-level CAS (denials sent without lines).
    var adjustments: [Adjustment]
    var lines: [Line]
    /// DTM*050: the day the payer received the claim.
    var received: Day
    /// NM1*QC.
    var patient: Patient

    /// The CLP02 = 22 reversal that cancels this adjudication: every amount negated, same claim number.
    func reversal() -> RemittanceClaim {
        var reversed = self
        reversed.status = "22"
        reversed.charge = -charge
        reversed.paid = -paid
        reversed.patientResponsibility = -patientResponsibility
        reversed.adjustments = adjustments.map { Adjustment(group: $0.group, reason: $0.reason, amount: -$0.amount) }
        reversed.lines = lines.map { line in
            var negated = line
            negated.charge = -line.charge
            negated.paid = -line.paid
            negated.units = -line.units
            negated.allowed = line.allowed.map { -$0 }
            negated.adjustments = line.adjustments.map { Adjustment(group: $0.group, reason: $0.reason, amount: -$0.amount) }
            negated.remark = ""
            return negated
        }
        return reversed
    }

    /// `basisPoints` / 10 000 of `cents`, rounded half up.
    static func share(_ cents: Int64, _ basisPoints: Int) -> Int64 {
        (cents * Int64(basisPoints) + 5_000) / 10_000
    }
}

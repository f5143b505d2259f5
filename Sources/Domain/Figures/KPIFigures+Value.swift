extension KPIFigures {
    /// The number a figure key of KPIS.md section 4 names (amounts in dollars); `nil` when the
    /// figure could not be computed or is not one number.
    public func value(of key: String) -> Double? {
        Figure(rawValue: key).flatMap(value)
    }

    /// The number `figure` is (amounts in dollars); `nil` when it could not be computed or is not
    /// one number.
    public func value(_ figure: Figure) -> Double? {
        func dollars(_ money: Money) -> Double { Double(money.cents) / 100 }
        switch figure {
        case .claimsSubmitted: return Double(claimsSubmitted)
        case .grossCharges: return dollars(grossCharges)
        case .payerPayments: return dollars(payerPayments)
        case .contractualAdjustments: return dollars(contractualAdjustments)
        case .patientResponsibility: return dollars(patientResponsibility)
        case .patientPayments: return dollars(patientPayments)
        case .adjudicatedClaims: return Double(adjudicatedClaims)
        case .initialDenials: return Double(initialDenials)
        case .initialDenialRate: return initialDenialRate
        case .initialDenialRateDollars: return initialDenialRateDollars
        case .cleanClaimRate: return cleanClaimRate
        case .netCollectionRate: return netCollectionRate
        case .paymentLagDays: return paymentLagDays
        case .arTotal: return dollars(arTotal)
        case .arOver90Pct: return arOver90Pct
        case .daysInAR: return daysInAR
        case .denialCauses, .aging: return nil
        }
    }
}

extension KPITarget {
    /// The grid task whose work moves this figure, so a miss lands on the right desk.
    public var relatedTask: String { FigureCatalogue.info(figure)?.task ?? "reporting" }

    /// The claims behind the figure in `GET /api/v1/claims`, when a drill-down exists for it.
    public var claimsFigure: String? { FigureCatalogue.info(figure)?.claims }
}

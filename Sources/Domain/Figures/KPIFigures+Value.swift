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

extension KPIFigures {
    /// The amount `figure` is, exactly, for the figures that are money.
    public func money(_ figure: Figure) -> Money? {
        switch figure {
        case .grossCharges: grossCharges
        case .payerPayments: payerPayments
        case .contractualAdjustments: contractualAdjustments
        case .patientResponsibility: patientResponsibility
        case .patientPayments: patientPayments
        case .arTotal: arTotal
        default: nil
        }
    }

    /// `figure` as a CSV cell: money in dollars with two decimals (exact), counts whole, rates
    /// as fractions, days as computed; empty when it could not be computed. Every CSV of figures
    /// writes its cells here.
    public func csvCell(_ figure: Figure) -> String {
        if let money = money(figure) { return money.description }
        guard let value = value(figure) else { return "" }
        return figure.info.unit == .count ? String(Int(value)) : String(value)
    }
}

extension KPITarget {
    /// The grid task whose work moves this figure, so a miss lands on the right desk.
    public var relatedTask: String { FigureCatalogue.info(figure)?.task ?? "reporting" }

    /// The claims behind the figure in `GET /api/v1/claims`, when a drill-down exists for it.
    public var claimsFigure: String? { FigureCatalogue.info(figure)?.claims }
}

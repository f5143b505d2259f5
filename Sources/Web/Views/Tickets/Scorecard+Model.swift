import Domain

/// `/engagements/{id}/scorecard`: the vendor's scorecard for governance reviews.
struct ScorecardPageModel: Encodable, Equatable {
    struct Target: Encodable, Equatable {
        let month, key, outcome, value: String
        let missed: Bool
    }

    struct Month: Encodable, Equatable {
        let month, targets, slaCompliance, escalations, waiting, auditAccuracy: String
        let missed: Bool
    }

    let chrome: PageChrome
    let engagementLink: String
    let from, to: String
    let csvLink: String
    let headline: [String]
    let vendorClocks: [SLAReportPageModel.Row]
    let practiceClocks: [SLAReportPageModel.Row]
    let targets: [Target]
    let months: [Month]
    let audits: [String]

    /// - Parameter targets: the contract's figure targets, so that each judged value reads as its figure does (rates as percentages).
    init(chrome: PageChrome, engagementID: Engagement.ID, card: VendorScorecard, targets kpiTargets: [KPITarget] = []) {
        self.chrome = chrome
        engagementLink = "/engagements/\(engagementID)"
        from = card.from.description
        to = card.to.description
        csvLink = "/engagements/\(engagementID)/scorecard.csv?from=\(card.from)&to=\(card.to)"
        let measured = card.targetsMet + card.targetsMissed
        headline = [
            "Service levels: \(card.targetsMet) of \(measured) met" + (measured == 0 ? " (no month of the range closed yet)" : ""),
            "The vendor's clocks met in time: " + (card.slaCompliance.map { KPITarget.format($0, rate: true) } ?? "none judged yet"),
            "Audit accuracy: " + (card.auditAccuracy.map { KPITarget.format($0, rate: true) + " of the audited claims had no error" } ?? "no audited claim in the range"),
            "Open escalations: " + (card.openEscalations.isEmpty ? "none" : "\(card.openEscalations.count) (\(card.openEscalations.prefix(10).joined(separator: ", "))\(card.openEscalations.count > 10 ? ", …" : ""))"),
            "Vendor tickets opened: \(card.vendorTickets), \(card.vendorTicketsDone) resolved or closed, \(card.escalations) escalation levels",
            "Time the vendor's tickets waited on the practice: \(SLAReportPageModel.hours(card.waitingOnPracticeSeconds))"
                + (card.waitingOnPracticeShare.map { " (\(KPITarget.format($0, rate: true)) of their resolution time)" } ?? ""),
        ]
        months = card.months.map { month in
            Month(month: month.month, targets: month.targetsMeasured == 0 ? "—" : "\(month.targetsMet) of \(month.targetsMeasured)",
                  slaCompliance: month.slaCompliance.map { KPITarget.format($0, rate: true) } ?? "—", escalations: "\(month.escalations)",
                  waiting: SLAReportPageModel.hours(month.waitingOnPracticeSeconds),
                  auditAccuracy: month.auditAccuracy.map { KPITarget.format($0, rate: true) + " of \(month.auditedClaims)" } ?? "—",
                  missed: month.targetsMet < month.targetsMeasured)
        }
        audits = card.audits.map { "Audit \($0.number), \($0.name): " + ($0.accuracy.map { KPITarget.format($0, rate: true) } ?? "not reviewed yet") + " accurate over \($0.reviewed) claims, \($0.findings) findings" }
        vendorClocks = SLAReportPageModel.rows(card.vendorClocks, names: [:])
        practiceClocks = SLAReportPageModel.rows(card.practiceClocks, names: [:])
        let figures = Dictionary(kpiTargets.map { ($0.key, $0.figure) }, uniquingKeysWith: { first, _ in first })
        targets = card.targets.map { target in
            Target(month: target.month, key: target.key, outcome: target.outcome.rawValue.replacingOccurrences(of: "_", with: " "),
                   value: target.value.map { value in figures[target.key].map { DashboardPageModel.format(value, figure: $0) } ?? String(format: "%.4g", value) } ?? "—",
                   missed: target.outcome == .missed)
        }
    }
}

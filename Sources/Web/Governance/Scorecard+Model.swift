import Domain

/// `/engagements/{id}/scorecard`: the vendor's scorecard for governance reviews.
struct ScorecardPageModel: Encodable, Equatable {
    /// A target judged at a month's close, and where the same figure stands now when that differs.
    struct Target: Encodable, Equatable {
        /// `November 2026`, the figure's name, the days measured and the target as stated.
        let month, key, outcome, value: String
        let period, target: String
        /// `judged at close on 2026-12-02`, and `now: 96.1%, met; 3 billing files imported since the close` when the figure moved.
        let judged: String
        let now: String?
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

    /// Each judged target carries its own figure and target from the close, so its value reads as its figure does (rates as percentages).
    init(chrome: PageChrome, engagementID: Engagement.ID, card: VendorScorecard) {
        self.chrome = chrome
        engagementLink = "/engagements/\(engagementID)"
        from = card.from.description
        to = card.to.description
        csvLink = PageLink.to("/engagements/\(engagementID)/scorecard.csv", [("from", card.from), ("to", card.to)])
        let measured = card.targetsMet + card.targetsMissed
        headline = [
            "Service levels: \(card.targetsMet) of \(measured) met" + (measured == 0 ? " (no month of the range closed yet)" : ""),
            "The vendor's clocks met in time: " + (card.slaCompliance.map { KPITarget.format($0, rate: true) } ?? "none judged yet"),
            "Audit accuracy: "
                + (card.auditAccuracy.map { KPITarget.format($0, rate: true) + " of the audited claims had no error" }
                    ?? "no audited claim in the range"),
            "Open escalations: "
                + (card.openEscalations.isEmpty
                    ? "none"
                    : "\(card.openEscalations.count) (\(card.openEscalations.prefix(10).joined(separator: ", "))\(card.openEscalations.count > 10 ? ", …" : ""))"),
            "Vendor tickets opened: \(card.vendorTickets), \(card.vendorTicketsDone) resolved or closed, \(card.escalations) escalation levels",
            "Time the vendor's tickets waited on the practice: \(SLAReportPageModel.hours(card.waitingOnPracticeSeconds))"
                + (card.waitingOnPracticeShare.map { " (\(KPITarget.format($0, rate: true)) of their resolution time)" } ?? ""),
        ]
        months = card.months.map { month in
            Month(
                month: CalendarMonth(month.month).map { MeasurementPeriod(.month, containing: $0).label } ?? month.month,
                targets: month.targetsMeasured == 0 ? "—" : "\(month.targetsMet) of \(month.targetsMeasured)",
                slaCompliance: month.slaCompliance.map { KPITarget.format($0, rate: true) } ?? "—", escalations: "\(month.escalations)",
                waiting: SLAReportPageModel.hours(month.waitingOnPracticeSeconds),
                auditAccuracy: month.auditAccuracy.map { KPITarget.format($0, rate: true) + " of \(month.auditedClaims)" } ?? "—",
                missed: month.targetsMet < month.targetsMeasured)
        }
        audits = card.audits.map {
            "Audit \($0.number), \($0.name): " + ($0.accuracy.map { KPITarget.format($0, rate: true) } ?? "not reviewed yet")
                + " accurate over \($0.reviewed) claims, \($0.findings) findings"
        }
        vendorClocks = SLAReportPageModel.rows(card.vendorClocks, names: [:])
        practiceClocks = SLAReportPageModel.rows(card.practiceClocks, names: [:])
        targets = card.targets.map { target in
            let month = CalendarMonth(target.month).map { MeasurementPeriod(.month, containing: $0).label } ?? target.month
            let files = target.filesSinceClose.map { $0 == 1 ? "1 billing file" : "\($0) billing files" }
            return Target(
                month: month, key: target.label ?? "a target", outcome: target.outcome.words, value: target.shown(target.value),
                period: target.period ?? month, target: target.target ?? "—",
                judged: "judged at close" + (target.closedOn.map { " on \($0)" } ?? ""),
                now: target.differsNow
                    ? "now: \(target.shown(target.now)), \(target.nowOutcome?.words ?? "not judged")"
                        + (files.map { "; \($0) imported since the close" } ?? "") : nil,
                missed: target.outcome == .missed)
        }
    }
}

import Foundation

/// How the vendor did over a range, as the practice reviews it in governance: the contract's
/// service levels month by month, the vendor's ticket clocks, and — so the vendor is not blamed for
/// the practice's delays — the time its tickets waited on the practice and how the practice kept
/// its own clocks on the requests for action it owed.
public struct VendorScorecard: Sendable, Equatable, Encodable {
    /// One contract target judged at the close of one month, and the same figure now.
    public struct Target: Sendable, Equatable, Encodable {
        /// The month whose close judged it.
        public var month: String
        public var key: String
        /// The frozen verdict of the close.
        public var outcome: ServiceLevelResult.Outcome
        public var value: Double?
        /// The figure key, its name, the target as stated, and the days measured (`Jul–Sep 2026`).
        public var figure: String?
        public var label: String?
        public var target: String?
        public var period: String?
        /// The practice's day of the close.
        public var closedOn: CalendarDate?
        /// The figure over the same days computed now, and its verdict by the same target.
        public var now: Double?
        public var nowOutcome: ServiceLevelResult.Outcome?
        /// Billing files imported after the close.
        public var filesSinceClose: Int?

        public init(month: String, key: String, outcome: ServiceLevelResult.Outcome, value: Double?) {
            self.month = month
            self.key = key
            self.outcome = outcome
            self.value = value
        }

        /// A close's frozen verdict beside where the target stands now.
        public init(month: String, closed: ServiceLevelResult, standing: TargetStanding) {
            self.init(month: month, key: closed.target.key, outcome: closed.outcome, value: closed.value)
            figure = closed.target.figure
            label = FigureCatalogue.label(closed.target.figure)
            target = closed.target.stated
            period = standing.period.label
            closedOn = standing.atClose?.closedOn
            now = standing.value
            nowOutcome = standing.verdict.outcome
            filesSinceClose = standing.atClose?.filesSince
        }

        /// The value as its figure is written.
        public func shown(_ value: Double?) -> String {
            guard let value else { return "no value" }
            return figure.map { FigureCatalogue.format(value, figure: $0) } ?? KPITarget.format(value, rate: false)
        }

        /// `September 2026: Days in A/R 52.3 days against ≤ 40.0 days`; a quarter's `Jul–Sep 2026, closed in September 2026: …`.
        public var missedWords: String {
            let month = CalendarMonth(self.month).map { MeasurementPeriod(.month, containing: $0).label } ?? self.month
            let when = period.map { $0 == month ? month : "\($0), closed in \(month)" } ?? month
            return "\(when): \(label ?? "a target") \(shown(value))" + (target.map { " against \($0)" } ?? "")
        }

        /// Whether today's figure or verdict is not the one the close judged.
        public var differsNow: Bool { nowOutcome != nil && (shown(now) != shown(value) || nowOutcome != outcome) }
    }

    /// One month of the range, the ticket figures by the month the tickets opened in.
    public struct Month: Sendable, Equatable, Encodable {
        public var month: String
        public var targetsMet: Int
        public var targetsMeasured: Int
        /// The vendor's clocks that finished in time, and those breached (open ones already past due included).
        public var clocksMet: Int
        public var clocksBreached: Int
        /// clocksMet / (clocksMet + clocksBreached); nil when no clock was judged.
        public var slaCompliance: Double?
        public var escalations: Int
        public var waitingOnPracticeSeconds: Double
        /// Pooled over the audits of claims submitted from that month: claims right / claims reviewed.
        public var auditAccuracy: Double?
        public var auditedClaims: Int
    }

    /// A quality audit of claims submitted in the range.
    public struct Audit: Sendable, Equatable, Encodable {
        public var number: Int
        public var name: String
        public var reviewed: Int
        public var accuracy: Double?
        public var findings: Int
    }

    public var from: CalendarDate
    public var to: CalendarDate
    /// Month by month, oldest first.
    public var months: [Month]
    /// The vendor's clocks met, as a share of those judged.
    public var slaCompliance: Double?
    /// Audits of claims submitted in the range (an audit counts in the month its days start).
    public var audits: [Audit]
    /// Pooled over those audits: claims right / claims reviewed.
    public var auditAccuracy: Double?
    /// The vendor's tickets escalated and still open when the scorecard was read (any opening day up to the range's end).
    public var openEscalations: [String]
    /// Service levels of the months closed in the range.
    public var targets: [Target]
    public var targetsMet: Int
    public var targetsMissed: Int
    /// Per clock, the tickets assigned to the vendor opened in the range.
    public var vendorClocks: [SLAReport.Row]
    /// Per clock, the tickets assigned to the practice (its requests for action and other work it owes).
    public var practiceClocks: [SLAReport.Row]
    /// Vendor tickets opened in the range, and how many of them are resolved or closed.
    public var vendorTickets: Int
    public var vendorTicketsDone: Int
    /// Business seconds the vendor's tickets waited on the practice (resolution clocks paused for it).
    public var waitingOnPracticeSeconds: Double
    /// That waiting as a share of the vendor tickets' resolution time, used and waited.
    public var waitingOnPracticeShare: Double?
    /// Escalation levels fired on the vendor's tickets.
    public var escalations: Int

    /// - Parameters:
    ///   - items: the engagement's tickets opened in the range, with their clocks read at the report's instant.
    ///   - escalations: levels fired on those tickets, by ticket.
    ///   - audits: the engagement's quality audits; those whose days start in the range count.
    ///   - openEscalations: references of the vendor's escalated tickets still open.
    public init(
        from: CalendarDate, to: CalendarDate, items: [SLAReport.Item], escalations: [Ticket.ID: Int], targets: [Target],
        audits: [QualityAudit] = [], openEscalations: [String] = []
    ) {
        self.from = from
        self.to = to
        let counted = audits.filter { $0.from >= from && $0.from <= to }.sorted { $0.number < $1.number }
        self.audits = counted.map { audit in
            let results = AuditResults(audit)
            return Audit(
                number: audit.number, name: audit.name, reviewed: results.reviewed, accuracy: results.accuracy, findings: results.findings)
        }
        auditAccuracy = Self.pooledAccuracy(counted)
        self.openEscalations = openEscalations
        let vendorItems = items.filter { $0.ticket.assignedParty == .vendor }
        slaCompliance = Self.compliance(SLAReport(vendorItems, by: .party).rows).share
        var months: [Month] = []
        var month = CalendarMonth(from)
        while month.firstDay <= to {
            let name = month.description
            let inMonth = vendorItems.filter { $0.month == month }
            let judged = Self.compliance(SLAReport(inMonth, by: .party).rows)
            let monthTargets = targets.filter { $0.month == name }
            let monthAudits = counted.filter { CalendarMonth($0.from) == month }
            months.append(
                Month(
                    month: name, targetsMet: monthTargets.filter { $0.outcome == .met }.count,
                    targetsMeasured: monthTargets.filter { $0.outcome == .met || $0.outcome == .missed }.count,
                    clocksMet: judged.met, clocksBreached: judged.breached, slaCompliance: judged.share,
                    escalations: inMonth.reduce(0) { $0 + (escalations[$1.ticket.id] ?? 0) },
                    waitingOnPracticeSeconds: Self.waited(inMonth), auditAccuracy: Self.pooledAccuracy(monthAudits),
                    auditedClaims: monthAudits.reduce(0) { $0 + AuditResults($1).reviewed }))
            guard let next = month.adding(months: 1) else { break }
            month = next
        }
        self.months = months
        self.targets = targets.sorted { ($0.month, $0.key) < ($1.month, $1.key) }
        targetsMet = targets.filter { $0.outcome == .met }.count
        targetsMissed = targets.filter { $0.outcome == .missed }.count
        let vendor = items.filter { $0.ticket.assignedParty == .vendor }
        let practice = items.filter { $0.ticket.assignedParty == .practice }
        vendorClocks = SLAReport(vendor, by: .party).rows
        practiceClocks = SLAReport(practice, by: .party).rows
        vendorTickets = vendor.count
        vendorTicketsDone = vendor.filter { $0.ticket.status == .resolved || $0.ticket.status == .closed }.count
        let waited = Self.waited(vendor)
        let used = vendor.reduce(0) { $0 + $1.clocks.resolution.businessSecondsUsed }
        waitingOnPracticeSeconds = waited
        waitingOnPracticeShare = used + waited > 0 ? waited / (used + waited) : nil
        self.escalations = vendor.reduce(0) { $0 + (escalations[$1.ticket.id] ?? 0) }
    }

    /// Business seconds the resolution clocks of these tickets were paused for the practice.
    static func waited(_ items: [SLAReport.Item]) -> Double {
        items.filter { $0.clocks.resolution.pausedBy == .practice }.reduce(0) { $0 + $1.clocks.resolution.businessSecondsPaused }
    }

    /// Clocks met and breached over report rows, and the share met.
    static func compliance(_ rows: [SLAReport.Row]) -> (met: Int, breached: Int, share: Double?) {
        let met = rows.reduce(0) { $0 + $1.met }, breached = rows.reduce(0) { $0 + $1.breached }
        return (met, breached, met + breached == 0 ? nil : Double(met) / Double(met + breached))
    }

    /// Claims reviewed right over claims reviewed, across audits; nil when none was reviewed.
    static func pooledAccuracy(_ audits: [QualityAudit]) -> Double? {
        let reviewed = audits.flatMap(\.claims).filter { $0.reviewedAt != nil }
        return reviewed.isEmpty ? nil : Double(reviewed.filter { $0.findings.isEmpty }.count) / Double(reviewed.count)
    }

    /// The scorecard as CSV: one line per measure, then one per target and month as judged at its
    /// close, followed by a `target now` line (value, met, missed, files imported since the close)
    /// where the figure now differs.
    public var csv: String {
        func number(_ value: Double?) -> String { value.map { String(format: "%.4f", $0) } ?? "" }
        var lines = ["section,item,clocks_or_value,met,breached,open,share_met,median_business_seconds,p90_business_seconds"]
        for (section, rows) in [("vendor_clocks", vendorClocks), ("practice_clocks", practiceClocks)] {
            for row in rows {
                lines.append(
                    "\(section),\(row.clock),\(row.clocks),\(row.met),\(row.breached),\(row.open),\(number(row.shareMet)),\(number(row.medianBusinessSeconds)),\(number(row.p90BusinessSeconds))"
                )
            }
        }
        lines.append("tickets,vendor_tickets,\(vendorTickets),,,,,,")
        lines.append("tickets,vendor_tickets_done,\(vendorTicketsDone),,,,,,")
        lines.append("tickets,escalations,\(escalations),,,,,,")
        lines.append("tickets,open_escalations,\(openEscalations.count),,,,,,")
        lines.append("sla,vendor_clocks_share_met,\(number(slaCompliance)),,,,,,")
        lines.append("audits,accuracy,\(number(auditAccuracy)),,,,,,")
        for audit in audits {
            lines.append("audit \(audit.number),accuracy,\(number(audit.accuracy)),,,,,,")
        }
        for month in months {
            lines.append(
                "month \(month.month),targets_met,\(month.targetsMet),\(month.targetsMet),\(month.targetsMeasured - month.targetsMet),,,,")
            lines.append(
                "month \(month.month),vendor_clocks,\(month.clocksMet + month.clocksBreached),\(month.clocksMet),\(month.clocksBreached),,\(number(month.slaCompliance)),,"
            )
            lines.append("month \(month.month),escalations,\(month.escalations),,,,,,")
            lines.append("month \(month.month),waiting_on_practice_business_seconds,\(number(month.waitingOnPracticeSeconds)),,,,,,")
            lines.append("month \(month.month),audit_accuracy,\(number(month.auditAccuracy)),,,,,,")
        }
        lines.append("waiting,waiting_on_practice_business_seconds,\(number(waitingOnPracticeSeconds)),,,,,,")
        lines.append("waiting,waiting_on_practice_share,\(number(waitingOnPracticeShare)),,,,,,")
        for target in self.targets {
            lines.append(
                "target \(target.month),\(target.key),\(number(target.value)),\(target.outcome == .met ? 1 : 0),\(target.outcome == .missed ? 1 : 0),,,,"
            )
            // Judged at the close above; the same figure now, when files imported since moved it.
            if target.differsNow {
                lines.append(
                    "target now \(target.month),\(target.key),\(number(target.now)),\(target.nowOutcome == .met ? 1 : 0),\(target.nowOutcome == .missed ? 1 : 0),\(target.filesSinceClose ?? 0),,,"
                )
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

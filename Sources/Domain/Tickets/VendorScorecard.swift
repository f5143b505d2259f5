import Foundation

/// How the vendor did over a range, as the practice reviews it in governance: the contract's
/// service levels month by month, the vendor's ticket clocks, and — so the vendor is not blamed for
/// the practice's delays — the time its tickets waited on the practice and how the practice kept
/// its own clocks on the requests for action it owed.
public struct VendorScorecard: Sendable, Equatable, Encodable {
    /// One contract target in one month.
    public struct Target: Sendable, Equatable, Encodable {
        public var month: String
        public var key: String
        public var outcome: ServiceLevelResult.Outcome
        public var value: Double?

        public init(month: String, key: String, outcome: ServiceLevelResult.Outcome, value: Double?) {
            self.month = month
            self.key = key
            self.outcome = outcome
            self.value = value
        }
    }

    public var from: CalendarDate
    public var to: CalendarDate
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
    public init(from: CalendarDate, to: CalendarDate, items: [SLAReport.Item], escalations: [Ticket.ID: Int], targets: [Target]) {
        self.from = from
        self.to = to
        self.targets = targets.sorted { ($0.month, $0.key) < ($1.month, $1.key) }
        targetsMet = targets.filter { $0.outcome == .met }.count
        targetsMissed = targets.filter { $0.outcome == .missed }.count
        let vendor = items.filter { $0.ticket.assignedParty == .vendor }
        let practice = items.filter { $0.ticket.assignedParty == .practice }
        vendorClocks = SLAReport(vendor, by: .party).rows
        practiceClocks = SLAReport(practice, by: .party).rows
        vendorTickets = vendor.count
        vendorTicketsDone = vendor.filter { $0.ticket.status == .resolved || $0.ticket.status == .closed }.count
        let waited = vendor.filter { $0.clocks.resolution.pausedBy == .practice }.reduce(0) { $0 + $1.clocks.resolution.businessSecondsPaused }
        let used = vendor.reduce(0) { $0 + $1.clocks.resolution.businessSecondsUsed }
        waitingOnPracticeSeconds = waited
        waitingOnPracticeShare = used + waited > 0 ? waited / (used + waited) : nil
        self.escalations = vendor.reduce(0) { $0 + (escalations[$1.ticket.id] ?? 0) }
    }

    /// The scorecard as CSV: one line per measure, then one per target and month.
    public var csv: String {
        func number(_ value: Double?) -> String { value.map { String(format: "%.4f", $0) } ?? "" }
        var lines = ["section,item,clocks_or_value,met,breached,open,share_met,median_business_seconds,p90_business_seconds"]
        for (section, rows) in [("vendor_clocks", vendorClocks), ("practice_clocks", practiceClocks)] {
            for row in rows {
                lines.append("\(section),\(row.clock),\(row.clocks),\(row.met),\(row.breached),\(row.open),\(number(row.shareMet)),\(number(row.medianBusinessSeconds)),\(number(row.p90BusinessSeconds))")
            }
        }
        lines.append("tickets,vendor_tickets,\(vendorTickets),,,,,,")
        lines.append("tickets,vendor_tickets_done,\(vendorTicketsDone),,,,,,")
        lines.append("tickets,escalations,\(escalations),,,,,,")
        lines.append("waiting,waiting_on_practice_business_seconds,\(number(waitingOnPracticeSeconds)),,,,,,")
        lines.append("waiting,waiting_on_practice_share,\(number(waitingOnPracticeShare)),,,,,,")
        for target in self.targets {
            lines.append("target \(target.month),\(target.key),\(number(target.value)),\(target.outcome == .met ? 1 : 0),\(target.outcome == .missed ? 1 : 0),,,,")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

import Foundation

/// SLA compliance over a set of tickets (SLA.md "Reports"): per group and clock, the share of
/// clocks met, breaches, median and 90th-percentile business time of the clocks that finished,
/// and the paused time attributed to each party.
public struct SLAReport: Sendable, Equatable, Encodable {
    /// What rows group by.
    public enum Grouping: String, Sendable, CaseIterable, Encodable {
        case month, category, priority, party
        /// The person working each ticket (a user id), or `unassigned`.
        case assignee
    }

    /// One ticket as the report sees it.
    public struct Item: Sendable, Equatable {
        public var ticket: Ticket
        public var clocks: TicketClocks
        /// The month the ticket opened in the practice's time zone.
        public var month: CalendarMonth

        public init(ticket: Ticket, clocks: TicketClocks, month: CalendarMonth) {
            self.ticket = ticket
            self.clocks = clocks
            self.month = month
        }
    }

    /// One group's figures for one clock.
    public struct Row: Sendable, Equatable, Encodable {
        public var group: String
        public var clock: String
        public var clocks: Int
        public var met: Int
        public var breached: Int
        public var open: Int
        /// met / (met + breached); `nil` when none finished.
        public var shareMet: Double?
        public var medianBusinessSeconds: Double?
        public var p90BusinessSeconds: Double?
        public var pausedByPractice: Double
        public var pausedByVendor: Double
    }

    public var by: Grouping
    public var rows: [Row]

    public init(_ items: [Item], by: Grouping) {
        self.by = by
        func key(_ item: Item) -> String {
            switch by {
            case .month: item.month.description
            case .category: item.ticket.category.rawValue
            case .priority: item.ticket.priority.rawValue
            case .party: item.ticket.assignedParty.rawValue
            case .assignee: item.ticket.assignee?.description ?? "unassigned"
            }
        }
        var rows: [Row] = []
        for (group, members) in Dictionary(grouping: items, by: key).sorted(by: { $0.key < $1.key }) {
            for clock in ["firstResponse", "update", "resolution"] {
                // An update clock counts only once an update was owed (the requester wrote after the first response).
                let readings = members.compactMap { item -> ClockReading? in
                    switch clock {
                    case "firstResponse": item.clocks.firstResponse
                    case "update": item.clocks.update.cycleStartedAt == nil ? nil : item.clocks.update
                    default: item.clocks.resolution
                    }
                }
                let met = readings.filter { $0.state == .met }.count
                let breached = readings.filter { $0.state == .breached }.count
                let finished = readings.filter { $0.stoppedAt != nil && ($0.state == .met || $0.state == .breached) }.map(
                    \.businessSecondsUsed
                ).sorted()
                func paused(_ party: Party) -> Double {
                    readings.filter { $0.pausedBy == party }.reduce(0) { $0 + $1.businessSecondsPaused }
                }
                rows.append(
                    Row(
                        group: group, clock: clock, clocks: readings.count, met: met, breached: breached,
                        open: readings.count - met - breached,
                        shareMet: met + breached > 0 ? Double(met) / Double(met + breached) : nil,
                        medianBusinessSeconds: Self.percentile(finished, 0.5), p90BusinessSeconds: Self.percentile(finished, 0.9),
                        pausedByPractice: paused(.practice), pausedByVendor: paused(.vendor)))
            }
        }
        self.rows = rows
    }

    /// The nearest-rank percentile of sorted values; `nil` for none.
    static func percentile(_ sorted: [Double], _ share: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((share * Double(sorted.count)).rounded(.up))
        return sorted[max(0, min(sorted.count - 1, rank - 1))]
    }

    /// The report as CSV.
    public var csv: String {
        func number(_ value: Double?) -> String { value.map { String(format: "%.0f", $0) } ?? "" }
        var lines = [
            "\(by.rawValue),clock,clocks,met,breached,open,share_met,median_business_seconds,p90_business_seconds,paused_by_practice_seconds,paused_by_vendor_seconds"
        ]
        for row in rows {
            lines.append(
                [
                    row.group, row.clock, "\(row.clocks)", "\(row.met)", "\(row.breached)", "\(row.open)",
                    row.shareMet.map { String($0) } ?? "",
                    number(row.medianBusinessSeconds), number(row.p90BusinessSeconds), number(row.pausedByPractice),
                    number(row.pausedByVendor),
                ]
                .map(CSVText.field).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}

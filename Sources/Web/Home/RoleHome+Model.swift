import Domain
import Foundation

/// `/home`: what a signed-in person needs first. A practice's managers see whether the vendor is
/// performing, whether money is leaking and what waits on their decision; the vendor's people see
/// their queue by time left; the practice's staff see the practice's own queue the same way.
struct RoleHomePageModel: Encodable, Equatable {
    /// One engagement's service: open and breached work and last month's service levels.
    struct Performance: Encodable, Equatable {
        let name, link, scorecardLink: String
        let openTickets, breachedTickets, waitingOnPractice: Int
        let serviceLevels: String
        /// `good`, `bad` or `none` (nothing measured yet).
        let verdict: String
    }

    /// Last full month's money figures against the contract's targets, and the costliest denial causes.
    struct MoneyCard: Encodable, Equatable {
        let month: String
        let dashboardLink: String
        let tiles: [DashboardPageModel.Tile]
        let causes: [DashboardPageModel.CauseRow]
        let deniedCharges: String
    }

    /// Something that waits on the signed-in person.
    struct Decision: Encodable, Equatable {
        let text, link: String
        let detail: String?
    }

    /// One open ticket in the queue, with the clock that falls due first.
    struct QueueRow: Encodable, Equatable {
        let reference, link, title, engagement, priority, status, clock, timeLeft: String
        /// `overdue`, `soon` (within four hours), `running` or `paused`.
        let urgency: String
        let mine: Bool
    }

    let chrome: PageChrome
    let today: String
    let performance: [Performance]
    let money: MoneyCard?
    let decisions: [Decision]
    let showDecisions: Bool
    /// The latest notices published to staff on the transitions, newest first.
    let notices: [Decision]
    let queueTitle: String?
    let queue: [QueueRow]
    let queueMore: Int

    /// What the page is made from; gathered by the controller, shaped here.
    struct Facts {
        var performance: [Performance] = []
        /// Last full month's figures, and every target's standing over its latest period that has ended.
        var money: (month: CalendarMonth, totals: KPIFigures, standings: [TargetStanding])?
        var decisions: [Decision] = []
        var queue: [QueueTicket] = []
        var notices: [(published: Date, notice: Decision)] = []
    }

    struct QueueTicket {
        let ticket: Ticket
        let clocks: TicketClocks
        let engagement: String
        let mine: Bool
        /// The practice's time zone: the ticket's times read in it, as on the ticket's own page.
        var zone: String? = nil
    }

    /// Rows shown in the queue; the rest are counted.
    static let queueLimit = 50

    init(chrome: PageChrome, caller: Caller, facts: Facts, now: Date) {
        self.chrome = chrome
        let zone = caller.organization.timeZone
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: zone)
        formatter.dateFormat = "EEEE d MMMM yyyy, HH:mm"
        today = "\(formatter.string(from: now)) (\(zone))"
        performance = facts.performance
        money = facts.money.map { Self.moneyCard($0.month, totals: $0.totals, standings: $0.standings) }
        decisions = facts.decisions
        notices = facts.notices.sorted { $0.published > $1.published }.prefix(5).map(\.notice)
        showDecisions = caller.organization.kind == .practice ? caller.user.role != .practiceStaff : caller.user.role == .vendorLead
        let role = caller.user.role
        switch role {
        case .vendorAgent: queueTitle = "My queue by time left"
        case .vendorLead: queueTitle = "The team's queue by time left"
        case .practiceStaff, .practiceManager, .practiceAdmin: queueTitle = "Work assigned to the practice, by time left"
        case .complianceAuditor: queueTitle = nil
        }
        var formatters: [String: DateFormatter] = [:]
        func clock(_ date: Date, _ zone: String) -> String {
            if formatters[zone] == nil { formatters[zone] = ClockCell.formatter(timeZone: zone) }
            return formatters[zone]?.string(from: date) ?? ""
        }
        let ordered = facts.queue.map { item in (item, TimeLeft(item.clocks, now: now)) }
            .sorted { $0.1.sortKey != $1.1.sortKey ? $0.1.sortKey < $1.1.sortKey : $0.0.ticket.number < $1.0.ticket.number }
        let shown = queueTitle == nil ? [] : Array(ordered.prefix(Self.queueLimit))
        queue = shown.map { item, left in
            QueueRow(
                reference: item.ticket.reference, link: "/tickets/\(item.ticket.id)", title: item.ticket.title, engagement: item.engagement,
                priority: item.ticket.priority.rawValue, status: item.ticket.status.label,
                clock: left.clock + (left.due.map { ", due \(clock($0, item.zone ?? zone))" } ?? ""), timeLeft: left.text,
                urgency: left.urgency, mine: item.mine)
        }
        queueMore = queueTitle == nil ? 0 : ordered.count - shown.count
    }

    /// "October 2026".
    static func monthName(_ month: CalendarMonth) -> String {
        let names = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
        ]
        return "\(names[(month.month - 1) % 12]) \(month.year)"
    }

    static let moneyFigures = [Figure.initialDenialRate, .netCollectionRate, .daysInAR, .arOver90Pct].map(\.rawValue)

    /// The money figures of `month`; a figure with a target is shown over the target's own period,
    /// with the judge's verdict, so a quarterly target is never held against one month.
    static func moneyCard(_ month: CalendarMonth, totals: KPIFigures, standings: [TargetStanding]) -> MoneyCard {
        let range = "from=\(month.firstDay)&to=\(month.lastDay)"
        let denied = totals.denialCauses.reduce(Money.zero) { $0 + $1.charges }
        var figures = moneyFigures
        for standing in standings where !figures.contains(standing.target.figure) { figures.append(standing.target.figure) }
        return MoneyCard(
            month: monthName(month), dashboardLink: "/dashboard?\(range)",
            tiles: DashboardPageModel.tiles(totals, targets: standings.map(\.target), standings: standings, range: range, figures: figures),
            causes: Array(DashboardPageModel.causes(totals, range: range).prefix(3)), deniedCharges: denied.shown)
    }

    /// `2 of 4 targets met (November 2026; Jul–Sep 2026)` and `good`, `bad` or `none`: counted from
    /// the very verdicts the money card's tiles show.
    static func serviceLevels(_ standings: [TargetStanding]) -> (text: String, verdict: String) {
        guard !standings.isEmpty else { return ("no figure target in the contract", "none") }
        let met = standings.filter { $0.verdict.outcome == .met }.count, missed = standings.filter { $0.verdict.outcome == .missed }.count
        var periods: [String] = []
        for standing in standings where !periods.contains(standing.period.label) { periods.append(standing.period.label) }
        var text = "\(met) of \(standings.count) target\(standings.count == 1 ? "" : "s") met (\(periods.joined(separator: "; ")))"
        let open = standings.count - met - missed
        if open > 0 { text += ", \(open) not judged (in progress or no data)" }
        return (text, missed > 0 ? "bad" : met == standings.count ? "good" : "none")
    }
}

/// How long an open ticket has before its next target, read from its clocks: the first breached
/// clock that still counts, else the running clock that falls due first, else a paused one.
struct TimeLeft: Equatable {
    let clock: String
    let due: Date?
    let text: String
    let urgency: String
    /// Overdue first (longest overdue first), then least time left, then paused, then no clock.
    let sortKey: Double

    static let soon: TimeInterval = 4 * 3600

    init(_ clocks: TicketClocks, now: Date) {
        let named = [("first response", clocks.firstResponse), ("update", clocks.update), ("resolution", clocks.resolution)]
        let overdue = named.filter { $0.1.state == .breached && !$0.1.isStopped }.compactMap { name, reading in
            reading.dueAt.map { (name, $0) }
        }
        .min { $0.1 < $1.1 }
        let running = named.filter { $0.1.state == .running }.compactMap { name, reading in reading.dueAt.map { (name, $0) } }.min {
            $0.1 < $1.1
        }
        if let (name, due) = overdue ?? running.flatMap({ $0.1 <= now ? $0 : nil }) {
            clock = name
            self.due = due
            text = "overdue by " + Self.span(now.timeIntervalSince(due))
            urgency = "overdue"
            sortKey = due.timeIntervalSince(now) - 1e12
        } else if let (name, due) = running {
            clock = name
            self.due = due
            let left = due.timeIntervalSince(now)
            text = Self.span(left) + " left"
            urgency = left <= Self.soon ? "soon" : "running"
            sortKey = left
        } else if let (name, reading) = named.first(where: { $0.1.state == .paused }) {
            clock = name
            due = nil
            text = "paused" + (reading.pausedBy.map { ", waiting on the \($0.rawValue)" } ?? "")
            urgency = "paused"
            sortKey = 1e12
        } else {
            clock = "no clock running"
            due = nil
            text = "—"
            urgency = "running"
            sortKey = 2e12
        }
    }

    /// A duration as people say it: "45 min", "3 h 20 min", "2 d 4 h".
    static func span(_ seconds: TimeInterval) -> String {
        let minutes = max(0, Int((seconds / 60).rounded(.down)))
        if minutes < 60 { return "\(minutes) min" }
        let hours = minutes / 60
        if hours < 24 { return minutes % 60 == 0 ? "\(hours) h" : "\(hours) h \(minutes % 60) min" }
        return hours % 24 == 0 ? "\(hours / 24) d" : "\(hours / 24) d \(hours % 24) h"
    }
}

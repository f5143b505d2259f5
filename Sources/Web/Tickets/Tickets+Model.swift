import Domain
import Foundation

/// How a clock reads on a page: state, and when it is due or was breached, in the practice's time.
struct ClockCell: Encodable, Equatable {
    let state: String
    let text: String

    init(_ reading: ClockReading, formatter: DateFormatter) {
        state = reading.state.rawValue
        switch reading.state {
        case .running: text = reading.dueAt.map { "due \(formatter.string(from: $0))" } ?? "running"
        case .paused: text = "paused" + (reading.pausedBy.map { " (waiting on the \($0.rawValue))" } ?? "")
        case .met: text = "met"
        case .notDue: text = "not due yet"
        case .breached: text = reading.breachedAt.map { "breached \(formatter.string(from: $0))" } ?? "breached"
        }
    }

    static func formatter(timeZone: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: timeZone)
        formatter.dateFormat = "EEE MMM d HH:mm zzz"
        return formatter
    }
}

/// `/engagements/{id}/tickets`: the queue, filtered, with each ticket's clocks and time left now,
/// and the form to file a ticket (what was typed comes back with any error, next to its field).
struct TicketQueuePageModel: Encodable, Equatable {
    struct Row: Encodable, Equatable {
        let reference, link, title, category, priority, status, assigned: String
        let firstResponse, resolution: ClockCell
        let timeLeft: String
        let urgency: String
        let breached: Bool
    }

    struct Option: Encodable, Equatable {
        let value, label: String
        let selected: Bool
    }

    /// The queue's filters as asked (`show`, `category`, `priority`, `assigned`, `q`).
    struct Filters: Equatable {
        var show = "open"
        var category = ""
        var priority = ""
        var assigned = ""
        var text = ""

        /// The filters as a query string, for links that keep them.
        var query: String {
            PageLink.query(
                [("show", show)]
                    + [("category", category), ("priority", priority), ("assigned", assigned), ("q", text)]
                    .map { ($0.0, $0.1.isEmpty ? nil : $0.1) })
        }
    }

    /// The new-ticket form: what was typed, and what to fix.
    struct NewTicket: Encodable, Equatable {
        var title = ""
        var description = ""
        var category = Ticket.Category.claimError.rawValue
        var priority = TicketPriority.normal.rawValue
        var errors: [String: String] = [:]
    }

    let chrome: PageChrome
    let engagementLink: String
    let action: String
    let rows: [Row]
    let shows: [Option]
    let categories: [Option]
    let priorities: [Option]
    let parties: [Option]
    let text: String
    let csvLink: String
    /// Categories and priorities a person may file a ticket under, with the one chosen.
    let newCategories: [Option]
    let newPriorities: [Option]
    let form: NewTicket
    /// Open tickets, and open tickets with a breached clock, in the whole log.
    let openCount: Int
    let breachedCount: Int
    /// Which page of how many tickets shown, with links to the neighbours.
    let shown: String
    let previousLink: String?
    let nextLink: String?

    struct Counts: Equatable {
        var open, breached, matching: Int
    }

    init(
        chrome: PageChrome, engagementID: Engagement.ID, tickets: [(Ticket, TicketClocks)], timeZone: String, filters: Filters,
        counts: Counts, page: Int, perPage: Int, now: Date, form: NewTicket = NewTicket()
    ) {
        let formatter = ClockCell.formatter(timeZone: timeZone)
        self.chrome = chrome
        engagementLink = "/engagements/\(engagementID)"
        action = "/engagements/\(engagementID)/tickets"
        rows = tickets.map { ticket, clocks in
            let open = ticket.status != .resolved && ticket.status != .closed
            let left = TimeLeft(clocks, now: now)
            return Row(
                reference: ticket.reference, link: "/tickets/\(ticket.id)", title: ticket.title, category: ticket.category.label,
                priority: ticket.priority.rawValue, status: ticket.status.label, assigned: ticket.assignedParty.rawValue,
                firstResponse: ClockCell(clocks.firstResponse, formatter: formatter),
                resolution: ClockCell(clocks.resolution, formatter: formatter),
                timeLeft: open ? left.text : "—", urgency: open ? left.urgency : "done",
                breached: [clocks.firstResponse, clocks.update, clocks.resolution].contains { $0.breachedAt != nil })
        }
        func options<Value: RawRepresentable<String> & Labelled>(_ values: [Value], chosen: String, any: String?) -> [Option] {
            (any.map { [Option(value: "", label: $0, selected: chosen.isEmpty)] } ?? [])
                + values.map { Option(value: $0.rawValue, label: $0.label, selected: $0.rawValue == chosen) }
        }
        shows = [("open", "Open"), ("breached", "Open with a breached clock"), ("all", "All")]
            .map { Option(value: $0.0, label: $0.1, selected: $0.0 == filters.show) }
        categories = options(Ticket.Category.allCases, chosen: filters.category, any: "Any category")
        priorities = options(TicketPriority.allCases, chosen: filters.priority, any: "Any priority")
        parties = options(Party.allCases, chosen: filters.assigned, any: "Either party")
        text = filters.text
        csvLink = PageLink.to("/engagements/\(engagementID)/tickets.csv", query: filters.query)
        newCategories = options(Ticket.Category.allCases.filter { $0 != .serviceLevelMiss }, chosen: form.category, any: nil)
        newPriorities = options(TicketPriority.allCases, chosen: form.priority, any: nil)
        self.form = form
        openCount = counts.open
        breachedCount = counts.breached
        let first = min(counts.matching, Paging.offset(page: page, perPage: perPage))
        shown = counts.matching == 0 ? "none" : "\(first + 1)–\(first + rows.count) of \(counts.matching)"
        previousLink = page > 1 ? PageLink.to(action, [("page", page - 1)], query: filters.query) : nil
        nextLink = first + rows.count < counts.matching ? PageLink.to(action, [("page", page + 1)], query: filters.query) : nil
    }

    /// `claim_error` as people write it: "Claim error".
    static func label(_ value: String) -> String {
        let words = value.replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}

/// `/tickets/{id}`: one ticket, its clocks and its history, and what the signed-in person may do.
struct TicketPageModel: Encodable, Equatable {
    struct Clock: Encodable, Equatable {
        let name: String
        let cell: ClockCell
        let used: String
        let paused: String
    }

    struct Entry: Encodable, Equatable {
        let when, who, what: String
        let isInternal: Bool
    }

    let chrome: PageChrome
    let action: String
    let engagementLink: String
    let reference, title, detail, category, priority, status, requester, assigned, task, policy: String
    let clocks: [Clock]
    let history: [Entry]
    let nextStatuses: [TicketQueuePageModel.Option]
    let levels: [String]
    let people: People

    /// Who works and watches the ticket, and its files.
    struct People: Encodable, Equatable {
        struct Worker: Encodable, Equatable {
            let id, email: String
            let selected: Bool
        }

        struct File: Encodable, Equatable {
            let name, link, size: String
        }

        /// People of the assigned party, one of whom may work it.
        let workers: [Worker]
        let watchers: [String]
        /// Whether the signed-in person watches it.
        let watching: Bool
        let files: [File]
    }

    /// - Parameter linkedKeys: the current keys of linked tickets, by id: a link recorded as
    ///   `T-3` before its practice had a prefix reads as `RFM-3`.
    init(
        chrome: PageChrome, ticket: Ticket, clocks: TicketClocks, events: [TicketEvent], names: [User.ID: String],
        ladder: [EscalationLevel],
        contractVersion: Int, timeZone: String, people: People, linkedKeys: [String: String] = [:]
    ) {
        self.people = people
        let formatter = ClockCell.formatter(timeZone: timeZone)
        func hours(_ seconds: Double) -> String { String(format: "%.1f business hours", seconds / 3_600) }
        self.chrome = chrome
        action = "/tickets/\(ticket.id)"
        engagementLink = "/engagements/\(ticket.engagementID)/tickets"
        reference = ticket.reference
        title = ticket.title
        detail = ticket.detail
        category = ticket.category.label
        priority = ticket.priority.label
        status = ticket.status.label
        requester = ticket.requester.rawValue
        assigned = ticket.assignedParty.rawValue
        task = ticket.gridTask ?? "—"
        policy = "contract version \(contractVersion)"
        self.clocks = [("First response", clocks.firstResponse), ("Update", clocks.update), ("Resolution", clocks.resolution)].map {
            Clock(
                name: $0.0, cell: ClockCell($0.1, formatter: formatter), used: hours($0.1.businessSecondsUsed),
                paused: $0.1.businessSecondsPaused > 0 ? hours($0.1.businessSecondsPaused) : "")
        }
        history = events.map { event in
            let who = event.actor.map { names[$0] ?? "a former user" } ?? "Sightline"
            let what: String
            switch event.kind {
            case .opened: what = "opened (\(event.data["priority"] ?? "") priority, for the \(event.data["assignedParty"] ?? ""))"
            case .status:
                what =
                    "status → \((event.data["status"]).flatMap(Ticket.Status.init(rawValue:))?.label ?? "—")"
                    + (event.data["reason"].map { ": \($0)" } ?? "")
            case .message: what = event.data["body"] ?? ""
            case .priority: what = "priority → \(event.data["priority"] ?? "")"
            case .category: what = "category → \(event.data["category"] ?? "")"
            case .assignee: what = (event.data["email"] ?? "").isEmpty ? "assignee cleared" : "assigned to \(event.data["email"] ?? "")"
            case .link:
                let linked = event.data["ticket"].flatMap { linkedKeys[$0] } ?? event.data["reference"]
                what = "linked to " + ([linked, event.data["claim"].map { "claim \($0)" }].compactMap { $0 }.joined(separator: " and "))
            case .watcher: what = (event.data["watching"] == "true" ? "watching: " : "no longer watching: ") + (event.data["email"] ?? "")
            case .attachment: what = "attached \(event.data["name"] ?? "") (\(event.data["size"] ?? "?") bytes)"
            case .escalation:
                what =
                    "escalated: \(event.data["clock"].map { "\($0) " } ?? "")→ \(event.data["level"] ?? "")"
                    + (event.data["reason"].map { ": \($0)" } ?? "")
            }
            return Entry(
                when: formatter.string(from: event.at), who: who + (event.party.map { " (\($0.rawValue))" } ?? ""), what: what,
                isInternal: event.visibility == .internal)
        }
        nextStatuses = Ticket.Status.allCases.filter { TicketWorkflow.allows(from: ticket.status, to: $0) }
            .map { TicketQueuePageModel.Option(value: $0.rawValue, label: $0.label, selected: false) }
        levels = ladder.map(\.key)
    }
}

/// `/engagements/{id}/sla`: SLA compliance as a table, with its CSV.
struct SLAReportPageModel: Encodable, Equatable {
    struct Row: Encodable, Equatable {
        let group, clock: String
        let clocks, met, breached, open: Int
        let shareMet, median, p90, pausedByPractice, pausedByVendor: String
    }

    let chrome: PageChrome
    let engagementLink: String
    let from, to: String
    /// The grouping in words, for the table's first column ("Category").
    let by: String
    let groupings: [TicketQueuePageModel.Option]
    let csvLink: String
    let scorecardLink: String
    let rows: [Row]

    init(
        chrome: PageChrome, engagementID: Engagement.ID, from: CalendarDate, to: CalendarDate, report: SLAReport,
        names: [String: String] = [:]
    ) {
        self.chrome = chrome
        engagementLink = "/engagements/\(engagementID)/tickets"
        self.from = from.description
        self.to = to.description
        by = report.by.label
        groupings = SLAReport.Grouping.allCases.map { .init(value: $0.rawValue, label: $0.label, selected: $0 == report.by) }
        csvLink = PageLink.to("/engagements/\(engagementID)/sla.csv", [("from", from), ("to", to), ("by", report.by.rawValue)])
        scorecardLink = PageLink.to("/engagements/\(engagementID)/scorecard", [("from", from), ("to", to)])
        rows = Self.rows(report.rows, names: names)
    }

    static func hours(_ seconds: Double?) -> String { seconds.map { String(format: "%.1f h", $0 / 3_600) } ?? "—" }

    /// Report rows as the page shows them; `names` turns user ids (assignee groups) into e-mail addresses.
    static func rows(_ rows: [SLAReport.Row], names: [String: String]) -> [Row] {
        rows.map {
            Row(
                group: names[$0.group] ?? $0.group.replacingOccurrences(of: "_", with: " "), clock: $0.clock, clocks: $0.clocks,
                met: $0.met,
                breached: $0.breached, open: $0.open, shareMet: $0.shareMet.map { KPITarget.format($0, rate: true) } ?? "—",
                median: hours($0.medianBusinessSeconds), p90: hours($0.p90BusinessSeconds),
                pausedByPractice: hours($0.pausedByPractice), pausedByVendor: hours($0.pausedByVendor))
        }
    }
}

import Foundation

/// A governance review of an engagement: a period looked back on, an agenda generated from what
/// happened in it, minutes, and the actions it ends in.
public struct GovernanceReview: Sendable, Equatable, Codable, Identifiable {
    public typealias ID = EntityID<GovernanceReview>

    public enum Status: String, Sendable, Codable, CaseIterable {
        case planned, held
    }

    public var id: ID
    public var engagementID: Engagement.ID
    public var number: Int
    public var periodFrom: CalendarDate
    public var periodTo: CalendarDate
    public var scheduledOn: CalendarDate
    public var status: Status
    public var agenda: [AgendaItem]
    public var attendees: [String]
    public var decisions: [String]
    public var notes: String
    public var createdAt: Date

    public init(id: ID = ID(), engagementID: Engagement.ID, number: Int, periodFrom: CalendarDate, periodTo: CalendarDate, scheduledOn: CalendarDate,
                status: Status = .planned, agenda: [AgendaItem] = [], attendees: [String] = [], decisions: [String] = [], notes: String = "",
                createdAt: Date) {
        self.id = id
        self.engagementID = engagementID
        self.number = number
        self.periodFrom = periodFrom
        self.periodTo = periodTo
        self.scheduledOn = scheduledOn
        self.status = status
        self.agenda = agenda
        self.attendees = attendees
        self.decisions = decisions
        self.notes = notes
        self.createdAt = createdAt
    }

    /// The period a review held on `day` looks back on, by the contract's cadence: the last
    /// whole month, or the last whole calendar quarter.
    public static func period(before day: CalendarDate, cadence: GovernanceTerms.Cadence) -> (from: CalendarDate, to: CalendarDate)? {
        let month = CalendarMonth(day)
        switch cadence {
        case .monthly:
            guard let last = month.adding(months: -1) else { return nil }
            return (last.firstDay, last.lastDay)
        case .quarterly:
            let quarterStart = ((month.month - 1) / 3) * 3 + 1
            guard let thisQuarter = CalendarMonth(year: month.year, month: quarterStart), let first = thisQuarter.adding(months: -3),
                  let last = thisQuarter.adding(months: -1) else { return nil }
            return (first.firstDay, last.lastDay)
        }
    }
}

/// One line of a review's agenda, and where it came from.
public struct AgendaItem: Sendable, Equatable, Codable {
    public enum Source: String, Sendable, Codable, CaseIterable {
        case kpiTrend = "kpi_trend"
        case serviceLevelMiss = "service_level_miss"
        case slaBreaches = "sla_breaches"
        case escalation
        case auditFinding = "audit_finding"
        case risk
        case training
        case action
        case free
    }

    public var source: Source
    public var text: String
    public var link: String?

    public init(source: Source, text: String, link: String? = nil) {
        self.source = source
        self.text = text
        self.link = link
    }
}

/// An action a review ends in: an owner, a due day, and what it is tied to. Open actions carry
/// forward to every later review until done; an overdue one escalates.
public struct ReviewAction: Sendable, Equatable, Codable, Identifiable {
    public typealias ID = EntityID<ReviewAction>

    public enum Status: String, Sendable, Codable, CaseIterable {
        case open, done
    }

    public var id: ID
    public var engagementID: Engagement.ID
    public var reviewID: GovernanceReview.ID
    public var number: Int
    public var title: String
    public var ownerEmail: String
    public var dueOn: CalendarDate
    /// What it is tied to: a ticket (`T-12`), a figure (`initialDenialRate`), a risk (`R-2`) or a finding; free text.
    public var linksTo: String
    public var status: Status
    public var doneAt: Date?
    public var doneNote: String
    public var createdAt: Date

    public init(id: ID = ID(), engagementID: Engagement.ID, reviewID: GovernanceReview.ID, number: Int, title: String, ownerEmail: String,
                dueOn: CalendarDate, linksTo: String = "", status: Status = .open, doneAt: Date? = nil, doneNote: String = "", createdAt: Date) {
        self.id = id
        self.engagementID = engagementID
        self.reviewID = reviewID
        self.number = number
        self.title = title
        self.ownerEmail = ownerEmail
        self.dueOn = dueOn
        self.linksTo = linksTo
        self.status = status
        self.doneAt = doneAt
        self.doneNote = doneNote
        self.createdAt = createdAt
    }

    public var reference: String { "A-\(number)" }

    /// Open past its due day, as of `today` (the practice's).
    public func isOverdue(on today: CalendarDate) -> Bool { status == .open && dueOn < today }

    public func validate() throws(GovernanceError) {
        let trimmed = title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 300 else { throw .field("title", "say what is to be done, in at most 300 characters") }
        guard linksTo.count <= 200 else { throw .field("linksTo", "at most 200 characters") }
    }
}

/// What a review's agenda is generated from; each list is already limited to the review's period.
public struct AgendaSources: Sendable, Equatable {
    /// One figure across the period: its value in the period's first and last months, and the contract's target.
    public struct Trend: Sendable, Equatable {
        public var figure: String
        public var label: String
        public var first: String?
        public var last: String?
        public var target: String?
        public var missed: Bool

        public init(figure: String, label: String, first: String?, last: String?, target: String?, missed: Bool) {
            self.figure = figure
            self.label = label
            self.first = first
            self.last = last
            self.target = target
            self.missed = missed
        }
    }

    public var trends: [Trend] = []
    /// Service levels judged missed in the period's months: "2026-09 days-in-ar".
    public var serviceLevelMisses: [String] = []
    /// Tickets opened in the period with a breached clock, and how many tickets opened in all.
    public var breachedTickets: [String] = []
    public var ticketsOpened = 0
    /// Open tickets escalated on the ladder: "T-12 Clearinghouse rejecting every 837 (leadership)".
    public var openEscalations: [(reference: String, text: String)] = []
    public var findings: [String] = []
    public var risks: [Risk] = []
    /// Gaps the period's tickets point at (process gaps, documentation asked for).
    public var trainingNeeds: [String] = []
    /// Actions of earlier reviews still open.
    public var openActions: [ReviewAction] = []
    public var free: [String] = []

    public init() {}

    public static func == (lhs: AgendaSources, rhs: AgendaSources) -> Bool {
        lhs.trends == rhs.trends && lhs.serviceLevelMisses == rhs.serviceLevelMisses && lhs.breachedTickets == rhs.breachedTickets
            && lhs.ticketsOpened == rhs.ticketsOpened && lhs.openEscalations.map(\.reference) == rhs.openEscalations.map(\.reference)
            && lhs.findings == rhs.findings && lhs.risks == rhs.risks && lhs.trainingNeeds == rhs.trainingNeeds && lhs.openActions == rhs.openActions
            && lhs.free == rhs.free
    }

    /// The agenda, in the order a review takes it: the figures against the contract, service
    /// levels missed, the issue log's breaches and open escalations, audit findings, high risks
    /// (and any risk due for review by the period's end), training needs, actions carried forward
    /// (overdue first), then the free items.
    public func agenda(periodEnd: CalendarDate, today: CalendarDate) -> [AgendaItem] {
        var items: [AgendaItem] = []
        for trend in trends {
            var text = "\(trend.label): \(trend.first ?? "—") → \(trend.last ?? "—")"
            if let target = trend.target { text += " against \(target)" + (trend.missed ? ", missed" : ", met") }
            items.append(AgendaItem(source: .kpiTrend, text: text, link: "/definitions#\(trend.figure)"))
        }
        for miss in serviceLevelMisses {
            items.append(AgendaItem(source: .serviceLevelMiss, text: "Service level missed: \(miss)"))
        }
        if ticketsOpened > 0 {
            items.append(AgendaItem(source: .slaBreaches, text: "\(breachedTickets.count) of \(ticketsOpened) tickets opened in the period breached a clock"
                                        + (breachedTickets.isEmpty ? "" : " (\(breachedTickets.prefix(10).joined(separator: ", "))\(breachedTickets.count > 10 ? ", …" : ""))")))
        }
        for escalation in openEscalations {
            items.append(AgendaItem(source: .escalation, text: "Open escalation: \(escalation.reference) \(escalation.text)"))
        }
        for finding in findings {
            items.append(AgendaItem(source: .auditFinding, text: "Audit finding: \(finding)"))
        }
        for risk in risks.filter({ $0.status == .open && ($0.level == .high || $0.reviewOn <= periodEnd) })
            .sorted(by: { ($0.score, -$0.number) > ($1.score, -$1.number) }) {
            items.append(AgendaItem(source: .risk, text: "\(risk.level == .high ? "High risk" : "Risk due for review") \(risk.reference) (\(risk.category.rawValue), "
                                        + "\(risk.likelihood)×\(risk.impact)): \(risk.title); owner \(risk.ownerEmail)"))
        }
        for need in trainingNeeds {
            items.append(AgendaItem(source: .training, text: "Training need: \(need)"))
        }
        let carried = openActions.filter { $0.status == .open }.sorted { ($0.isOverdue(on: today) ? 0 : 1, $0.dueOn, $0.number) < ($1.isOverdue(on: today) ? 0 : 1, $1.dueOn, $1.number) }
        for action in carried {
            items.append(AgendaItem(source: .action, text: "Carried forward \(action.reference): \(action.title); owner \(action.ownerEmail), "
                                        + (action.isOverdue(on: today) ? "overdue since \(action.dueOn)" : "due \(action.dueOn)")))
        }
        for text in free {
            items.append(AgendaItem(source: .free, text: text))
        }
        return items
    }
}

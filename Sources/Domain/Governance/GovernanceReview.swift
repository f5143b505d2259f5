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

    public init(
        id: ID = ID(), engagementID: Engagement.ID, number: Int, periodFrom: CalendarDate, periodTo: CalendarDate,
        scheduledOn: CalendarDate,
        status: Status = .planned, agenda: [AgendaItem] = [], attendees: [String] = [], decisions: [String] = [], notes: String = "",
        createdAt: Date
    ) {
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
                let last = thisQuarter.adding(months: -1)
            else { return nil }
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

    public init(
        id: ID = ID(), engagementID: Engagement.ID, reviewID: GovernanceReview.ID, number: Int, title: String, ownerEmail: String,
        dueOn: CalendarDate, linksTo: String = "", status: Status = .open, doneAt: Date? = nil, doneNote: String = "", createdAt: Date
    ) {
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
    /// One figure against the period before: for a figure with a target, over the target's own
    /// period (the one the review's last month falls in) with the judge's verdict and, when they
    /// differ, what the period's close judged; otherwise over the review's period.
    public struct Trend: Sendable, Equatable {
        public var figure: String
        public var label: String
        /// The days the value covers (`Jul–Sep 2026`) and the value (`96.1%`).
        public var period: String
        public var value: String?
        /// The period of the same length just before, and its value.
        public var previousPeriod: String
        public var previous: String?
        /// `≥ 95%`; nil without a target.
        public var target: String?
        /// From ``ServiceLevelJudge``; nil without a target.
        public var verdict: Verdict?
        /// `judged at close on …`, when the close judged otherwise than now.
        public var atClose: String?

        public init(
            figure: String, label: String, period: String, value: String?, previousPeriod: String, previous: String?,
            target: String? = nil, verdict: Verdict? = nil, atClose: String? = nil
        ) {
            self.figure = figure
            self.label = label
            self.period = period
            self.value = value
            self.previousPeriod = previousPeriod
            self.previous = previous
            self.target = target
            self.verdict = verdict
            self.atClose = atClose
        }

        /// A target's standing beside the previous period's value.
        public init(_ standing: TargetStanding, previous: Double?) {
            let figure = standing.target.figure
            self.init(
                figure: figure, label: FigureCatalogue.label(figure), period: standing.period.label,
                value: standing.value.map { FigureCatalogue.format($0, figure: figure) }, previousPeriod: standing.period.previous.label,
                previous: previous.map { FigureCatalogue.format($0, figure: figure) }, target: standing.target.stated,
                verdict: standing.verdict, atClose: standing.closeWords)
        }

        /// `Net collection rate: 96.1% in Jul–Sep 2026 (Apr–Jun 2026: 95.2%) against ≥ 95%: met`.
        public var text: String {
            var text = "\(label): \(value ?? "no value") in \(period) (\(previousPeriod): \(previous ?? "no value"))"
            if let target { text += " against \(target): \(verdict?.words ?? "not judged")" }
            if let atClose { text += "; \(atClose)" }
            return text
        }
    }

    public var trends: [Trend] = []
    /// Service levels judged missed at the close of the period's months: "September 2026: Days in A/R 52.3 days against ≤ 40.0 days".
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
            && lhs.findings == rhs.findings && lhs.risks == rhs.risks && lhs.trainingNeeds == rhs.trainingNeeds
            && lhs.openActions == rhs.openActions
            && lhs.free == rhs.free
    }

    /// The agenda, in the order a review takes it: the figures against the contract, service
    /// levels missed, the issue log's breaches and open escalations, audit findings, high risks
    /// (and any risk due for review by the period's end), training needs, actions carried forward
    /// (overdue first), then the free items.
    public func agenda(periodEnd: CalendarDate, today: CalendarDate) -> [AgendaItem] {
        var items: [AgendaItem] = []
        for trend in trends {
            items.append(AgendaItem(source: .kpiTrend, text: trend.text, link: "/definitions#\(trend.figure)"))
        }
        for miss in serviceLevelMisses {
            items.append(AgendaItem(source: .serviceLevelMiss, text: "Service level missed: \(miss)"))
        }
        if ticketsOpened > 0 {
            items.append(
                AgendaItem(
                    source: .slaBreaches,
                    text: "\(breachedTickets.count) of \(ticketsOpened) tickets opened in the period breached a clock"
                        + (breachedTickets.isEmpty
                            ? "" : " (\(breachedTickets.prefix(10).joined(separator: ", "))\(breachedTickets.count > 10 ? ", …" : ""))")))
        }
        for escalation in openEscalations {
            items.append(AgendaItem(source: .escalation, text: "Open escalation: \(escalation.reference) \(escalation.text)"))
        }
        for finding in findings {
            items.append(AgendaItem(source: .auditFinding, text: "Audit finding: \(finding)"))
        }
        for risk in risks.filter({ $0.status == .open && ($0.level == .high || $0.reviewOn <= periodEnd) })
            .sorted(by: { ($0.score, -$0.number) > ($1.score, -$1.number) })
        {
            items.append(
                AgendaItem(
                    source: .risk,
                    text: "\(risk.level == .high ? "High risk" : "Risk due for review") \(risk.reference) (\(risk.category.rawValue), "
                        + "\(risk.likelihood)×\(risk.impact)): \(risk.title); owner \(risk.ownerEmail)"))
        }
        for need in trainingNeeds {
            items.append(AgendaItem(source: .training, text: "Training need: \(need)"))
        }
        let carried = openActions.filter { $0.status == .open }.sorted {
            ($0.isOverdue(on: today) ? 0 : 1, $0.dueOn, $0.number) < ($1.isOverdue(on: today) ? 0 : 1, $1.dueOn, $1.number)
        }
        for action in carried {
            items.append(
                AgendaItem(
                    source: .action,
                    text: "Carried forward \(action.reference): \(action.title); owner \(action.ownerEmail), "
                        + (action.isOverdue(on: today) ? "overdue since \(action.dueOn)" : "due \(action.dueOn)")))
        }
        for text in free {
            items.append(AgendaItem(source: .free, text: text))
        }
        return items
    }
}

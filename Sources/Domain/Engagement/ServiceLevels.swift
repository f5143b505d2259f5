import Foundation

/// What each side owes the other: figure targets and response times.
public struct ServiceLevels: Sendable, Equatable, Codable {
    public var kpiTargets: [KPITarget]
    public var responsePolicy: ResponsePolicy
    public var escalationLadder: [EscalationLevel]
    /// Largest difference between a vendor-reported monthly figure and Sightline's own before it
    /// is flagged, as a fraction of Sightline's figure (0.02 = 2%).
    public var reportingTolerance: Double

    public init(kpiTargets: [KPITarget], responsePolicy: ResponsePolicy, escalationLadder: [EscalationLevel], reportingTolerance: Double) {
        self.kpiTargets = kpiTargets
        self.responsePolicy = responsePolicy
        self.escalationLadder = escalationLadder
        self.reportingTolerance = reportingTolerance
    }
}

/// A target on one figure of KPIS.md, measured each period.
public struct KPITarget: Sendable, Equatable, Codable {
    /// How a figure is compared with its target.
    public enum Comparator: String, Sendable, Codable, CaseIterable {
        case atLeast = "at_least"
        case atMost = "at_most"

        /// `≥` or `≤`.
        public var symbol: String { self == .atLeast ? "≥" : "≤" }
    }

    /// The span one measurement covers, ending with the month that closes.
    public enum Period: String, Sendable, Codable, CaseIterable {
        case month, quarter

        /// Months measured together.
        public var months: Int { self == .month ? 1 : 3 }
    }

    /// Stable identifier in paths and change requests.
    public var key: String
    /// A figure key of KPIS.md section 4 with one number (`initialDenialRate`, `daysInAR`, …).
    public var figure: String
    public var comparator: Comparator
    /// The target; rates are fractions (0.95 = 95%).
    public var target: Double
    public var period: Period

    public init(key: String, figure: String, comparator: Comparator, target: Double, period: Period) {
        self.key = key
        self.figure = figure
        self.comparator = comparator
        self.target = target
        self.period = period
    }

    /// The figures a target may name: those of KPIS.md section 4 that are one number.
    public static let measurableFigures: [String] = FigureCatalogue.oneNumber.map(\.key)

    /// Whether the figure is a fraction shown as a percentage.
    public var isRate: Bool { FigureCatalogue.isRate(figure) }

    /// `Initial denial rate ≤ 5% (month)`. Verdicts come from ``ServiceLevelJudge`` only.
    public var summary: String { "\(FigureCatalogue.label(figure)) \(stated) (\(period.rawValue))" }

    /// A value the way the target states it: rates as percentages.
    public static func format(_ value: Double, rate: Bool) -> String {
        if rate {
            let percent = (value * 10_000).rounded() / 100
            return "\(percent.formatted2)%"
        }
        return ((value * 100).rounded() / 100).formatted2
    }
}

extension Double {
    /// At most two decimals, without trailing zeros.
    var formatted2: String {
        let rounded = (self * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        var text = String(format: "%.2f", rounded)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}

/// Response times per category and priority, on a business calendar (SLA.md).
public struct ResponsePolicy: Sendable, Equatable, Codable {
    public var calendar: BusinessCalendar
    /// Shares of a target at which a clock warns (0.5, 0.75).
    public var warningThresholds: [Double]
    public var targets: [ResponseTarget]

    public init(calendar: BusinessCalendar, warningThresholds: [Double], targets: [ResponseTarget]) {
        self.calendar = calendar
        self.warningThresholds = warningThresholds
        self.targets = targets
    }

    /// The targets for a ticket of `category` and `priority`: the category's own row, else the
    /// row for every category (`*`).
    public func target(category: String, priority: TicketPriority) -> ResponseTarget? {
        targets.first { $0.category == category && $0.priority == priority }
            ?? targets.first { $0.category == ResponseTarget.anyCategory && $0.priority == priority }
    }
}

/// How urgent a ticket is.
public enum TicketPriority: String, Sendable, Codable, CaseIterable, Comparable {
    case urgent, high, normal, low

    /// 0 for the most urgent.
    public var rank: Int {
        switch self {
        case .urgent: 0
        case .high: 1
        case .normal: 2
        case .low: 3
        }
    }

    public static func < (lhs: TicketPriority, rhs: TicketPriority) -> Bool { lhs.rank < rhs.rank }
}

/// First-response, update and resolution targets for one category and priority, in business hours.
public struct ResponseTarget: Sendable, Equatable, Codable {
    /// The category every ticket matches when it has no row of its own.
    public static let anyCategory = "*"

    /// `category/priority`, the row's identifier.
    public var key: String { "\(category)/\(priority.rawValue)" }
    public var category: String
    public var priority: TicketPriority
    public var firstResponseHours: Double
    public var updateHours: Double
    public var resolutionHours: Double

    public init(category: String, priority: TicketPriority, firstResponseHours: Double, updateHours: Double, resolutionHours: Double) {
        self.category = category
        self.priority = priority
        self.firstResponseHours = firstResponseHours
        self.updateHours = updateHours
        self.resolutionHours = resolutionHours
    }

    private enum CodingKeys: String, CodingKey { case key, category, priority, firstResponseHours, updateHours, resolutionHours }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        category = try container.decode(String.self, forKey: .category)
        priority = try container.decode(TicketPriority.self, forKey: .priority)
        firstResponseHours = try container.decode(Double.self, forKey: .firstResponseHours)
        updateHours = try container.decode(Double.self, forKey: .updateHours)
        resolutionHours = try container.decode(Double.self, forKey: .resolutionHours)
    }

    /// The key is written too, so diffs and change requests address rows by it.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(key, forKey: .key)
        try container.encode(category, forKey: .category)
        try container.encode(priority, forKey: .priority)
        try container.encode(firstResponseHours, forKey: .firstResponseHours)
        try container.encode(updateHours, forKey: .updateHours)
        try container.encode(resolutionHours, forKey: .resolutionHours)
    }
}

/// One rung of the escalation ladder: when it fires and who hears of it.
public struct EscalationLevel: Sendable, Equatable, Codable {
    /// The moment a level fires, relative to a clock's target.
    public struct Trigger: Sendable, Equatable, Codable {
        /// What `amount` measures.
        public enum Kind: String, Sendable, Codable {
            /// `amount` is the share of the target used (0.75).
            case shareOfTarget = "share_of_target"
            /// `amount` is business hours after the breach (0 = at the breach).
            case afterBreach = "after_breach"
        }

        public var kind: Kind
        public var amount: Double

        public init(kind: Kind, amount: Double) {
            self.kind = kind
            self.amount = amount
        }

        /// `75% of target`, `breach`, `breach + 9 business hours`.
        public var summary: String {
            switch kind {
            case .shareOfTarget: "\(Int((amount * 100).rounded()))% of target"
            case .afterBreach: amount == 0 ? "breach" : "breach + \(amount.formatted2) business hours"
            }
        }
    }

    /// Who a level notifies.
    public enum Recipient: String, Sendable, Codable, CaseIterable {
        case assignee
        case vendorLead = "vendor_lead"
        case practiceManager = "practice_manager"
        case practiceAdmin = "practice_admin"
        case practicePrimaryContact = "practice_primary_contact"
        case vendorPrimaryContact = "vendor_primary_contact"
        case practiceExecutiveContact = "practice_executive_contact"
        case vendorExecutiveContact = "vendor_executive_contact"
    }

    public var key: String
    public var trigger: Trigger
    public var recipients: [Recipient]

    public init(key: String, trigger: Trigger, recipients: [Recipient]) {
        self.key = key
        self.trigger = trigger
        self.recipients = recipients
    }
}

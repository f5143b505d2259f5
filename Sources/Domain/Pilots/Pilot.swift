import Foundation

/// One phase of a controlled rollout: a scope of the practice's work handed to the vendor for a
/// while, a baseline of the same scope before it, and the gate criteria that decide whether the
/// rollout goes on. Phase 1 is the pilot; each expansion is another phase with its own gate.
public struct Pilot: Sendable, Equatable, Codable, Identifiable {
    public typealias ID = EntityID<Pilot>

    public enum Status: String, Sendable, Codable, CaseIterable {
        /// Criteria being agreed, or the pilot running: checklist answers and evaluations go on.
        case open
        /// The practice recorded go or no-go; the evidence is frozen with it.
        case decided
    }

    public var id: ID
    public var engagementID: Engagement.ID
    /// 1 for the pilot, 2… for each expansion.
    public var phase: Int
    public var name: String
    public var scope: PilotScope
    /// Days (the practice's) the baseline figures are taken from, before the pilot.
    public var baselineFrom: CalendarDate
    public var baselineTo: CalendarDate
    /// Days the pilot runs.
    public var from: CalendarDate
    public var to: CalendarDate
    public var criteria: [GateCriterion]
    /// Checklist criteria answered so far, by criterion key.
    public var checklist: [String: ChecklistAnswer]
    public var status: Status
    public var decision: GateDecision?
    public var createdAt: Date

    public init(
        id: ID = ID(), engagementID: Engagement.ID, phase: Int, name: String, scope: PilotScope, baselineFrom: CalendarDate,
        baselineTo: CalendarDate, from: CalendarDate, to: CalendarDate, criteria: [GateCriterion],
        checklist: [String: ChecklistAnswer] = [:], status: Status = .open, decision: GateDecision? = nil, createdAt: Date
    ) {
        self.id = id
        self.engagementID = engagementID
        self.phase = phase
        self.name = name
        self.scope = scope
        self.baselineFrom = baselineFrom
        self.baselineTo = baselineTo
        self.from = from
        self.to = to
        self.criteria = criteria
        self.checklist = checklist
        self.status = status
        self.decision = decision
        self.createdAt = createdAt
    }

    /// Checks what a person may set up: a name, windows in order with the baseline before the
    /// pilot, at least one criterion, criterion keys unique and each criterion whole.
    public func validate() throws(PilotError) {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 200 else { throw .field("name", "a name of at most 200 characters") }
        guard phase >= 1 else { throw .field("phase", "phases count from 1") }
        guard baselineFrom <= baselineTo else { throw .field("baselineTo", "is before baselineFrom") }
        if let problem = DateSpan.problem(from: baselineFrom, to: baselineTo) {
            throw .field("baselineTo", problem.replacingOccurrences(of: "from", with: "baselineFrom"))
        }
        if let problem = DateSpan.problem(from: from, to: to) { throw .field("to", problem) }
        guard baselineTo < from else { throw .field("baselineTo", "the baseline ends before the pilot starts") }
        guard !criteria.isEmpty else { throw .field("criteria", "a gate needs at least one criterion") }
        var keys = Set<String>()
        for (index, criterion) in criteria.enumerated() {
            guard keys.insert(criterion.key).inserted else { throw .field("criteria[\(index)].key", "'\(criterion.key)' is used twice") }
            try criterion.validate(at: index)
        }
    }
}

/// The part of the practice's work a phase covers: the figures are restricted to these payers,
/// locations, providers and procedures (none named: all), and the service levels to tickets on
/// these grid tasks (none named: all).
public struct PilotScope: Sendable, Equatable, Codable {
    public var payers: [String]
    public var locations: [String]
    public var providers: [String]
    public var procedures: [String]
    public var gridTasks: [String]

    public init(
        payers: [String] = [], locations: [String] = [], providers: [String] = [], procedures: [String] = [], gridTasks: [String] = []
    ) {
        self.payers = payers
        self.locations = locations
        self.providers = providers
        self.procedures = procedures
        self.gridTasks = gridTasks
    }

    private enum CodingKeys: String, CodingKey { case payers, locations, providers, procedures, gridTasks }

    /// A list left out means all, as an empty one does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func list(_ key: CodingKeys) throws -> [String] { try container.decodeIfPresent([String].self, forKey: key) ?? [] }
        self.init(
            payers: try list(.payers), locations: try list(.locations), providers: try list(.providers), procedures: try list(.procedures),
            gridTasks: try list(.gridTasks))
    }

    /// "payers 87726, 60054; tasks denial-follow-up", or "the whole practice".
    public var summary: String {
        let parts = [
            ("payers", payers), ("locations", locations), ("providers", providers), ("procedures", procedures), ("tasks", gridTasks),
        ]
        .filter { !$0.1.isEmpty }.map { "\($0.0) \($0.1.joined(separator: ", "))" }
        return parts.isEmpty ? "the whole practice" : parts.joined(separator: "; ")
    }
}

/// One condition of a gate.
public struct GateCriterion: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// A revenue-cycle figure of the scope (`initialDenialRate`, `daysInAR`, …).
        case figure
        /// The share of a vendor clock met (`firstResponse`, `update`, `resolution`) on the scope's tickets.
        case serviceLevel = "service_level"
        /// A statement a person confirms ("reports are clear").
        case checklist
    }

    public var key: String
    public var kind: Kind
    /// What people read: "Initial denial rate not above the baseline".
    public var label: String
    /// The figure or clock measured; nil for a checklist item.
    public var measure: String?
    public var comparator: KPITarget.Comparator?
    /// Measured against the baseline's value plus `offset`, rather than against `threshold`.
    public var relativeToBaseline: Bool
    public var offset: Double
    public var threshold: Double?

    public init(
        key: String, kind: Kind, label: String, measure: String? = nil, comparator: KPITarget.Comparator? = nil,
        relativeToBaseline: Bool = false, offset: Double = 0, threshold: Double? = nil
    ) {
        self.key = key
        self.kind = kind
        self.label = label
        self.measure = measure
        self.comparator = comparator
        self.relativeToBaseline = relativeToBaseline
        self.offset = offset
        self.threshold = threshold
    }

    private enum CodingKeys: String, CodingKey { case key, kind, label, measure, comparator, relativeToBaseline, offset, threshold }

    /// `relativeToBaseline` (false) and `offset` (0) may be left out.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            key: try container.decode(String.self, forKey: .key), kind: try container.decode(Kind.self, forKey: .kind),
            label: try container.decode(String.self, forKey: .label), measure: try container.decodeIfPresent(String.self, forKey: .measure),
            comparator: try container.decodeIfPresent(KPITarget.Comparator.self, forKey: .comparator),
            relativeToBaseline: try container.decodeIfPresent(Bool.self, forKey: .relativeToBaseline) ?? false,
            offset: try container.decodeIfPresent(Double.self, forKey: .offset) ?? 0,
            threshold: try container.decodeIfPresent(Double.self, forKey: .threshold))
    }

    /// Clocks a service-level criterion may measure.
    public static let clocks = ["firstResponse", "update", "resolution"]

    func validate(at index: Int) throws(PilotError) {
        let place = "criteria[\(index)]"
        guard !key.isEmpty, key.count <= 60, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw .field("\(place).key", "letters, digits, - and _, at most 60")
        }
        guard !label.trimmingCharacters(in: .whitespaces).isEmpty, label.count <= 300 else {
            throw .field("\(place).label", "say what is checked, in at most 300 characters")
        }
        switch kind {
        case .checklist:
            return
        case .figure:
            guard let measure, KPITarget.measurableFigures.contains(measure) else {
                throw .field("\(place).measure", "'\(measure ?? "")' is not a figure")
            }
        case .serviceLevel:
            guard let measure, Self.clocks.contains(measure) else {
                throw .field("\(place).measure", "'\(measure ?? "")' is not a clock (\(Self.clocks.joined(separator: ", ")))")
            }
            guard !relativeToBaseline else { throw .field("\(place).relativeToBaseline", "a service level is judged against a threshold") }
        }
        guard comparator != nil else { throw .field("\(place).comparator", "at_most or at_least") }
        guard relativeToBaseline || threshold != nil else { throw .field("\(place).threshold", "a threshold, or relativeToBaseline") }
    }
}

/// A person's answer to a checklist criterion.
public struct ChecklistAnswer: Sendable, Equatable, Codable {
    public var met: Bool
    public var note: String
    public var by: String
    public var at: Date

    public init(met: Bool, note: String, by: String, at: Date) {
        self.met = met
        self.note = note
        self.by = by
        self.at = at
    }
}

/// Why a pilot was refused.
public enum PilotError: Error, Equatable, Sendable, CustomStringConvertible {
    case field(String, String)
    case notAllowed(Role, String)
    case decided
    case unknownCriterion(String)

    public var field: String? {
        guard case .field(let name, _) = self else { return nil }
        return name
    }

    public var description: String {
        switch self {
        case .decided: "the gate was decided already; its evidence is frozen"
        case .field(let name, let reason): "\(name): \(reason)"
        case .notAllowed(let role, let action): role.mayNot(action)
        case .unknownCriterion(let key): "the gate has no checklist criterion '\(key)'"
        }
    }
}

extension PilotError: CataloguedError {
    public var failureKind: FailureKind {
        switch self {
        case .notAllowed: .forbidden
        case .decided: .conflict
        case .field, .unknownCriterion: .invalid
        }
    }
}

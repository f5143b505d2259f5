/// Who does what: the contract's list of tasks with the RACI of each (KPIS-independent; the
/// scope every ticket and work record is checked against).
public struct ResponsibilityGrid: Sendable, Equatable, Codable {
    public var tasks: [GridTask]

    public init(tasks: [GridTask]) { self.tasks = tasks }

    /// The task with `key`.
    public func task(_ key: String) -> GridTask? { tasks.first { $0.key == key } }

    /// The gaps that leave work without clear ownership, in task order.
    public var gaps: [GridGap] {
        tasks.flatMap { task -> [GridGap] in
            var gaps: [GridGap] = []
            if task.accountable.isEmpty { gaps.append(GridGap(task: task.key, kind: .noAccountableParty)) }
            if task.accountable.count > 1 { gaps.append(GridGap(task: task.key, kind: .twoAccountableParties)) }
            if task.responsible.isEmpty { gaps.append(GridGap(task: task.key, kind: .noResponsibleParty)) }
            if task.isVendorSide, (task.exceptionOwner ?? "").isEmpty {
                gaps.append(GridGap(task: task.key, kind: .noPracticeExceptionOwner))
            }
            return gaps
        }
    }
}

/// One task of the grid.
public struct GridTask: Sendable, Equatable, Codable {
    /// Stable identifier used in paths, tickets and change requests (`denial-follow-up`).
    public var key: String
    public var name: String
    /// The workflow the task is a step of (`claims`, `receivables`, `patient-billing`, …).
    public var workflow: String
    /// Its position in that workflow; tasks with consecutive steps hand work to each other.
    public var step: Int
    /// Who does the work.
    public var responsible: Set<Party>
    /// Who answers for it; exactly one party.
    public var accountable: Set<Party>
    public var consulted: Set<Party>
    public var informed: Set<Party>
    /// Where the work passes from one party to the other.
    public var handoff: String
    /// The record that proves the task was done (`837 batch and 999 acceptance`).
    public var proof: String
    /// The practice's owner of exceptions on a task the vendor does (a role or a named person).
    public var exceptionOwner: String?

    public init(
        key: String, name: String, workflow: String, step: Int, responsible: Set<Party>, accountable: Set<Party>,
        consulted: Set<Party> = [], informed: Set<Party> = [], handoff: String, proof: String, exceptionOwner: String? = nil
    ) {
        self.key = key
        self.name = name
        self.workflow = workflow
        self.step = step
        self.responsible = responsible
        self.accountable = accountable
        self.consulted = consulted
        self.informed = informed
        self.handoff = handoff
        self.proof = proof
        self.exceptionOwner = exceptionOwner
    }

    /// Whether the vendor does (part of) the work.
    public var isVendorSide: Bool { responsible.contains(.vendor) }

    /// `in-house`, `vendor` or `shared`, as a contract summary says it.
    public var placement: String {
        switch (responsible.contains(.practice), responsible.contains(.vendor)) {
        case (true, true): "shared"
        case (false, true): "vendor"
        case (true, false): "in-house"
        case (false, false): "unassigned"
        }
    }
}

/// A grid task whose ownership is unclear.
public struct GridGap: Sendable, Equatable, Codable {
    /// What is wrong.
    public enum Kind: String, Sendable, Codable {
        case noAccountableParty = "no_accountable_party"
        case twoAccountableParties = "two_accountable_parties"
        case noResponsibleParty = "no_responsible_party"
        case noPracticeExceptionOwner = "no_practice_exception_owner"
    }

    public var task: String
    public var kind: Kind

    public init(task: String, kind: Kind) {
        self.task = task
        self.kind = kind
    }

    /// The gap in words.
    public var message: String {
        switch kind {
        case .noAccountableParty: "task \(task) has no accountable party"
        case .twoAccountableParties: "task \(task) has two accountable parties; exactly one must answer for it"
        case .noResponsibleParty: "task \(task) has nobody responsible for doing it"
        case .noPracticeExceptionOwner: "task \(task) is done by the vendor but has no practice owner for its exceptions"
        }
    }
}

extension GridTask {
    private enum CodingKeys: String, CodingKey {
        case key, name, workflow, step, responsible, accountable, consulted, informed, handoff, proof, exceptionOwner
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        key = try container.decode(String.self, forKey: .key)
        name = try container.decode(String.self, forKey: .name)
        workflow = try container.decode(String.self, forKey: .workflow)
        step = try container.decode(Int.self, forKey: .step)
        responsible = try container.decode(Set<Party>.self, forKey: .responsible)
        accountable = try container.decode(Set<Party>.self, forKey: .accountable)
        consulted = try container.decodeIfPresent(Set<Party>.self, forKey: .consulted) ?? []
        informed = try container.decodeIfPresent(Set<Party>.self, forKey: .informed) ?? []
        handoff = try container.decode(String.self, forKey: .handoff)
        proof = try container.decode(String.self, forKey: .proof)
        exceptionOwner = try container.decodeIfPresent(String.self, forKey: .exceptionOwner)
    }

    /// Sets are written sorted, so the same grid always encodes to the same bytes (diffs, hashes).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(key, forKey: .key)
        try container.encode(name, forKey: .name)
        try container.encode(workflow, forKey: .workflow)
        try container.encode(step, forKey: .step)
        try container.encode(responsible.sorted(), forKey: .responsible)
        try container.encode(accountable.sorted(), forKey: .accountable)
        try container.encode(consulted.sorted(), forKey: .consulted)
        try container.encode(informed.sorted(), forKey: .informed)
        try container.encode(handoff, forKey: .handoff)
        try container.encode(proof, forKey: .proof)
        try container.encodeIfPresent(exceptionOwner, forKey: .exceptionOwner)
    }
}

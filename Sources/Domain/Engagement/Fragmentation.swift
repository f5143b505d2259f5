/// Accountability gaps between vendors: when two vendors of one practice hold neighbouring steps
/// of one workflow (or the same task), work falls between them at the handoff.
public struct FragmentationWarning: Sendable, Equatable, Codable {
    /// What the two vendors share.
    public enum Kind: String, Sendable, Codable {
        /// Consecutive steps of one workflow.
        case neighbouringTasks = "neighbouring_tasks"
        /// The very same task.
        case sameTask = "same_task"
    }

    public var kind: Kind
    public var workflow: String
    public var firstTask: String
    public var firstEngagement: Engagement.ID
    public var secondTask: String
    public var secondEngagement: Engagement.ID

    public init(
        kind: Kind, workflow: String, firstTask: String, firstEngagement: Engagement.ID, secondTask: String, secondEngagement: Engagement.ID
    ) {
        self.kind = kind
        self.workflow = workflow
        self.firstTask = firstTask
        self.firstEngagement = firstEngagement
        self.secondTask = secondTask
        self.secondEngagement = secondEngagement
    }

    /// One engagement's vendor and grid, as fragmentation looks at them.
    public struct Holding: Sendable, Equatable {
        public var engagement: Engagement.ID
        public var vendor: Organization.ID
        public var grid: ResponsibilityGrid

        public init(engagement: Engagement.ID, vendor: Organization.ID, grid: ResponsibilityGrid) {
            self.engagement = engagement
            self.vendor = vendor
            self.grid = grid
        }
    }

    /// Every fragmentation among a practice's engagements, each pair of tasks once.
    public static func detect(_ holdings: [Holding]) -> [FragmentationWarning] {
        var warnings: [FragmentationWarning] = []
        for (index, first) in holdings.enumerated() {
            for second in holdings.dropFirst(index + 1) where second.vendor != first.vendor {
                for a in first.grid.tasks where a.isVendorSide {
                    for b in second.grid.tasks where b.isVendorSide && b.workflow == a.workflow {
                        let kind: Kind
                        if a.key == b.key {
                            kind = .sameTask
                        } else if abs(a.step - b.step) == 1 {
                            kind = .neighbouringTasks
                        } else {
                            continue
                        }
                        let ordered = a.step <= b.step
                        warnings.append(
                            FragmentationWarning(
                                kind: kind, workflow: a.workflow,
                                firstTask: ordered ? a.key : b.key, firstEngagement: ordered ? first.engagement : second.engagement,
                                secondTask: ordered ? b.key : a.key, secondEngagement: ordered ? second.engagement : first.engagement))
                    }
                }
            }
        }
        return warnings
    }

    /// The warning in words.
    public var message: String {
        switch kind {
        case .neighbouringTasks:
            "two vendors hold neighbouring steps of the \(workflow) workflow (\(firstTask) → \(secondTask)): agree who owns the handoff between them"
        case .sameTask: "two vendors both do \(firstTask): agree which one is accountable"
        }
    }
}

/// Whether a piece of vendor work falls inside the contract's scope.
public enum ScopeStatus: String, Sendable, Codable, CaseIterable {
    /// Tied to a task the vendor does.
    case inScope = "in_scope"
    /// Tied to no task at all.
    case noTask = "no_task"
    /// Tied to a task the contract does not have.
    case unknownTask = "unknown_task"
    /// Tied to a task the practice keeps in-house.
    case inHouseTask = "in_house_task"

    /// Classifies vendor work tied to `task` under `contract` (the version in force when the work was done).
    public static func of(task: String?, under contract: Contract?) -> ScopeStatus {
        guard let task, !task.isEmpty else { return .noTask }
        guard let gridTask = contract?.grid.task(task) else { return .unknownTask }
        return gridTask.isVendorSide ? .inScope : .inHouseTask
    }

    /// Whether the work is out of scope.
    public var isOutOfScope: Bool { self != .inScope }
}

/// The agreement both parties work from: scope, service levels and governance. One version of it
/// is in force on any date (``ContractVersion``); it changes only through change requests.
public struct Contract: Sendable, Equatable, Codable {
    public var grid: ResponsibilityGrid
    public var serviceLevels: ServiceLevels
    public var governance: GovernanceTerms

    public init(grid: ResponsibilityGrid, serviceLevels: ServiceLevels, governance: GovernanceTerms) {
        self.grid = grid
        self.serviceLevels = serviceLevels
        self.governance = governance
    }

    /// What makes the contract unusable, in words; empty when it may be accepted. Grid gaps are
    /// warnings (``ResponsibilityGrid/gaps``), not problems: a contract may knowingly carry one.
    public var problems: [String] {
        var problems: [String] = []
        func duplicates(_ keys: [String], _ what: String) {
            var seen: Set<String> = []
            for key in keys where !seen.insert(key).inserted { problems.append("\(what) \(key) appears twice") }
        }
        duplicates(grid.tasks.map(\.key), "task")
        for task in grid.tasks {
            if task.key.isEmpty || task.key.contains(where: { !($0.isLetter || $0.isNumber || $0 == "-") }) {
                problems.append("task key '\(task.key)' may hold only letters, digits and '-'")
            }
            if task.name.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("task \(task.key) has no name") }
        }
        duplicates(serviceLevels.kpiTargets.map(\.key), "KPI target")
        for target in serviceLevels.kpiTargets where !KPITarget.measurableFigures.contains(target.figure) {
            problems.append("KPI target \(target.key) names '\(target.figure)', which is not a figure of KPIS.md with one number")
        }
        let policy = serviceLevels.responsePolicy
        duplicates(policy.targets.map(\.key), "response target")
        for target in policy.targets
        where [target.firstResponseHours, target.updateHours, target.resolutionHours].contains(where: { !($0 > 0) }) {
            problems.append("response target \(target.key) needs positive hours")
        }
        for threshold in policy.warningThresholds where !(threshold > 0 && threshold < 1) {
            problems.append("warning threshold \(threshold) is not a share between 0 and 1")
        }
        problems += policy.calendar.problems
        duplicates(serviceLevels.escalationLadder.map(\.key), "escalation level")
        if !(serviceLevels.reportingTolerance >= 0) { problems.append("reporting tolerance is negative") }
        problems += governance.pricing.problems
        if governance.exit.deliveryDays < 0 || governance.exit.retentionDays < 0 { problems.append("exit days are negative") }
        return problems
    }
}

/// The contracts Sightline can start an engagement from.
public enum ContractTemplate: String, Sendable, Codable, CaseIterable {
    case medicalBilling = "medical-billing"

    /// The template's contract for a practice in `timeZone`.
    public func contract(timeZone: String) -> Contract {
        switch self {
        case .medicalBilling: Contract.medicalBilling(timeZone: timeZone)
        }
    }
}

import Domain
import Foundation

/// A contract version as the command line prints it.
enum ContractSummary {
    static func json(_ version: ContractVersion) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(version), as: UTF8.self)
    }

    static func text(_ version: ContractVersion, fragmentation: [FragmentationWarning]) -> String {
        let contract = version.contract
        let state =
            version.status == .draft
            ? "draft (accepted by: \(version.acceptances.map(\.party.rawValue).joined(separator: ", ").nilIfEmpty ?? "nobody yet"))"
            : "in force from \(version.effectiveFrom?.description ?? "?")"
        var lines = ["Contract version \(version.number), \(state)", "", "Responsibility grid"]
        func parties(_ set: Set<Party>) -> String { set.sorted().map(\.rawValue).joined(separator: "+").nilIfEmpty ?? "-" }
        lines.append(
            TextTable.render(
                header: ["task", "placement", "R", "A", "C", "I", "exceptions", "handoff", "proof"],
                rows: contract.grid.tasks.map {
                    [
                        $0.key, $0.placement, parties($0.responsible), parties($0.accountable), parties($0.consulted), parties($0.informed),
                        $0.exceptionOwner ?? "-", $0.handoff, $0.proof,
                    ]
                }))
        let gaps = contract.grid.gaps.map(\.message) + fragmentation.map(\.message)
        if !gaps.isEmpty { lines += ["", "Warnings"] + gaps.map { "- \($0)" } }
        let levels = contract.serviceLevels
        lines += ["", "KPI targets"]
        lines += levels.kpiTargets.map { "- \($0.key): \($0.summary)" }
        let policy = levels.responsePolicy
        let calendar = policy.calendar
        lines += [
            "",
            "Response times (business hours; \(calendar.timeZone), \(calendar.hoursPerWeek.formatted()) hours a week, \(calendar.holidays.count) holidays)",
        ]
        lines.append(
            TextTable.render(
                header: ["category", "priority", "first response", "update", "resolution"],
                rows: policy.targets.map {
                    [
                        $0.category, $0.priority.rawValue, "\($0.firstResponseHours.formatted())", "\($0.updateHours.formatted())",
                        "\($0.resolutionHours.formatted())",
                    ]
                }))
        lines += ["", "Escalation ladder"]
        lines += levels.escalationLadder.map {
            "- \($0.key): at \($0.trigger.summary) → \($0.recipients.map(\.rawValue).joined(separator: ", "))"
        }
        let governance = contract.governance
        let pricing = governance.pricing
        var price = pricing.model.rawValue
        if let percent = pricing.percentOfCollections { price += ", \((percent * 100).formatted())% of collections" }
        if let perClaim = pricing.perClaim { price += ", $\(perClaim) per claim" }
        if let perFTE = pricing.perFTEMonthly { price += ", $\(perFTE) per FTE a month" }
        if let minimum = pricing.monthlyMinimum { price += ", minimum $\(minimum) a month" }
        lines += [
            "", "Governance",
            "- reviews: \(governance.reviewCadence.rawValue)",
            "- data ownership: \(governance.dataOwnership)",
            "- access: \(governance.accessRules)",
            "- exit: \(governance.exit.exportFormats.joined(separator: ", ")) within \(governance.exit.deliveryDays) days; retained \(governance.exit.retentionDays) days; return-or-destroy attestation \(governance.exit.returnOrDestroyAttestation ? "required" : "not required")",
            "- pricing: \(price)",
            "- vendor-reported figures flagged beyond \((levels.reportingTolerance * 100).formatted())% of Sightline's",
        ]
        return lines.joined(separator: "\n")
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}

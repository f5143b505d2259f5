import ArgumentParser
import Domain
import Foundation

/// `sightline permissions`: who may do what, from the one policy (``Policy``) every page, API
/// route and store asks. `--csv` writes `docs/permissions.csv`; CI fails when the two differ.
struct PermissionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "permissions",
        abstract: "Show who may do what: each permission, its relation and the roles that may.",
        discussion: "With --csv, the policy as CSV (the content of docs/permissions.csv). Exit status: 0.")

    @Flag(help: "Write CSV (RFC 4180, CRLF line ends) instead of a table.") var csv = false

    func run() throws {
        if csv {
            FileHandle.standardOutput.write(Data(Policy.csv().utf8))
            return
        }
        let short: [Role: String] = [
            .practiceAdmin: "admin", .practiceManager: "manager", .practiceStaff: "staff",
            .vendorLead: "v.lead", .vendorAgent: "v.agent", .complianceAuditor: "auditor",
        ]
        let rows = Permission.allCases.map { permission in
            let rule = Policy.rule(permission)
            return [rule.summary, rule.relation.rawValue] + Role.allCases.map { rule.roles.contains($0) ? "yes" : "-" }
        }
        say(TextTable.render(header: ["may", "on"] + Role.allCases.map { short[$0] ?? $0.rawValue }, rows: rows))
    }
}

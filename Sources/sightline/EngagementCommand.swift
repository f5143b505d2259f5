import ArgumentParser
import Domain
import Foundation
import Persistence
import Web

/// `sightline engagement`: a practice's relationship with a vendor and its contract.
struct EngagementCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engagement",
        abstract: "Create and show engagements between a practice and a vendor, and their contracts.",
        subcommands: [Create.self, List.self, Show.self, Diff.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Engage a vendor for a practice; prints the engagement's id.",
            discussion: """
                The operator's tool, on both parties' written word: in the app a practice invites the vendor's lead, \
                who accepts (docs/decisions/0005). \
                The contract starts from the template as a draft both parties accept in Sightline; with --signed-on, \
                the parties already signed it and version 1 is in force from that date. \
                Exit status: 0 created, 65 wrong organisation kinds or an engagement already open, 66 no such organisation.
                """)

        @Option(help: "The practice's organisation id.") var practice: String
        @Option(help: "The vendor's organisation id.") var vendor: String
        @Option(help: "The contract template (medical-billing).") var template: String = ContractTemplate.medicalBilling.rawValue
        @Option(name: .customLong("signed-on"), help: "The day both parties signed (YYYY-MM-DD): version 1 is in force from it.")
        var signedOn: String?

        func run() async throws {
            try await runReportingErrors {
                let practiceID = try organizationID(practice, option: "--practice")
                let vendorID = try organizationID(vendor, option: "--vendor")
                guard let template = ContractTemplate(rawValue: template) else {
                    throw CommandInputError(description: EngagementError.unknownTemplate(template).description)
                }
                let signed = try signedOn.map { text in
                    guard let date = CalendarDate(text) else {
                        throw CommandInputError(description: "--signed-on: '\(text)' is not a date (YYYY-MM-DD)")
                    }
                    return date
                }
                let configuration = try loadConfiguration(quiet: true)
                let engagement = try await SightlineRuntime.withDatabase(configuration) { db in
                    try await EngagementStore(db).create(
                        practice: practiceID, vendor: vendorID, template: template, signedOn: signed, now: Date())
                }
                say(engagement.id.description)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The engagements of a practice or vendor.")

        @Option(help: "The practice's or vendor's organisation id (default: the only practice).") var org: String?

        func run() async throws {
            try await runReportingErrors {
                let requested = try org.map { try organizationID($0, option: "--org") }
                let configuration = try loadConfiguration(quiet: true)
                let rows = try await SightlineRuntime.withDatabase(configuration) { db in
                    let organizations = OrganizationStore(db)
                    let organization: Organization
                    if let requested {
                        guard let found = try await organizations.find(requested) else {
                            throw StoreError.organizationNotFound(requested.description)
                        }
                        organization = found
                    } else {
                        guard let practice = try await organizations.resolvePractice(nil) else { return [[String]]() }
                        organization = practice
                    }
                    var rows: [[String]] = []
                    for engagement in try await EngagementStore(db).list(of: organization.id) {
                        let versions = try await EngagementStore(db).versions(of: engagement.id)
                        let practice = try await organizations.find(engagement.practiceID)?.name ?? ""
                        let vendor = try await organizations.find(engagement.vendorID)?.name ?? ""
                        let current = ContractVersion.latestAccepted(among: versions)
                        rows.append([
                            engagement.id.description, practice, vendor, engagement.status.rawValue,
                            current.map { "v\($0.number) from \($0.effectiveFrom?.description ?? "?")" } ?? "draft",
                        ])
                    }
                    return rows
                }
                say(TextTable.render(header: ["id", "practice", "vendor", "status", "contract"], rows: rows))
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The contract in force on a date: grid, service levels, governance, gaps and warnings.",
            discussion: "Exit status: 0 shown, 66 no such engagement or no version in force on the date.")

        @Argument(help: "The engagement id.") var engagement: String
        @Option(help: "Show the version in force on this day (YYYY-MM-DD; default today in the practice's time zone).") var on: String?
        @Option(help: "Show this version number instead.") var version: Int?
        @Flag(help: "Print the version as JSON.") var json = false

        func run() async throws {
            try await runReportingErrors {
                let id = try engagementID(engagement)
                let day = try on.map { text in
                    guard let date = CalendarDate(text) else {
                        throw CommandInputError(description: "--on: '\(text)' is not a date (YYYY-MM-DD)")
                    }
                    return date
                }
                let configuration = try loadConfiguration(quiet: true)
                let output = try await SightlineRuntime.withDatabase(configuration) { db in
                    let (engagement, _) = try await EngagementStore(db).unscoped(id)
                    let chosen = try await EngagementStore(db).version(of: engagement, number: version, on: day, now: Date())
                    let warnings = try await EngagementStore(db).fragmentation(practice: engagement.practiceID)
                        .filter { [$0.firstEngagement, $0.secondEngagement].contains(id) }
                    if json { return try ContractSummary.json(chosen) }
                    return ContractSummary.text(chosen, fragmentation: warnings)
                }
                say(output)
            }
        }
    }

    struct Diff: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "What changed between two versions of an engagement's contract.")

        @Argument(help: "The engagement id.") var engagement: String
        @Option(help: "The older version number.") var from: Int
        @Option(help: "The newer version number.") var to: Int

        func run() async throws {
            try await runReportingErrors {
                let id = try engagementID(engagement)
                let configuration = try loadConfiguration(quiet: true)
                let diff = try await SightlineRuntime.withDatabase(configuration) { db in
                    _ = try await EngagementStore(db).unscoped(id)
                    let store = EngagementStore(db)
                    return ContractDiff(
                        from: try await store.version(from, of: id).contract, to: try await store.version(to, of: id).contract)
                }
                if diff.isEmpty { say("versions \(from) and \(to) are the same") }
                for change in diff.changes {
                    say("\(change.path)\n  - \(change.before?.description ?? "(none)")\n  + \(change.after?.description ?? "(none)")")
                }
            }
        }
    }
}

/// Parses an organisation id given on the command line.
func organizationID(_ text: String, option: String) throws -> Organization.ID {
    guard let id = Organization.ID(string: text) else {
        throw CommandInputError(description: "\(option): '\(text)' is not an organisation id (a UUID)")
    }
    return id
}

/// Parses an engagement id given on the command line.
func engagementID(_ text: String) throws -> Engagement.ID {
    guard let id = Engagement.ID(string: text) else { throw CommandInputError(description: "'\(text)' is not an engagement id (a UUID)") }
    return id
}

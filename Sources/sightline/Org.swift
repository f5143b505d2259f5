import ArgumentParser
import Domain
import Foundation
import Persistence
import Web

/// `sightline org …`: practices and vendors.
struct Org: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create and list organisations (practices and vendors).",
        subcommands: [Create.self, List.self, TicketPrefix.self, Identifiers.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an organisation and print its id.")

        @Option(help: "Display name.") var name: String
        @Option(help: "practice or vendor.") var kind: Organization.Kind
        @Option(name: .customLong("time-zone"), help: "IANA time zone, e.g. America/Chicago (default: this machine's).")
        var timeZone: String?

        func run() async throws {
            try await runReportingErrors {
                let organization = try Organization.validated(
                    name: name, kind: kind, timeZone: timeZone ?? TimeZone.current.identifier)
                let configuration = try loadConfiguration(quiet: true)
                try await SightlineRuntime.withDatabase(configuration) { db in
                    try await OrganizationStore(db).create(organization)
                }
                say(organization.id.description)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every organisation.")

        func run() async throws {
            try await runReportingErrors {
                let configuration = try loadConfiguration(quiet: true)
                let organizations = try await SightlineRuntime.withDatabase(configuration) { db in
                    try await OrganizationStore(db).all()
                }
                say(
                    TextTable.render(
                        header: ["ID", "KIND", "NAME", "TIME ZONE"],
                        rows: organizations.map { [$0.id.description, $0.kind.rawValue, $0.name, $0.timeZone] }))
            }
        }
    }
}

import ArgumentParser
import Domain
import Foundation
import Persistence
import Web

extension Org {
    /// `sightline org ticket-prefix`: shows or sets the short prefix of a practice's ticket keys.
    struct TicketPrefix: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ticket-prefix",
            abstract: "Show or set the prefix of a practice's ticket keys (RFM in RFM-12).",
            discussion: """
                Every practice has a prefix of its own, unique across the database, so that tickets of \
                different practices never share a key in a vendor's queue. Without --set, prints it. With \
                --set, gives the practice that prefix (2 to 6 letters and digits, starting with a letter) \
                and shows its tickets under it; links with the old key or the bare number still open them. \
                Exit status: 65 when the prefix is malformed or another practice's.
                """)

        @Option(help: "The practice's organisation id (default: the only practice; see: sightline org list).") var practice: String?
        @Option(help: "The new prefix, e.g. RB.") var set: String?

        func run() async throws {
            try await runReportingErrors {
                var requested: Organization.ID?
                if let practice {
                    guard let id = Organization.ID(string: practice) else {
                        throw CommandInputError(description: "--practice '\(practice)' is not an organisation id (see: sightline org list)")
                    }
                    requested = id
                }
                let configuration = try loadConfiguration(quiet: true)
                let wanted = set, practiceID = requested
                let (name, prefix) = try await SightlineRuntime.withDatabase(configuration) { db in
                    guard let found = try await OrganizationStore(db).resolvePractice(practiceID) else {
                        throw CommandInputError(description: "there is no practice yet (see: sightline org create)")
                    }
                    do {
                        if let wanted { return (found.name, try await OrganizationStore(db).setTicketPrefix(wanted, of: found.id)) }
                        return (found.name, try await OrganizationStore(db).ticketPrefix(of: found.id))
                    } catch let error as TicketKeyError {
                        throw CommandInputError(description: "--set '\(wanted ?? "")': \(error.description)")
                    }
                }
                say("\(name): tickets are \(prefix)-1, \(prefix)-2, …")
            }
        }
    }
}

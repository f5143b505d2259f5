import ArgumentParser
import Domain
import Foundation
import Persistence
import Web

/// `sightline tickets import`: brings a practice's old issue log in.
struct TicketsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tickets", abstract: "The issue log.", subcommands: [Import.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import an old issue log from CSV into an engagement, all tickets or none.",
            discussion: """
                Columns: number, opened_at (ISO 8601 with offset), title, category, priority, status, requester_party, \
                assignee_party, and optionally history: events separated by ';', each 'INSTANT reply PARTY', \
                'INSTANT status STATUS' or 'INSTANT priority PRIORITY'. Clocks are computed from these real times. \
                Exit status: 0 imported, 65 a bad line (named with its column), 66 the file or engagement does not exist.
                """)

        @Argument(help: "The CSV file.") var file: String
        @Option(help: "The engagement id.") var engagement: String

        func run() async throws {
            try await runReportingErrors {
                let id = try engagementID(engagement)
                guard let data = FileManager.default.contents(atPath: file) else {
                    FileHandle.standardError.write(Data("sightline: error: \(file): cannot be read\n".utf8))
                    throw ExitCode(SysExit.noInput)
                }
                let tickets: [ImportedTicket]
                do { tickets = try TicketLogImport.parse(Array(data)) } catch { throw CommandInputError(description: "\(file): \(error)") }
                let configuration = try loadConfiguration(quiet: true)
                let count: Int
                do {
                    count = try await SightlineRuntime.withDatabase(configuration) { db in
                        let (engagement, _) = try await EngagementStore(db).unscoped(id)
                        return try await TicketLogImport.store(tickets, in: engagement, on: db)
                    }
                } catch let error as TicketLogError {
                    throw CommandInputError(description: "\(file): \(error)")
                }
                say("\(count) ticket\(count == 1 ? "" : "s") imported")
            }
        }
    }
}

import ArgumentParser
import Domain
import Foundation
import Persistence
import Web

/// `sightline period close`: evaluates the service levels of a month that is over.
struct PeriodCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "period", abstract: "Close a month: evaluate every KPI target from Sightline's own figures.", subcommands: [Close.self]
    )

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Evaluate every engagement's KPI targets for a month; a miss opens a service_level_miss ticket on the vendor.",
            discussion: """
                The contract in force on the month's last day decides the targets; quarterly targets are evaluated when the month \
                ends a calendar quarter. Running it again re-evaluates and opens no second ticket for the same target and month. \
                Exit status: 0 closed, 65 the month is not over, 66 no such practice.
                """)

        @Option(help: "The month (YYYY-MM).") var month: String
        @Option(help: "The practice's organisation id (default: the only practice).") var practice: String?

        func run() async throws {
            try await runReportingErrors {
                guard let month = CalendarMonth(month) else {
                    throw CommandInputError(description: "--month: '\(self.month)' is not a month (YYYY-MM)")
                }
                let requested = try practice.map { try organizationID($0, option: "--practice") }
                let configuration = try loadConfiguration(quiet: true)
                let report = try await SightlineRuntime.withDatabase(configuration) { db in
                    guard let practice = try await OrganizationStore(db).resolvePractice(requested) else {
                        throw CommandInputError(description: "there is no practice yet: create one (sightline org create)")
                    }
                    return try await PeriodCloser(db).close(practice: practice.id, month: month, trigger: .manual, by: nil, now: Date())
                }
                say("\(report.month) closed (run \(report.runs)): \(report.misses) target\(report.misses == 1 ? "" : "s") missed")
                for engagement in report.engagements {
                    guard let version = engagement.contractVersion else {
                        say("\(engagement.vendorName): no contract in force on \(month.lastDay)")
                        continue
                    }
                    say("\(engagement.vendorName) (contract v\(version)):")
                    for result in engagement.results {
                        // The summary ends with the judge's verdict in words, "no data" with its reason.
                        say(
                            "  \(result.result.outcome == .missed ? "✗" : result.result.outcome == .met ? "✓" : "–") \(result.result.summary)"
                                + (result.ticket.map { " → \($0)" } ?? ""))
                    }
                }
            }
        }
    }
}

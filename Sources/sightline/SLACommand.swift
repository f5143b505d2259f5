import ArgumentParser
import Foundation
import Persistence
import Web

/// `sightline sla sweep`: opens tickets for overdue access reviews and fires the escalation
/// ladders once, as `serve` does every minute.
struct SLACommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sla", abstract: "Service-level clocks and escalations.", subcommands: [Sweep.self])

    struct Sweep: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Open a ticket for each overdue access review, then fire every escalation level that is due, each once per clock, in order, catching up on any missed.",
            discussion: "Running it again fires nothing new; neither do two sweepers at once. Exit status: 0 done, 64 a bad --at.")

        @Option(help: "Sweep as of this instant (ISO 8601, e.g. 2026-03-09T11:30:00-04:00); default now.") var at: String?
        @Flag(help: "One JSON line per overdue access review ({review, ticket}), then per level fired ({ticket, clock, level, at}).")
        var json = false

        func run() async throws {
            try await runReportingErrors {
                var instant = Date()
                if let at {
                    guard let parsed = ISO8601DateFormatter().date(from: at) else {
                        FileHandle.standardError.write(Data("sightline: error: --at: '\(at)' is not an ISO 8601 instant\n".utf8))
                        throw ExitCode(SysExit.usage)
                    }
                    instant = parsed
                }
                let configuration = try loadConfiguration(quiet: true)
                let sweepAt = instant
                let (overdue, actions, fired) = try await SightlineRuntime.withDatabase(configuration) { db in
                    let overdue = try await AccessReviewStore(db).escalateOverdue(at: sweepAt)
                    let actions = try await GovernanceStore(db).escalateOverdue(at: sweepAt)
                    return (overdue, actions, try await EscalationSweeper(db, mail: configuration.smtp != nil).sweep(at: sweepAt))
                }
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                encoder.dateEncodingStrategy = .iso8601
                for late in overdue {
                    say(
                        json
                            ? String(decoding: try encoder.encode(late), as: UTF8.self)
                            : "access review \(late.review) overdue: ticket \(late.ticket) opened")
                }
                for late in actions {
                    say(
                        json
                            ? String(decoding: try encoder.encode(late), as: UTF8.self)
                            : "review action \(late.action) overdue: ticket \(late.ticket) opened")
                }
                for firing in fired {
                    if json {
                        say(String(decoding: try encoder.encode(firing), as: UTF8.self))
                    } else {
                        say("\(firing.ticket) \(firing.clock) → \(firing.level) (due \(ISO8601DateFormatter().string(from: firing.at)))")
                    }
                }
                if !json { say("\(fired.count) escalation\(fired.count == 1 ? "" : "s") fired") }
            }
        }
    }
}

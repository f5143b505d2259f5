import ArgumentParser
import Domain
import Foundation
import Persistence
import Web

/// `sightline import`: store billing files, each whole or not at all.
struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import X12 835, 837P, 837I, 277CA files and CSV exports, each in one transaction.",
        discussion: """
            Without --practice the files go to the database's only practice; on a database with no practice, \
            one is created, named after the billing provider in the first file. Importing the same interchange \
            again stores nothing. Exit status: 0 when every file was imported or already there, 2 when any \
            was rejected, 64 when several practices exist and --practice is missing, 69 when the database stayed busy with another writer (the files not imported are named).
            """)

    @Argument(help: "Files to import.") var files: [String]
    @Option(help: "The practice's organisation id (see: sightline org list).") var practice: String?

    func run() async throws {
        try await runReportingErrors {
            var practiceID: Organization.ID?
            if let practice {
                guard let id = Organization.ID(string: practice) else {
                    throw CommandInputError(description: "--practice '\(practice)' is not an organisation id (see: sightline org list)")
                }
                practiceID = id
            }
            let configuration = try loadConfiguration(quiet: true)
            let paths = files
            let requested = practiceID
            let (results, busy) = try await SightlineRuntime.withDatabase(configuration) { db in
                _ = try await OrganizationStore(db).resolvePractice(requested)
                var bar: ProgressBar?
                return try await BillingImporter(db, newPracticeTimeZone: TimeZone.current.identifier).importEach(
                    paths.map { BillingImporter.Incoming(name: ($0 as NSString).lastPathComponent, source: .file(path: $0)) },
                    practice: requested, user: nil, now: { Date() },
                    progress: { file in
                        let shown = ProgressBar(label: file.name)
                        bar = shown
                        return { shown.update($0) }
                    },
                    finished: { _ in bar?.finish() })
            }
            say(
                TextTable.render(
                    header: ["FILE", "KIND", "RESULT", "CLAIMS", "CHARGES", "PAID", "DIAGNOSTICS"],
                    rows: results.map { result in
                        // A duplicate is not read again: only what was stored the first time is known.
                        let read = result.outcome != .duplicate
                        return [
                            result.fileName, result.kind, read ? result.outcome.rawValue : "already imported", "\(result.claims)",
                            read ? "\(result.totalCharge)" : "-", read ? "\(result.totalPaid)" : "-",
                            read ? "\(result.diagnosticsCount)" : "-",
                        ]
                    }))
            for result in results where result.outcome == .imported && !result.message.isEmpty {
                say("\(result.fileName): \(result.message)")
            }
            for result in results where result.outcome == .rejected {
                FileHandle.standardError.write(Data("sightline: rejected \(result.fileName): \(result.message)\n".utf8))
            }
            if busy { throw ExitCode(FailureKind.busy.exitCode) }
            if results.contains(where: { $0.outcome == .rejected }) { throw ExitCode(2) }
        }
    }
}

/// A one-line progress bar on standard error, drawn only on a terminal and only for work big
/// enough to take a moment (`minimumTotal`: files of 4 MiB by default).
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let minimumTotal: Int64
    private let enabled = isatty(STDERR_FILENO) == 1
    private let lock = NSLock()
    private var lastDrawn = -1
    private var drew = false

    init(label: String, minimumTotal: Int64 = 4 << 20) {
        self.label = label
        self.minimumTotal = minimumTotal
    }

    func update(_ progress: BillingImporter.Progress) {
        draw(done: progress.done, total: progress.total, phase: progress.phase)
    }

    /// Draws `done` of `total`, followed by `phase`, when the percentage moved.
    func draw(done: Int64, total: Int64?, phase: String) {
        guard enabled, let total, total >= minimumTotal else { return }
        let percent = Int(done * 100 / max(total, 1))
        lock.lock()
        defer { lock.unlock() }
        guard percent != lastDrawn else { return }
        lastDrawn = percent
        drew = true
        let width = 30
        let filled = percent * width / 100
        let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
        FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(percent)% \(phase)   ".utf8))
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drew { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}

import ArgumentParser
import Domain
import Foundation
import Synth

/// `sightline synth`: a believable practice's billing files, for demos, tests and benchmarks.
struct SynthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Write a synthetic practice's 837P, 277CA and 835 files and a patient-payment CSV.",
        discussion: "The same seed and settings give byte-identical files. The folder must be empty or new.")

    @Option(help: "Folder to write into (created if missing; must be empty).") var out: String
    @Option(name: .customLong("claims-per-day"), help: "Claims submitted per business day (default 40).") var claimsPerDay = 40
    @Option(help: "Months of activity (default 3).") var months = 3
    @Option(help: "Random seed (default 1).") var seed: UInt64 = 1
    @Flag(help: "Lay the demo's story over the run: one payer's denials spike in its last two months, another pays six weeks late.")
    var story = false
    @Option(
        name: .customLong("extra-lines"),
        help:
            "Extra labs and supplies per claim on average, on top of about 1.9 lines a visit (default 0; 1.5 gives about 3.4 lines a claim)."
    )
    var extraLines = 0.0
    @Option(help: "First day of activity, YYYY-MM-DD (default: the first of the month, --months before today).")
    var start: String?

    func run() async throws {
        try await runReportingErrors {
            let first: CalendarDate
            if let start {
                guard let parsed = CalendarDate(start), start.contains("-") else {
                    throw CommandInputError(description: "--start '\(start)' is not a date of the form YYYY-MM-DD")
                }
                first = parsed
            } else {
                first = try Self.defaultStart(months: months, today: Date())
            }
            let configuration = SynthConfiguration(
                seed: seed, claimsPerDay: claimsPerDay, months: months, start: first, story: story, extraLines: extraLines)
            if let problem = configuration.problems.first { throw CommandInputError(description: problem) }
            let folder = URL(fileURLWithPath: out, isDirectory: true)
            try Self.prepare(folder)
            let writer = SynthFileWriter(folder: folder)
            let summary = try SynthGenerator(configuration).generate { file, bytes in try writer.write(bytes, to: file.name) }
            try writer.close()
            let kinds = SynthFile.Kind.allCases.filter { (summary.files[$0] ?? 0) > 0 }
            say(
                TextTable.render(
                    header: ["KIND", "FILES", "MB"],
                    rows: kinds.map {
                        [$0.rawValue, "\(summary.files[$0] ?? 0)", String(format: "%.1f", Double(summary.bytes[$0] ?? 0) / 1_048_576)]
                    }))
            say(
                "\(summary.submittedClaims) claims submitted (\(summary.originalClaims) originals, \(summary.resubmissions) resubmissions, \(summary.replacements) replacements, \(summary.voids) voids), \(summary.adjudications) adjudications, \(summary.patientPayments) patient payments, in \(folder.path)"
            )
        }
    }

    /// The first of the month `months` months before `today` (UTC).
    static func defaultStart(months: Int, today: Date) throws -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let parts = calendar.dateComponents([.year, .month], from: today)
        let index = (parts.year ?? 2026) * 12 + (parts.month ?? 1) - 1 - max(0, months)
        guard let date = CalendarDate(year: index / 12, month: index % 12 + 1, day: 1) else {
            throw CommandInputError(description: "--months \(months) reaches before year 1")
        }
        return date
    }

    static func prepare(_ folder: URL) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw CommandInputError(description: "\(folder.path) is a file, not a folder") }
            guard try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty else {
                throw CommandInputError(description: "\(folder.path) is not empty; choose a new or empty folder")
            }
        } else {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
    }
}

/// Appends generated chunks to their files, keeping a bounded number of files open.
final class SynthFileWriter {
    private let folder: URL
    private var handles: [String: FileHandle] = [:]
    private var written: Int64 = 0
    private let showProgress = isatty(STDERR_FILENO) == 1
    private var lastShown: Int64 = 0

    init(folder: URL) { self.folder = folder }

    func write(_ bytes: [UInt8], to name: String) throws {
        let handle: FileHandle
        if let open = handles[name] {
            handle = open
        } else {
            if handles.count >= 64 { try closeAll() }
            let path = folder.appendingPathComponent(name).path
            if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
            guard let opened = FileHandle(forWritingAtPath: path) else {
                throw CommandInputError(description: "cannot write \(path)")
            }
            try opened.seekToEnd()
            handles[name] = opened
            handle = opened
        }
        try handle.write(contentsOf: bytes)
        written += Int64(bytes.count)
        if showProgress, written - lastShown >= 8 << 20 {
            lastShown = written
            FileHandle.standardError.write(Data("\rwritten \(written >> 20) MB   ".utf8))
        }
    }

    func close() throws {
        try closeAll()
        if showProgress, lastShown > 0 { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    private func closeAll() throws {
        for handle in handles.values { try handle.close() }
        handles.removeAll()
    }
}

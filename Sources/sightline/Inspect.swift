import ArgumentParser
import Billing
import Foundation

/// `sightline inspect`: what is inside billing files, without storing anything.
struct Inspect: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read X12 835, 837P, 837I or 277CA files and print what is inside, storing nothing.",
        discussion: "Exit status: 0 when every file reads without errors, 2 when any has an error, 66 when a file cannot be opened.")

    @Argument(help: "Files to read.") var files: [String]
    @Flag(help: "One JSON object per file, each on its own line.") var json = false

    func run() async throws {
        var worst: Int32 = 0
        for path in files {
            do {
                let summary = try BillingFileInput.summarize(path: path)
                say(json ? summary.jsonLine(file: path) : summary.textReport(file: path))
                if summary.diagnostics.contains(where: { $0.severity == .error }) { worst = max(worst, 2) }
            } catch {
                FileHandle.standardError.write(Data("sightline: error: \(path): \(error)\n".utf8))
                worst = max(worst, SysExit.noInput)
            }
        }
        if worst != 0 { throw ExitCode(worst) }
    }
}

/// Reading billing files from disk in fixed-size chunks, so memory stays flat.
enum BillingFileInput {
    static let chunkSize = 1 << 20

    static func summarize(path: String) throws -> FileSummary {
        var reader = BillingReader()
        var summary = FileSummary()
        try forEachChunk(path: path) { chunk in reader.feed(chunk) { summary.add($0) } }
        reader.finish { summary.add($0) }
        summary.finish(reader)
        return summary
    }

    static func forEachChunk(path: String, _ body: (Data) throws -> Void) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CommandInputError(description: FileManager.default.fileExists(atPath: path) ? "cannot be read (permissions?)" : "no such file")
        }
        defer { try? handle.close() }
        while true {
            guard let chunk = try handle.read(upToCount: chunkSize), !chunk.isEmpty else { break }
            try body(chunk)
        }
    }
}

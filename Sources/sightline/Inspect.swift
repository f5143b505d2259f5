import ArgumentParser
import Billing
import Foundation
import Persistence

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
                let summary = try await Self.summarize(path: path)
                say(json ? summary.jsonLine(file: path) : summary.textReport(file: path))
                if summary.diagnostics.contains(where: { $0.severity == .error }) { worst = max(worst, 2) }
            } catch {
                FileHandle.standardError.write(Data("sightline: error: \(path): \(error)\n".utf8))
                worst = max(worst, SysExit.noInput)
            }
        }
        if worst != 0 { throw ExitCode(worst) }
    }

    /// Reads one file in chunks (flat memory) into its summary.
    static func summarize(path: String) async throws -> FileSummary {
        var reader = BillingReader()
        var summary = FileSummary()
        try await ImportSource.file(path: path).forEachChunk { chunk in reader.feed(chunk) { summary.add($0) } }
        reader.finish { summary.add($0) }
        summary.finish(reader)
        return summary
    }
}

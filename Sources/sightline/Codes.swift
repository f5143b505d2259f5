import ArgumentParser
import Foundation
import Persistence
import Web

/// `sightline codes`: descriptions of CARC and RARC codes, from a file the user supplies.
struct Codes: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load descriptions of CARC and RARC codes from a CSV you supply.",
        discussion: """
            The official code descriptions are copyrighted by X12, so Sightline ships the codes and its own \
            denial categories only. A licensed list can be loaded as CSV with the header set,code,description \
            (set CARC or RARC); figures and claim timelines then show the descriptions.
            """,
        subcommands: [Load.self])

    struct Load: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load a CSV of code descriptions (set,code,description), all lines or none.",
            discussion: "Exit status: 0 loaded, 65 a bad line (named), 66 the file cannot be read.")

        @Argument(help: "The CSV file.") var file: String

        func run() async throws {
            try await runReportingErrors {
                guard let data = FileManager.default.contents(atPath: file) else {
                    FileHandle.standardError.write(Data("sightline: error: \(file): cannot be read\n".utf8))
                    throw ExitCode(SysExit.noInput)
                }
                let configuration = try loadConfiguration(quiet: true)
                let counts: [CodeSet: Int]
                do {
                    counts = try await SightlineRuntime.withDatabase(configuration) { db in try await CodeDescriptions(db).load(Array(data))
                    }
                } catch let error as CodeFileError {
                    throw CommandInputError(description: "\(file): \(error)")
                }
                say(CodeSet.allCases.map { "\($0.rawValue): \(counts[$0] ?? 0) descriptions loaded" }.joined(separator: "\n"))
            }
        }
    }
}

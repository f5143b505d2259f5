import ArgumentParser
import Crypto
import Foundation
import Persistence

/// `sightline deidentify FILE… --out DIR`: Safe Harbor copies of billing files for training.
struct DeidentifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deidentify",
        abstract: "Write Safe Harbor de-identified copies of X12 837, 835 and 277CA files.",
        discussion: """
            Patients' and subscribers' names, member ids, addresses, phone numbers and birth dates are removed \
            or replaced by pseudonyms of the same shape; account and claim numbers become pseudonyms that agree \
            across the files of one run (give --key to agree across runs); every other date moves by the same \
            number of days. Amounts, codes, providers and payers stay. The originals are never changed. \
            Exit status: 0 written, 65 a file is not X12 (nothing of it is written), 66 a file is missing, 64 bad options.
            """)

    @Argument(help: "The files to copy.") var files: [String]
    @Option(help: "The folder to write the copies to (created when missing; never the folder of an original).") var out: String
    @Option(help: "A file of at least 32 random bytes keying the pseudonyms (default: a new key for this run, forgotten after it).")
    var key: String?
    @Option(name: .customLong("shift-days"), help: "Days to move every date by (default: a random 30 to 365 days back).") var shiftDays:
        Int?

    func run() async throws {
        try await runReportingErrors {
            let output = URL(fileURLWithPath: out).standardizedFileURL
            for file in files where URL(fileURLWithPath: file).standardizedFileURL.deletingLastPathComponent() == output {
                throw CommandInputError(description: "--out: \(out) holds \(file); write the copies to another folder")
            }
            let keyBytes: [UInt8]
            if let key {
                keyBytes = Array(try readFile(key))
                guard keyBytes.count >= 32 else { throw CommandInputError(description: "\(key): a key needs at least 32 bytes") }
            } else {
                keyBytes = Array(SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) })
            }
            var generator = SystemRandomNumberGenerator()
            let shift = shiftDays ?? -Int.random(in: 30...365, using: &generator)
            let year = Calendar(identifier: .gregorian).component(.year, from: Date())
            var deidentifier = Deidentifier(key: keyBytes, dayShift: shift, currentYear: year)
            // Read and rewrite every file before writing any: a file that is not X12 stops the run with nothing written.
            var copies: [(URL, [UInt8], Int)] = []
            for file in files {
                let bytes = Array(try readFile(file))
                do {
                    let copy = try deidentifier.copy(of: bytes)
                    copies.append((output.appendingPathComponent(URL(fileURLWithPath: file).lastPathComponent), copy.bytes, copy.segments))
                } catch {
                    throw CommandInputError(description: "\(file): \(error)")
                }
            }
            try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
            for (target, bytes, segments) in copies {
                try Data(bytes).write(to: target, options: .atomic)
                say("\(target.path): \(segments) segments")
            }
            say("dates moved by \(shift) days; pseudonyms agree across these \(copies.count) file\(copies.count == 1 ? "" : "s")")
        }
    }
}

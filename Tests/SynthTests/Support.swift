import Billing
import Domain
import Synth
import X12

extension SynthConfiguration {
    /// Small enough for fast tests, long enough (three months) for appeals and reversals to come back;
    /// the run is fixed by its seed, so what it holds is the same on every machine.
    static let small = SynthConfiguration(seed: 1, claimsPerDay: 5, months: 3, start: CalendarDate(year: 2026, month: 1, day: 5)!)
}

/// One whole generated run, its chunks joined per file, files in the order they came.
struct GeneratedRun: Sendable {
    /// One file with every chunk it came in.
    struct File: Sendable {
        var file: SynthFile
        var chunks: [[UInt8]]
        var bytes: [UInt8] { chunks.flatMap { $0 } }
        var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    var files: [File] = []
    var summary = SynthSummary()
    /// Whether a file's chunks ever came after another file had started.
    var interleaved = false

    /// The small run every content test reads.
    static let small = GeneratedRun(.small)

    init(_ configuration: SynthConfiguration) {
        var files: [File] = []
        var interleaved = false
        summary = SynthGenerator(configuration).generate { file, chunk in
            if files.last?.file == file {
                files[files.count - 1].chunks.append(chunk)
            } else {
                if files.contains(where: { $0.file == file }) { interleaved = true }
                files.append(File(file: file, chunks: [chunk]))
            }
        }
        self.files = files
        self.interleaved = interleaved
    }

    /// The files of one kind.
    func files(_ kind: SynthFile.Kind) -> [File] { files.filter { $0.file.kind == kind } }

    /// Every fact of every file of `kind`, file by file.
    func facts(_ kind: SynthFile.Kind) -> [(file: SynthFile, facts: [BillingFact])] {
        files(kind).map { ($0.file, read($0.bytes).facts) }
    }
}

/// Every fact and diagnostic of one file read in one piece.
func read(_ bytes: [UInt8]) -> (facts: [BillingFact], diagnostics: [Diagnostic]) {
    BillingReader.readAll(bytes)
}

/// 0 Sunday … 6 Saturday, worked out from the day number (1970-01-01 was a Thursday).
func weekday(_ date: CalendarDate) -> Int { ((date.dayNumber % 7) + 11) % 7 }

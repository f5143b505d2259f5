import Domain
import FluentKit
import Foundation
import Synth

extension DemoWorkspace {
    /// What the demo's billing history holds.
    public struct BillingHistory: Sendable {
        /// Files imported.
        public let files: Int
        /// Claims submitted in them.
        public let claims: Int
        /// Payer decisions in them.
        public let adjudications: Int
    }

    /// Generates six months of a practice's billing activity ending the day before `today` —
    /// claims, acknowledgments, remittances with denials and reversals, patient payments — with the
    /// demo's story laid over it (one payer's denials spike in the last two months, another pays
    /// six weeks late so its balances age), and imports it into `practice`, file by file, as a
    /// real practice would.
    public static func importBillingHistory(
        on database: any Database, practice: Organization.ID, today: CalendarDate, claimsPerDay: Int = 12, seed: UInt64 = 2_026
    ) async throws -> BillingHistory {
        let start = today.adding(months: -6) ?? today
        let generator = SynthGenerator(SynthConfiguration(seed: seed, claimsPerDay: claimsPerDay, months: 6, start: start, story: true))
        var files: [(name: String, bytes: [UInt8])] = []
        let summary = generator.generate { file, chunk in
            if files.last?.name == file.name { files[files.count - 1].bytes += chunk } else { files.append((file.name, chunk)) }
        }
        let importer = BillingImporter(database, newPracticeTimeZone: "UTC")
        for file in files {
            let result = try await importer.importFile(named: file.name, from: .bytes(file.bytes), practice: practice, user: nil, now: Date())
            guard result.outcome != .rejected else { throw DemoError.rejected(file: file.name, reason: result.message) }
        }
        return BillingHistory(files: files.count, claims: summary.submittedClaims, adjudications: summary.adjudications)
    }

    /// The demo's own data was refused: a bug in the generator or the reader.
    public enum DemoError: Error, CustomStringConvertible {
        /// A generated file did not import.
        case rejected(file: String, reason: String)

        public var description: String {
            switch self {
            case .rejected(let file, let reason): "the demo file \(file) was rejected: \(reason)"
            }
        }
    }
}


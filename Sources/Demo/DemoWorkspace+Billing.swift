import Domain
import FluentKit
import Foundation
import Persistence
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
        /// The first day of the history.
        public let from: CalendarDate
        /// The day the demo's story starts: the state Medicaid plan pays late for claims sent from
        /// it on; Summit Mutual's authorization denials start a month later (``denialsFrom``).
        public let slowPayerFrom: CalendarDate
        public let denialsFrom: CalendarDate
    }

    /// The demo's billing files, each with the instant the practice imported it: the clearinghouse's
    /// 277CA and the payers' 835s in the morning of their day, the day's 837P in the evening it
    /// went out, and the patient payments in batches — a week's, cut at each month's end — the
    /// next business morning. Nothing is imported after `now`.
    struct BillingFeed {
        struct File {
            let at: Date
            let name: String
            let bytes: [UInt8]
        }

        let practice: Organization.ID
        let history: BillingHistory
        private(set) var files: [File]
        private(set) var imported = 0

        /// The run of the practice's billing that ends the day before `clock`'s today: long enough
        /// that a whole calendar quarter lies between the first two months (while the payments of
        /// the first claims come in) and the demo's story, so that the practice's steady figures
        /// show in at least one quarter, whatever day it is.
        init(practice: Organization.ID, clock: Clock, claimsPerDay: Int, seed: UInt64) {
            let today = clock.today
            let slowFrom = today.adding(days: -92) ?? today
            var months = 8
            while months < 12 {
                let start = today.adding(months: -months) ?? today
                if Self.quiet(after: start.adding(days: 75) ?? start, before: slowFrom.adding(days: 18) ?? slowFrom) != nil { break }
                months += 1
            }
            let start = today.adding(months: -months) ?? today
            let generator = SynthGenerator(
                SynthConfiguration(
                    seed: seed, claimsPerDay: claimsPerDay, months: months, start: start, story: true, workedBilling: true))
            var chunks: [(file: SynthFile, bytes: [UInt8])] = []
            let summary = generator.generate { file, chunk in
                if chunks.last?.file == file { chunks[chunks.count - 1].bytes += chunk } else { chunks.append((file, chunk)) }
            }
            var files: [File] = []
            for (order, (file, bytes)) in chunks.enumerated() {
                guard let date = file.date else {
                    files += Self.paymentBatches(bytes, clock: clock)
                    continue
                }
                // Acknowledgments and payments at the start of their day, claims at its end, in the order written.
                let minute = order % 30
                let at = file.kind == .claims837P ? clock.wall(date, 17, 20 + minute) : clock.wall(date, 7, minute)
                if at <= clock.now { files.append(File(at: at, name: file.name, bytes: bytes)) }
            }
            self.practice = practice
            self.files = files.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
            history = BillingHistory(
                files: self.files.count, claims: summary.submittedClaims, adjudications: summary.adjudications, from: start,
                slowPayerFrom: slowFrom, denialsFrom: today.adding(days: -61) ?? today)
        }

        /// The first whole calendar quarter that starts on or after `from` and ends before `before`.
        static func quiet(after from: CalendarDate, before: CalendarDate) -> (from: CalendarDate, to: CalendarDate)? {
            var month = CalendarMonth(from)
            if month.firstDay < from { month = month.adding(months: 1) ?? month }
            while (month.month - 1) % 3 != 0 { month = month.adding(months: 1) ?? month }
            guard let last = month.adding(months: 2)?.lastDay, last < before else { return nil }
            return (month.firstDay, last)
        }

        /// The patient payment CSV cut into the batches the practice posts: each week's (Monday to
        /// Sunday) and each month's last days, imported the next business morning.
        static func paymentBatches(_ bytes: [UInt8], clock: Clock) -> [File] {
            let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n")
            guard let header = lines.first else { return [] }
            var batches: [(last: CalendarDate, rows: [Substring])] = []
            for line in lines.dropFirst() {
                guard let date = line.split(separator: ",").dropFirst().first.flatMap({ CalendarDate(String($0)) }) else { continue }
                // The batch a day belongs to ends on the first Sunday or month's end on or after it.
                var last = date
                while !(clock.isSunday(last) || last == CalendarMonth(last).lastDay) { last = last.adding(days: 1) ?? last }
                if batches.last?.last == last { batches[batches.count - 1].rows.append(line) } else { batches.append((last, [line])) }
            }
            return batches.compactMap { batch in
                let at = clock.wall(clock.businessDay(onOrAfter: batch.last.adding(days: 1) ?? batch.last), 8, 5)
                guard at <= clock.now, let first = batch.rows.first?.split(separator: ",").dropFirst().first else { return nil }
                let text = ([header] + batch.rows).joined(separator: "\n") + "\n"
                return File(at: at, name: "patient-payments-\(first)-to-\(batch.last).csv", bytes: Array(text.utf8))
            }
        }

        /// When the next file is imported, if one is left.
        var nextAt: Date? { imported < files.count ? files[imported].at : nil }

        /// Imports, each at its own instant, every file due up to `instant`.
        mutating func importThrough(_ instant: Date, on database: any Database) async throws {
            let importer = BillingImporter(database, newPracticeTimeZone: "UTC")
            while imported < files.count, files[imported].at <= instant {
                let file = files[imported]
                let result = try await importer.importFile(
                    named: file.name, from: .bytes(file.bytes), practice: practice, user: nil, now: file.at)
                guard result.outcome != .rejected else { throw DemoError.rejected(file: file.name, reason: result.message) }
                imported += 1
            }
        }
    }

    /// Generates the practice's billing activity up to the day before today — claims,
    /// acknowledgments, remittances with denials and reversals, patient payments — worked as a
    /// working vendor works it, with the demo's story laid over it (one payer's denials spike in the
    /// last two months, another pays six weeks late so its balances age), and imports it into
    /// `practice`, file by file, each file on its day, as a real practice would.
    public static func importBillingHistory(
        on database: any Database, practice: Organization.ID, now: Date, claimsPerDay: Int = 12, seed: UInt64 = 2_026
    ) async throws -> BillingHistory {
        guard let organization = try await OrganizationStore(database).find(practice) else {
            throw StoreError.organizationNotFound(practice.description)
        }
        var feed = BillingFeed(
            practice: practice, clock: Clock(timeZone: organization.timeZone, now: now), claimsPerDay: claimsPerDay, seed: seed)
        try await feed.importThrough(now, on: database)
        return feed.history
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

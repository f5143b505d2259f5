import Billing
import Crypto
import Domain
import FluentKit
import Foundation
import SQLKit
import X12

/// Imports billing files: each file whole, in one database transaction, or not at all.
///
/// A first pass reads the file without touching the database (content hash, interchange identity,
/// every diagnostic); a file with an error is rejected there. The same interchange imported
/// again (sender ISA06, control number ISA13 and content hash) stores nothing. Otherwise a
/// second pass stores every fact in one transaction, with the import log row.
public struct BillingImporter: Sendable {
    /// Progress of one file: the phase and how many of its bytes are done.
    public struct Progress: Sendable {
        /// `checking` (first pass) or `storing` (second pass).
        public let phase: String
        /// Bytes of the file done in this phase.
        public let done: Int64
        /// The file's size, when known.
        public let total: Int64?
    }

    let database: any Database
    /// Time zone given to a practice created from a file.
    let newPracticeTimeZone: String

    /// An importer writing to `database`.
    public init(_ database: any Database, newPracticeTimeZone: String) {
        self.database = database
        self.newPracticeTimeZone = newPracticeTimeZone
    }

    /// Imports one file for `practice` (or the only practice; or a new one named after the file's
    /// billing provider when the database has none).
    public func importFile(
        named fileName: String, from source: ImportSource, practice requested: Organization.ID?, user: User.ID?,
        now: Date, progress: @escaping @Sendable (Progress) -> Void = { _ in }
    ) async throws -> ImportResult {
        let total = source.size()
        let scan = try await Self.scan(source, total: total, progress: progress)
        var result = ImportResult(
            fileName: fileName, kind: scan.kind, outcome: .rejected, claims: scan.summary.claims,
            totalCharge: scan.summary.totalCharge, totalPaid: scan.summary.totalPaid,
            diagnosticsCount: scan.diagnostics.count, warnings: scan.diagnostics.filter { $0.severity == .warning }.count)

        let existing = try await OrganizationStore(database).resolvePractice(requested)
        if let error = scan.diagnostics.first(where: { $0.severity == .error }) {
            result.message = scan.kind.hasSuffix("-csv") || scan.kind == "csv" ? error.message : Self.describe(error)
            if let existing { try await log(result, practiceID: existing.id.rawValue, user: user, now: now) }
            return result
        }
        if let existing, let duplicate = try await BillingFileModel.query(on: database)
            .filter(\.$practiceID == existing.id.rawValue).filter(\.$senderID == scan.sender)
            .filter(\.$interchangeControlNumber == scan.control).filter(\.$contentSHA256 == scan.sha256).first() {
            result.outcome = .duplicate
            result.practiceID = existing.id.rawValue
            result.fileID = duplicate.id
            result.message = "already imported on \(duplicate.importedAt.ISO8601Format()) as \(duplicate.fileName)"
            try await log(result, practiceID: existing.id.rawValue, user: user, now: now)
            return result
        }

        let fileID = UUID()
        let newPracticeName = scan.practiceName.isEmpty ? fileName : scan.practiceName
        let timeZone = newPracticeTimeZone
        let checked = result
        let stored = try await database.transaction { transaction -> UUID in
            let practiceID: UUID
            if let existing {
                practiceID = existing.id.rawValue
            } else {
                let practice = try Organization.validated(name: newPracticeName, kind: .practice, timeZone: timeZone)
                try await OrganizationStore(transaction).create(practice)
                practiceID = practice.id.rawValue
            }
            let file = BillingFileModel()
            file.id = fileID
            file.practiceID = practiceID
            file.fileName = fileName
            file.kind = scan.kind
            file.version = scan.version
            file.senderID = scan.sender
            file.interchangeControlNumber = scan.control
            file.contentSHA256 = scan.sha256
            file.bytes = scan.bytes
            file.claims = scan.summary.claims
            file.warnings = checked.warnings
            file.importedBy = user?.rawValue
            file.importedAt = now
            try await file.create(on: transaction)
            try await Self.store(source, into: transaction, practiceID: practiceID, fileID: fileID, total: total, progress: progress)
            var imported = checked
            imported.outcome = .imported
            try await Self.log(imported, practiceID: practiceID, fileID: fileID, user: user, now: now, on: transaction)
            return practiceID
        }
        result.outcome = .imported
        result.fileID = fileID
        result.practiceID = stored
        return result
    }

    /// What the first pass learns.
    struct Scan {
        var sha256 = ""
        var bytes: Int64 = 0
        var kind = "unknown"
        var version = ""
        var sender = ""
        var control = ""
        var practiceName = ""
        var summary = FileSummary()
        var diagnostics: [Diagnostic] = []
    }

    static func scan(_ source: ImportSource, total: Int64?, progress: @Sendable (Progress) -> Void) async throws -> Scan {
        var hasher = SHA256()
        var reader = BillingFileReader()
        var scan = Scan()
        var summary = FileSummary()
        var name = ""
        let collect = { (fact: BillingFact) in
            summary.add(fact)
            if name.isEmpty {
                if case .claim(let claim, _) = fact { name = claim.billingProviderName }
                if case .remittance(let remittance) = fact { name = remittance.payeeName }
            }
        }
        try await source.forEachChunk { chunk in
            hasher.update(data: chunk)
            scan.bytes += Int64(chunk.count)
            reader.feed(chunk, collect)
            progress(Progress(phase: "checking", done: scan.bytes, total: total))
        }
        reader.finish(collect)
        if scan.bytes == 0 {
            scan.diagnostics = [Diagnostic(.error, "the file is empty")]
        } else {
            scan.diagnostics = reader.diagnostics
        }
        scan.sha256 = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        scan.kind = reader.kindName
        scan.version = reader.version
        scan.sender = reader.interchange.senderID
        scan.control = reader.interchange.controlNumber
        scan.practiceName = name.trimmingCharacters(in: .whitespaces)
        scan.summary = summary
        return scan
    }

    static func store(
        _ source: ImportSource, into database: any Database, practiceID: UUID, fileID: UUID, total: Int64?,
        progress: @Sendable (Progress) -> Void
    ) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        var reader = BillingFileReader()
        var rows = FactRows(practiceID: practiceID, fileID: fileID)
        var full = false
        var done: Int64 = 0
        try await source.forEachChunk { chunk in
            reader.feed(chunk) { if rows.add($0) { full = true } }
            if full {
                try await rows.flush(sql)
                full = false
            }
            done += Int64(chunk.count)
            progress(Progress(phase: "storing", done: done, total: total))
        }
        reader.finish { _ = rows.add($0) }
        try await rows.flush(sql)
    }

    private func log(_ result: ImportResult, practiceID: UUID, user: User.ID?, now: Date) async throws {
        try await Self.log(result, practiceID: practiceID, fileID: result.fileID, user: user, now: now, on: database)
    }

    static func log(_ result: ImportResult, practiceID: UUID, fileID: UUID?, user: User.ID?, now: Date, on database: any Database) async throws {
        let entry = ImportLogModel()
        entry.practiceID = practiceID
        entry.userID = user?.rawValue
        entry.fileName = result.fileName
        entry.kind = result.kind
        entry.result = result.outcome.rawValue
        entry.message = result.message
        entry.claims = result.claims
        entry.fileID = fileID
        entry.at = now
        try await entry.create(on: database)
    }

    /// `segment 12 (CLP), element 4: CLP04 is not an amount`.
    static func describe(_ diagnostic: Diagnostic) -> String {
        var place: [String] = []
        if let index = diagnostic.segmentIndex {
            place.append(diagnostic.segmentID.map { "segment \(index) (\($0))" } ?? "segment \(index)")
        } else if let id = diagnostic.segmentID {
            place.append("segment \(id)")
        }
        if let element = diagnostic.element { place.append("element \(element)") }
        return (place.isEmpty ? "" : place.joined(separator: ", ") + ": ") + diagnostic.message
    }
}

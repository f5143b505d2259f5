import Billing
import Crypto
import Domain
import FluentKit
import Foundation
import SQLKit
import X12

/// Imports billing files: each file whole, in one database transaction, or not at all.
///
/// A quick first pass hashes the file; the same content imported before into the practice is a
/// duplicate and stores nothing (the same content means the same sender ISA06 and control number
/// ISA13 too). Otherwise one pass reads the file and stores its facts inside a transaction while
/// the database writes the previous batch; a file whose reading ends with an error is rolled back
/// whole and reported, so nothing of it is ever half-written.
public struct BillingImporter: Sendable {
    /// Progress of one file: the phase and how many of its bytes are done.
    public struct Progress: Sendable {
        /// `checking` (hashing) or `importing` (reading and storing).
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

    /// One file to import: its name and where its bytes are.
    public struct Incoming: Sendable {
        public let name: String
        public let source: ImportSource

        public init(name: String, source: ImportSource) {
            self.name = name
            self.source = source
        }
    }

    /// Imports `files` in turn, each whole or not at all, for `practice`: the one loop of the
    /// command line, the API and the import page. A file that cannot be read, or that finds the
    /// database held by another writer past the wait, is reported rejected with the reason while
    /// the others go on; `busy` says whether that happened, so the caller answers 503 / exit 69.
    public func importEach(
        _ files: [Incoming], practice: Organization.ID?, user: User.ID?, now: @Sendable () -> Date,
        progress: (Incoming) -> (@Sendable (Progress) -> Void) = { _ in { _ in } }, finished: (Incoming) -> Void = { _ in }
    ) async throws -> (results: [ImportResult], busy: Bool) {
        var results: [ImportResult] = []
        var busy = false
        for file in files {
            do {
                results.append(
                    try await importFile(
                        named: file.name, from: file.source, practice: practice, user: user, now: now(),
                        progress: progress(file)))
            } catch let error as ImportError {
                results.append(ImportResult(fileName: file.name, kind: "unknown", outcome: .rejected, message: error.description))
            } catch  where DatabaseBusy.matches(error) {
                busy = true
                results.append(
                    ImportResult(
                        fileName: file.name, kind: "unknown", outcome: .rejected,
                        message: "not imported: the database stayed busy with other work; nothing of this file was kept, send it again"))
            }
            finished(file)
        }
        return (results, busy)
    }

    /// Imports one file for `practice` (or the only practice; or a new one named after the file's
    /// billing provider when the database has none), in named stages: identify (its name and its
    /// content's hash) → dedupe (the same content already stored) → read, store and roll up (one
    /// pass, inside the file's transaction) → judge whose file it is → record (the file's row, the
    /// import log and the audit trail). A stage that refuses ends the transaction: nothing stays.
    public func importFile(
        named fileName: String, from source: ImportSource, practice requested: Organization.ID?, user: User.ID?,
        now: Date, progress: @escaping @Sendable (Progress) -> Void = { _ in }
    ) async throws -> ImportResult {
        // identify
        if let refused = Self.refusedName(fileName) { return refused }
        let total = source.size()
        let (sha256, size) = try await Self.hash(source, total: total, progress: progress)
        // dedupe
        let existing = try await OrganizationStore(database).resolvePractice(requested)
        if let existing, let duplicate = try await Self.duplicate(sha256, fileName: fileName, practice: existing.id.rawValue, on: database)
        {
            try await log(duplicate, practiceID: existing.id.rawValue, user: user, now: now)
            return duplicate
        }
        let fileID = UUID()
        let made = try existing ?? Organization.validated(name: fileName, kind: .practice, timeZone: newPracticeTimeZone)
        do {
            return try await database.atomically { transaction in
                // Two first imports at once: whoever writes second finds the practice the first made.
                let found = existing == nil ? try await OrganizationStore(transaction).resolvePractice(nil) : existing
                let practice = found ?? made, isNewPractice = found == nil
                if existing == nil, !isNewPractice,
                    let duplicate = try await Self.duplicate(sha256, fileName: fileName, practice: practice.id.rawValue, on: transaction)
                {
                    try await Self.log(
                        duplicate, practiceID: practice.id.rawValue, fileID: duplicate.fileID, user: user, now: now, on: transaction)
                    return duplicate
                }
                if isNewPractice { try await OrganizationStore(transaction).create(practice) }
                let (file, sequence) = try await Self.startRecord(
                    fileID, named: fileName, sha256: sha256, size: size, practice: practice.id.rawValue,
                    user: user, now: now, on: transaction)
                // read, store and roll up
                let read = try await Self.store(
                    source, into: transaction, practiceID: practice.id.rawValue, fileID: fileID,
                    sequence: sequence, total: total, progress: progress)
                var result = Self.result(of: read, fileName: fileName)
                if let error = read.diagnostics.first(where: { $0.severity == .error }) {
                    result.message = read.kind.hasSuffix("-csv") || read.kind == "csv" ? error.message : Self.describe(error)
                    throw Rejection(result: result)
                }
                // judge whose file it is: every billing provider (837) and payee (835) must be this practice
                let identities = PracticeIdentifierStore(transaction)
                let known = try await identities.known(practice: practice.id)
                var learned: [PracticeIdentifier] = []
                switch PracticeIdentity.judge(read.parties, known: known) {
                case .accepted: break
                case .learn(let identifiers): learned = identifiers
                case .refused(let strangers):
                    result.message = PracticeIdentity.refusal(strangers, known: known, practiceName: practice.name)
                    throw Rejection(result: result)
                }
                // record
                if isNewPractice, !read.practiceName.isEmpty,
                    let named = try? Organization.validated(name: read.practiceName, kind: .practice, timeZone: practice.timeZone)
                {
                    try await OrganizationModel.query(on: transaction).filter(\.$id == practice.id.rawValue).set(\.$name, to: named.name)
                        .update()
                }
                file.kind = read.kind
                file.version = read.version
                file.senderID = read.sender
                file.interchangeControlNumber = read.control
                file.claims = read.summary.claims
                file.warnings = result.warnings
                try await file.update(on: transaction)
                if !learned.isEmpty {
                    try await identities.learn(learned, practice: practice.id.rawValue, fileID: fileID, fileName: fileName, now: now)
                    result.message =
                        "the practice's identifiers were learned from this file: \(learned.map(\.description).joined(separator: ", ")); "
                        + "confirm them in Practice settings (sightline org identifiers); files naming none of them will be refused"
                }
                result.outcome = .imported
                result.fileID = fileID
                result.practiceID = practice.id.rawValue
                try await Self.log(result, practiceID: practice.id.rawValue, fileID: fileID, user: user, now: now, on: transaction)
                return result
            }
        } catch let rejection as Rejection {
            if let existing { try await log(rejection.result, practiceID: existing.id.rawValue, user: user, now: now) }
            return rejection.result
        }
    }

    /// Identify: a name that would not read back as given is refused before anything is read.
    static func refusedName(_ fileName: String) -> ImportResult? {
        guard let refusal = PlainText.lineRefusal(in: fileName) else { return nil }
        // Nothing is stored or logged under a name that would not read back as given.
        let shown = String(
            String.UnicodeScalarView(fileName.unicodeScalars.map { PlainText.lineRefusal(in: String($0)) == nil ? $0 : "?" }))
        var result = ImportResult(fileName: shown, kind: "unknown", outcome: .rejected)
        result.message = "the file's name \(refusal.description); rename the file and import it again"
        return result
    }

    /// Dedupe: the file of the practice with the same content, as the duplicate's result.
    static func duplicate(_ sha256: String, fileName: String, practice: UUID, on database: any Database) async throws -> ImportResult? {
        guard
            let duplicate = try await BillingFileModel.query(on: database).filter(\.$practiceID == practice)
                .filter(\.$contentSHA256 == sha256).first()
        else { return nil }
        var result = ImportResult(fileName: fileName, kind: duplicate.kind, outcome: .duplicate, claims: duplicate.claims)
        result.practiceID = practice
        result.fileID = duplicate.id
        result.message = "already imported on \(duplicate.importedAt.ISO8601Format()) as \(duplicate.fileName)"
        return result
    }

    /// The file's row, written first so its facts can name it; the record stage fills in what reading learned.
    static func startRecord(
        _ fileID: UUID, named fileName: String, sha256: String, size: Int64, practice: UUID, user: User.ID?, now: Date,
        on database: any Database
    ) async throws -> (BillingFileModel, Int64) {
        let file = BillingFileModel()
        file.id = fileID
        file.practiceID = practice
        file.fileName = fileName
        file.kind = "unknown"
        file.version = ""
        file.senderID = ""
        file.interchangeControlNumber = ""
        file.contentSHA256 = sha256
        file.bytes = size
        file.claims = 0
        file.warnings = 0
        file.importedBy = user?.rawValue
        file.importedAt = now
        let sequence = try await nextSequence(on: database)
        file.sequence = sequence
        try await file.create(on: database)
        return (file, sequence)
    }

    /// Ends the transaction of a file that reads with an error: nothing of it stays.
    private struct Rejection: Error {
        let result: ImportResult
    }

    /// What reading the file learned.
    struct Read {
        var kind = "unknown"
        var version = ""
        var sender = ""
        var control = ""
        var practiceName = ""
        /// Billing providers (837) and payees (835), one per loop, in file order.
        var parties: [BillingParty] = []
        var summary = FileSummary()
        var diagnostics: [Diagnostic] = []
    }

    static func result(of read: Read, fileName: String) -> ImportResult {
        ImportResult(
            fileName: fileName, kind: read.kind, outcome: .rejected, claims: read.summary.claims,
            totalCharge: read.summary.totalCharge, totalPaid: read.summary.totalPaid,
            diagnosticsCount: read.diagnostics.count, warnings: read.diagnostics.filter { $0.severity == .warning }.count)
    }

    /// The content's SHA-256 (hex) and size.
    static func hash(_ source: ImportSource, total: Int64?, progress: @Sendable (Progress) -> Void) async throws -> (String, Int64) {
        var hasher = SHA256()
        var size: Int64 = 0
        try await source.forEachChunk { chunk in
            hasher.update(data: chunk)
            size += Int64(chunk.count)
            progress(Progress(phase: "checking", done: size, total: total))
        }
        return (hasher.finalize().map { String(format: "%02x", $0) }.joined(), size)
    }

    /// The next import sequence number.
    static func nextSequence(on database: any Database) async throws -> Int64 {
        guard let sql = database as? any SQLDatabase else { return 1 }
        let row = try await sql.raw("SELECT COALESCE(MAX(sequence), 0) + 1 AS next FROM billing_files").first()
        return try row?.decode(column: "next", as: Int64.self) ?? 1
    }

    /// Reads the file and stores its rows, the database writing one batch while the next is read;
    /// then brings the claims it touches and the figures' rollups up to date.
    static func store(
        _ source: ImportSource, into database: any Database, practiceID: UUID, fileID: UUID, sequence: Int64, total: Int64?,
        progress: @Sendable (Progress) -> Void
    ) async throws -> Read {
        var reader = BillingFileReader()
        reader.keepSource()
        var rows = FactRows(practiceID: practiceID, fileID: fileID, keys: try DataProtection.ring)
        var claims = ClaimFactCollector(fileSequence: sequence, bytes: total)
        var summary = FileSummary()
        var name = ""
        var parties: [BillingParty] = []
        var full = false
        var done: Int64 = 0
        guard var writer = BatchWriter(database) else { throw ImportError.unreadable("the database does not take SQL") }
        let collect = { (fact: BillingFact, source: String?) in
            summary.add(fact)
            if case .party(let party) = fact { parties.append(party) }
            if name.isEmpty {
                if case .claim(let claim, _) = fact { name = claim.billingProviderName }
                if case .remittance(let remittance) = fact { name = remittance.payeeName }
                if case .acknowledgment(let acknowledgment, _) = fact { name = acknowledgment.billingProviderName }
            }
            if rows.add(fact, source: source) { full = true }
            claims.add(fact, position: rows.position, remittance: rows.remittance)
        }
        do {
            try await source.forEachChunk { chunk in
                reader.feed(chunk, sourced: collect)
                done += Int64(chunk.count)
                if full, !reader.hasErrors {
                    try await writer.write(try rows.takeFull())
                    full = false
                }
                progress(Progress(phase: "importing", done: done, total: total))
            }
            reader.finish(sourced: collect)
            if done == 0 || reader.hasErrors {
                try await writer.finish()
            } else {
                try await writer.write(try rows.takeAll())
                try await writer.finish()
                try await KPIMaintenance.apply(claims, practiceID: practiceID, fileID: fileID, on: writer.database)
            }
        } catch {
            await writer.abandon()
            throw error
        }
        var read = Read(summary: summary)
        read.diagnostics = done == 0 ? [Diagnostic(.error, "the file is empty")] : reader.diagnostics
        read.kind = reader.kindName
        read.version = reader.version
        read.sender = reader.interchange.senderID
        read.control = reader.interchange.controlNumber
        read.practiceName = name.trimmingCharacters(in: .whitespaces)
        read.parties = parties
        return read
    }

    private func log(_ result: ImportResult, practiceID: UUID, user: User.ID?, now: Date) async throws {
        try await Self.log(result, practiceID: practiceID, fileID: result.fileID, user: user, now: now, on: database)
    }

    static func log(
        _ result: ImportResult, practiceID: UUID, fileID: UUID?, user: User.ID?, now: Date, on database: any Database
    ) async throws {
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
        try await AuditTrail(database).record(
            AuditEntry(
                "import", practice: practiceID, object: fileID.map { "file:\($0)" },
                outcome: result.outcome == .rejected ? .failure : .success,
                detail: "\(result.kind) \(result.outcome.rawValue): \(result.claims) claims from \(result.fileName.prefix(200))"), at: now)
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

import Domain
import Fluent
import Foundation
import Persistence
import SightlineTestSupport
import Testing

/// The generated practice's identifiers (Synth's Brightwater: group NPI 199000001 + check digit, EIN 930000123).
let synthNPI = "199000001" + String(NPICheckDigit.digit(for: "199000001")!)
let synthTIN = "930000123"
/// Another practice's.
let strangerNPI = "1234567893", strangerTIN = "376985369"

/// A generated file rewritten so that another practice bills or is paid in it: the same claim
/// numbers, so only the billing provider or payee tells the files apart.
func asStranger(_ bytes: [UInt8]) -> [UInt8] {
    var text = String(decoding: bytes, as: UTF8.self)
    text = text.replacingOccurrences(of: "BRIGHTWATER FAMILY MEDICINE", with: "LAKESIDE PEDIATRICS GROUP")
    text = text.replacingOccurrences(of: synthNPI, with: strangerNPI)
    text = text.replacingOccurrences(of: synthTIN, with: strangerTIN)
    return Array(text.utf8)
}

/// Row counts of every table an import writes, and of the rollups the figures are read from.
func everything(_ db: any Database) async throws -> [String: String] {
    var counts: [String: String] = [:]
    for table in tables + ["kpi_daily", "kpi_balances", "practice_identifiers", "import_log"] {
        counts[table] = try await db.sqlRows("SELECT COUNT(*) FROM \(table)").first ?? "?"
    }
    counts["paid"] = try await db.sqlRows("SELECT COALESCE(SUM(paid_cents), 0) FROM adjudications").first ?? "?"
    return counts
}

@Suite("A practice's identity: another practice's file never changes this one", .database)
struct PracticeIdentityImportTests {
    func importer(_ db: any Database) -> BillingImporter { BillingImporter(db, newPracticeTimeZone: "America/Chicago") }

    func figures(_ db: any Database, _ practice: Organization.ID) async throws -> [String: Double?] {
        try await KPIQuery(db).answer(KPIRequest(practiceID: practice.rawValue, from: day("2026-01-01"), to: day("2026-03-31"))).totals
            .comparable
    }

    /// Imports the generated files of kinds whose names start with one of `prefixes` into `practice`.
    func load(
        _ files: [(name: String, bytes: [UInt8])], _ prefixes: [String], into practice: Organization.ID?, on db: any Database
    ) async throws -> Organization.ID {
        var id = practice
        for file in files where prefixes.contains(where: file.name.hasPrefix) {
            let result = try await importer(db).importFile(named: file.name, from: .bytes(file.bytes), practice: id, user: nil, now: Date())
            #expect(result.outcome == .imported, "\(file.name): \(result.message)")
            id = id ?? result.practiceID.map(Organization.ID.init)
        }
        return try #require(id)
    }

    @Test("the first file teaches the practice its identifiers, recorded with the file and in the audit trail")
    func learns() async throws {
        let db = try TestDatabase.app.db
        let files = synthFiles(claimsPerDay: 2, months: 1)
        let first = try #require(files.first { $0.name.hasPrefix("837P") })
        let result = try await importer(db).importFile(named: first.name, from: .bytes(first.bytes), practice: nil, user: nil, now: Date())
        #expect(result.outcome == .imported)
        #expect(result.message.contains("the practice's identifiers were learned from this file: NPI \(synthNPI), TIN 93-0000123"))
        let practice = Organization.ID(try #require(result.practiceID))
        #expect(try await db.sqlRows("SELECT message FROM import_log") == [result.message])
        let learned = try await PracticeIdentifierStore(db).list(practice: practice)
        #expect(learned.map(\.identifier.description) == ["NPI \(synthNPI)", "TIN 93-0000123"])
        #expect(learned.allSatisfy { $0.origin == .learned && $0.fileName == first.name && $0.fileID == result.fileID })
        let audit = try await db.sqlRows("SELECT detail FROM audit_records WHERE action = 'practice.identifier.learned'")
        #expect(audit.count == 1)
        #expect(audit.first?.contains("NPI \(synthNPI), TIN 93-0000123") == true)
        #expect(audit.first?.contains(first.name) == true)
        // Every later file of the same practice is its own and imports.
        _ = try await load(files.filter { $0.name != first.name }, ["837P", "277CA", "835"], into: practice, on: db)
        #expect(try await PracticeIdentifierStore(db).list(practice: practice).count == 2)
    }

    @Test("another practice's 835 or 837 is refused whole: nothing stored, no figure moves", arguments: ["835", "837P"])
    func refusesStranger(kind: String) async throws {
        let db = try TestDatabase.app.db
        let files = synthFiles(claimsPerDay: 3, months: 2)
        let practice = try await load(files, ["837P", "277CA"], into: nil, on: db)
        if kind == "837P" { _ = try await load(files, ["835"], into: practice, on: db) }
        let before = try await everything(db), figuresBefore = try await figures(db, practice)

        // The other practice's file for the same claim numbers (its own 835s pay the same numbers).
        let original = try #require(files.first { $0.name.hasPrefix(kind) })
        let stranger = asStranger(original.bytes)
        let result = try await importer(db).importFile(
            named: "lakeside-\(original.name)", from: .bytes(stranger), practice: practice, user: nil, now: Date())
        #expect(result.outcome == .rejected)
        let role = kind == "835" ? "payee" : "billing provider"
        #expect(
            result.message.contains("the \(role) of transaction 1, LAKESIDE PEDIATRICS GROUP, carrying NPI \(strangerNPI)"),
            "\(result.message)")
        #expect(result.message.contains("bills under NPI \(synthNPI), TIN 93-0000123"))
        #expect(result.message.contains("--add-npi \(strangerNPI)"))

        var after = try await everything(db)
        #expect(after["import_log"] == String(Int(before["import_log"] ?? "0")! + 1), "the refusal is logged")
        after["import_log"] = before["import_log"]
        #expect(after == before)
        #expect(try await figures(db, practice) == figuresBefore)
        let refusal = try await db.sqlRows("SELECT outcome FROM audit_records WHERE action = 'import' ORDER BY sequence DESC LIMIT 1")
        #expect(refusal == ["failure"])
    }

    @Test("once its identifier is added, the file that was refused imports")
    func acceptsAfterAdding() async throws {
        let db = try TestDatabase.app.db
        let files = synthFiles(claimsPerDay: 2, months: 1)
        let practice = try await load(files, ["837P"], into: nil, on: db)
        let remit = try #require(files.first { $0.name.hasPrefix("835") })
        let stranger = asStranger(remit.bytes)
        #expect(
            try await importer(db).importFile(named: "other.835", from: .bytes(stranger), practice: practice, user: nil, now: Date())
                .outcome == .rejected)

        let added = try PracticeIdentifier.validated(kind: .tin, strangerTIN)
        try await PracticeIdentifierStore(db).add(added, practice: practice, by: nil, now: Date())
        await #expect(throws: PracticeIdentifierStoreError.alreadyPresent(added)) {
            try await PracticeIdentifierStore(db).add(added, practice: practice, by: nil, now: Date())
        }
        let again = try await importer(db).importFile(
            named: "other.835", from: .bytes(stranger), practice: practice, user: nil, now: Date())
        #expect(again.outcome == .imported, "\(again.message)")
        let entries = try await PracticeIdentifierStore(db).list(practice: practice)
        #expect(entries.first { $0.identifier == added }?.origin == .added)
        #expect(try await db.sqlRows("SELECT COUNT(*) FROM audit_records WHERE action = 'practice.identifier.added'") == ["1"])

        // Removing it refuses the next such file again.
        try await PracticeIdentifierStore(db).remove(added, practice: practice, now: Date())
        let later = try #require(files.last { $0.name.hasPrefix("835") && $0.name != remit.name })
        #expect(
            try await importer(db).importFile(
                named: "other-2.835", from: .bytes(asStranger(later.bytes)), practice: practice, user: nil, now: Date()
            ).outcome == .rejected)
        await #expect(throws: PracticeIdentifierStoreError.notPresent(added)) {
            try await PracticeIdentifierStore(db).remove(added, practice: practice, now: Date())
        }
    }

    @Test("a file whose transactions name several billing providers is refused when one of them is not the practice")
    func everyTransaction() async throws {
        let db = try TestDatabase.app.db
        let files = synthFiles(claimsPerDay: 2, months: 1)
        let practice = try await load(files, ["837P"], into: nil, on: db)
        let before = try await everything(db)
        // The practice's own 835 interchange followed by the other practice's, in one file.
        let remits = files.filter { $0.name.hasPrefix("835") }
        let own = try #require(remits.first), other = try #require(remits.dropFirst().first)
        let mixed = own.bytes + asStranger(other.bytes)
        let result = try await importer(db).importFile(named: "mixed.835", from: .bytes(mixed), practice: practice, user: nil, now: Date())
        #expect(result.outcome == .rejected)
        #expect(result.message.contains("the payee of transaction 2, LAKESIDE PEDIATRICS GROUP"), "\(result.message)")
        #expect(!result.message.contains("transaction 1,"))
        var after = try await everything(db)
        after["import_log"] = before["import_log"]
        #expect(after == before)
    }

    @Test("a 277CA follows its 837's claims: it moves the practice's own claims and no other practice's figures")
    func acknowledgmentFollowsClaims() async throws {
        let db = try TestDatabase.app.db
        let files = synthFiles(claimsPerDay: 3, months: 2)
        let practice = try await load(files, ["837P"], into: nil, on: db)
        let other = try Organization.validated(name: "Lakeside Pediatrics", kind: .practice, timeZone: "America/Denver")
        try await OrganizationStore(db).create(other)
        try await PracticeIdentifierStore(db).add(try .validated(kind: .npi, strangerNPI), practice: other.id, by: nil, now: Date())
        let ownBefore = try await figures(db, practice), otherBefore = try await figures(db, other.id)
        #expect((ownBefore["cleanClaimRate"] ?? nil) == nil, "no claim is acknowledged yet")

        // The practice's 277CAs imported by the other practice: accepted (a 277CA names no payee), but they
        // acknowledge claims it never submitted, so none of its figures moves.
        let acknowledgments = files.filter { $0.name.hasPrefix("277CA") }
        try #require(!acknowledgments.isEmpty)
        for file in acknowledgments {
            let result = try await importer(db).importFile(
                named: file.name, from: .bytes(file.bytes), practice: other.id, user: nil, now: Date())
            #expect(result.outcome == .imported)
        }
        #expect(try await figures(db, other.id) == otherBefore)
        #expect(try await figures(db, practice) == ownBefore)

        // In the practice they belong to, they acknowledge its claims.
        _ = try await load(files, ["277CA"], into: practice, on: db)
        let ownAfter = try await figures(db, practice)
        #expect((ownAfter["cleanClaimRate"] ?? nil) != nil, "its claims are acknowledged now")
    }
}

/// The public corpus, when `SIGHTLINE_CORPUS` points at it.
enum PublicCorpus {
    static var root: URL? {
        ProcessInfo.processInfo.environment["SIGHTLINE_CORPUS"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
    }

    static func bytes(_ file: String) throws -> [UInt8] {
        Array(try Data(contentsOf: try #require(root).appendingPathComponent(file)))
    }
}

@Suite("The corpus's files of one practice", .database, .enabled(if: PublicCorpus.root != nil, "set SIGHTLINE_CORPUS to ../shared/data"))
struct CorpusPracticeIdentityTests {
    /// "MEDICAL GROUP"'s claim files: the same billing provider (its NPI has no valid check digit, its EIN 12-3456789 is learned).
    static let medicalGroup = [
        "x12/837/imsweb_x12_many_claims.txt", "x12/837/imsweb_x12_multiple_gs.txt", "x12/837/imsweb_x12_multiple_transactions.txt",
        "x12/837/imsweb_x12_valid_different_separators.txt",
    ]

    @Test("after learning from the first, a practice's real files are accepted and another practice's is refused")
    func onePractice() async throws {
        let db = try TestDatabase.app.db
        let importer = BillingImporter(db, newPracticeTimeZone: "America/New_York")
        var practice: Organization.ID?
        for file in Self.medicalGroup {
            let result = try await importer.importFile(
                named: file, from: .bytes(try PublicCorpus.bytes(file)), practice: practice, user: nil, now: Date())
            #expect(result.outcome == .imported, "\(file): \(result.message)")
            practice = practice ?? result.practiceID.map(Organization.ID.init)
        }
        let id = try #require(practice)
        let learned = try await PracticeIdentifierStore(db).list(practice: id).map(\.identifier.description)
        #expect(learned == ["TIN 12-3456789"], "an NPI without its check digit is not learned")
        let before = try await everything(db)
        let other = "x12/837/badx12_X222-ambulance.edi"
        let refused = try await importer.importFile(
            named: other, from: .bytes(try PublicCorpus.bytes(other)), practice: id, user: nil, now: Date())
        #expect(refused.outcome == .rejected)
        #expect(refused.message.contains("AAA AMBULANCE SERVICE, carrying NPI 2366554859, TIN 37-6985369"), "\(refused.message)")
        var after = try await everything(db)
        after["import_log"] = before["import_log"]
        #expect(after == before)
    }
}

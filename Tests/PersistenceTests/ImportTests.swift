import Domain
import Fluent
import Foundation
import Persistence
import SQLKit
import SightlineTestSupport
import Testing

/// A small, valid 835 with two claims, one with a patient name.
let remittance835 = """
    ISA*00*          *00*          *ZZ*PAYERSENDER    *ZZ*RIVERBEND      *261120*1200*^*00501*000000123*0*P*:~
    GS*HP*PAYER*RIVERBEND*20261120*1200*123*X*005010X221A1~
    ST*835*0001~
    BPR*I*180*C*ACH*CCP*01*999999999*DA*1*1512345678**01*999988880*DA*2*20261120~
    TRN*1*EFT123*1512345678~
    N1*PR*ACME HEALTH PLAN~
    REF*2U*ACME01~
    N1*PE*RIVERBEND FAMILY MEDICINE*XX*1999999984~
    CLP*PCN1*1*200*150*30*12*PAYER1~
    NM1*QC*1*DOE*JANE****MI*MEMBER123~
    SVC*HC:99213*200*150**1~
    CAS*CO*45*20~
    CAS*PR*2*30~
    CLP*PCN2*4*100*0*0*12*PAYER2~
    CAS*CO*16*100~
    PLB*1999999984*20261231*L6*-30~
    SE*15*0001~
    GE*1*123~
    IEA*1*000000123~

    """

let tables = [
    "billing_files", "claim_submissions", "remittances", "adjudications", "provider_adjustments",
    "claim_acknowledgments", "patient_payments", "patient_identities",
]

func rowCounts(_ db: any Database) async throws -> [String: Int] {
    var counts: [String: Int] = [:]
    for table in tables { counts[table] = Int(try await db.sqlRows("SELECT COUNT(*) FROM \(table)").first ?? "0") ?? -1 }
    return counts
}

@Suite("Importing billing files", .database)
struct ImportTests {
    func importer(_ db: any Database) -> BillingImporter { BillingImporter(db, newPracticeTimeZone: "America/Chicago") }

    @Test("a file is stored whole, and its practice is created from the payee when none exists")
    func importsWhole() async throws {
        let db = try TestDatabase.app.db
        let result = try await importer(db).importFile(
            named: "era.835", from: .bytes(Array(remittance835.utf8)),
            practice: nil, user: nil, now: Date())
        #expect(result.outcome == .imported)
        #expect(result.kind == "835")
        #expect(result.claims == 2)
        #expect(result.totalPaid == Money("150"))
        let practices = try await OrganizationStore(db).practices()
        #expect(practices.map(\.name) == ["RIVERBEND FAMILY MEDICINE"])
        #expect(practices.first?.timeZone == "America/Chicago")
        let counts = try await rowCounts(db)
        #expect(counts["billing_files"] == 1 && counts["adjudications"] == 2 && counts["remittances"] == 1)
        #expect(counts["provider_adjustments"] == 1 && counts["patient_identities"] == 1)
        #expect(
            try await db.sqlRows("SELECT adjustments FROM adjudications ORDER BY position") == [
                "L|CO|45|2000;L|PR|2|3000", "C|CO|16|10000",
            ])
        #expect(try await db.sqlRows("SELECT payment_date FROM adjudications ORDER BY position") == ["2026-11-20", "2026-11-20"])
        #expect(try await db.sqlRows("SELECT result FROM import_log") == ["imported"])
    }

    @Test("a 277CA imported first names the new practice after its billing provider (NM1*85)")
    func practiceFromAcknowledgment() async throws {
        let db = try TestDatabase.app.db
        let file = try #require(synthFiles(claimsPerDay: 2, months: 1).first { $0.name.hasPrefix("277CA") })
        let text = String(decoding: file.bytes, as: UTF8.self)
        let provider = try #require(text.components(separatedBy: "NM1*85*2*").dropFirst().first?.components(separatedBy: "*").first)
        let result = try await importer(db).importFile(named: file.name, from: .bytes(file.bytes), practice: nil, user: nil, now: Date())
        #expect(result.outcome == .imported)
        #expect(try await OrganizationStore(db).practices().map(\.name) == [provider])
    }

    @Test("patient names and member ids are stored only in the patient identity table")
    func phiApart() async throws {
        let db = try TestDatabase.app.db
        _ = try await importer(db).importFile(
            named: "era.835", from: .bytes(Array(remittance835.utf8)), practice: nil, user: nil, now: Date())
        for table in tables where table != "patient_identities" {
            let everything = try await db.sqlRows("SELECT * FROM \(table)").joined()
            #expect(!everything.contains("DOE") && !everything.contains("MEMBER123"), "\(table)")
        }
        let adjudication = try await db.sqlRows(
            "SELECT patient_control_number || adjustments || lines || payer_claim_number FROM adjudications"
        ).joined()
        #expect(!adjudication.contains("DOE") && !adjudication.contains("MEMBER123"))
        // …and there sealed: DOE only with the data key.
        let sealed = try await db.sqlRows("SELECT last_name FROM patient_identities")
        #expect(sealed.count == 1 && !sealed.joined().contains("DOE"))
        #expect(try sealed.map { try DataProtection.ring.open($0, context: "patient_identities.last_name") } == ["DOE"])
    }

    @Test("the same interchange again stores nothing and says so")
    func duplicate() async throws {
        let db = try TestDatabase.app.db
        _ = try await importer(db).importFile(
            named: "era.835", from: .bytes(Array(remittance835.utf8)), practice: nil, user: nil, now: Date())
        let before = try await rowCounts(db)
        let again = try await importer(db).importFile(
            named: "copy.835", from: .bytes(Array(remittance835.utf8)), practice: nil, user: nil, now: Date())
        #expect(again.outcome == .duplicate)
        #expect(again.message.contains("already imported"))
        #expect(try await rowCounts(db) == before)
        #expect(try await db.sqlRows("SELECT result FROM import_log ORDER BY at, result").sorted() == ["duplicate", "imported"])
    }

    @Test(
        "bad input is rejected with a message naming the place, and nothing is stored",
        arguments: [
            ("", "empty"),
            ("this is not a billing file at all, just some words", "not X12"),
            (String(remittance835.prefix(remittance835.count / 2)), "truncated"),
            (remittance835.replacingOccurrences(of: "IEA*1*000000123~", with: ""), "IEA is missing"),
            (remittance835.replacingOccurrences(of: "CLP*PCN1*1*200*150", with: "CLP*PCN1*1*2OO*150"), "segment 8 (CLP), element 3"),
            (remittance835.replacingOccurrences(of: "ISA*00*", with: "ISA:00*"), "ISA"),
            (String(decoding: (0..<3_000).map { UInt8(truncatingIfNeeded: $0 &* 7919) }, as: UTF8.self), "X12"),
        ])
    func rejected(content: String, mentions: String) async throws {
        let db = try TestDatabase.app.db
        let result = try await importer(db).importFile(
            named: "bad.835", from: .bytes(Array(content.utf8)), practice: nil, user: nil, now: Date())
        #expect(result.outcome == .rejected)
        #expect(result.message.contains(mentions), "\(result.message)")
        #expect(try await rowCounts(db).values.allSatisfy { $0 == 0 })
        #expect(try await OrganizationStore(db).isEmpty())
    }

    @Test("a failure while storing rolls the whole file back")
    func rollback() async throws {
        let db = try TestDatabase.app.db
        let practice = try await OrganizationStore(db).create(Organization.validated(name: "Riverbend", kind: .practice, timeZone: "UTC"))
        let sql = try #require(db as? any SQLDatabase)
        // Sabotage one table so the store pass fails after the file row and the first rows were written.
        try await sql.raw("DROP TABLE provider_adjustments").run()
        await #expect(throws: (any Error).self) {
            try await importer(db).importFile(
                named: "era.835", from: .bytes(Array(remittance835.utf8)),
                practice: practice.id, user: nil, now: Date())
        }
        #expect(try await db.sqlRows("SELECT COUNT(*) FROM billing_files") == ["0"])
        #expect(try await db.sqlRows("SELECT COUNT(*) FROM adjudications") == ["0"])
    }

    @Test("an error near the end of a large file rolls back the batches already written", arguments: [false, true])
    func lateErrorRollsBack(practiceExists: Bool) async throws {
        let db = try TestDatabase.app.db
        if practiceExists {
            try await OrganizationStore(db).create(Organization.validated(name: "Riverbend", kind: .practice, timeZone: "UTC"))
        }
        // 40,000 claims (about 2 MB, read in 1 MiB chunks): thousands of rows are written, in
        // several statements, before the bad amount near the end is read.
        let claims = (1...40_000).map { "CLP*PCN\($0)*1*100*80*20*12*PAYER\($0)~\nCAS*PR*2*20~" }.joined(separator: "\n")
        let bad = claims.replacingOccurrences(of: "CLP*PCN39999*1*100*80", with: "CLP*PCN39999*1*100*8O")
        let file = remittance835.replacingOccurrences(of: "CLP*PCN1*1*200*150*30*12*PAYER1~", with: bad)
        let result = try await importer(db).importFile(
            named: "big.835", from: .bytes(Array(file.utf8)), practice: nil, user: nil, now: Date())
        #expect(result.outcome == .rejected)
        #expect(result.message.contains("(CLP), element 4"), "\(result.message)")
        #expect(result.claims == 40_001)
        #expect(try await rowCounts(db).values.allSatisfy { $0 == 0 })
        #expect(try await OrganizationStore(db).practices().map(\.name) == (practiceExists ? ["Riverbend"] : []))
        #expect(try await db.sqlRows("SELECT result FROM import_log") == (practiceExists ? ["rejected"] : []))
    }

    @Test("with several practices the practice must be named; a named one receives the file")
    func practiceRules() async throws {
        let db = try TestDatabase.app.db
        let alpha = try await OrganizationStore(db).create(Organization.validated(name: "Alpha", kind: .practice, timeZone: "UTC"))
        _ = try await OrganizationStore(db).create(Organization.validated(name: "Beta", kind: .practice, timeZone: "UTC"))
        await #expect(throws: StoreError.self) {
            try await importer(db).importFile(
                named: "era.835", from: .bytes(Array(remittance835.utf8)), practice: nil, user: nil, now: Date())
        }
        let result = try await importer(db).importFile(
            named: "era.835", from: .bytes(Array(remittance835.utf8)),
            practice: alpha.id, user: nil, now: Date())
        #expect(result.practiceID == alpha.id.rawValue)
        #expect(
            try await db.sqlRows("SELECT COUNT(*) FROM adjudications WHERE practice_id = '\(alpha.id.rawValue.uuidString)'").first == "2"
                || TestDatabase.isPostgres)
    }

    @Test("patient payments CSV is imported; a bad row rejects the file naming the line")
    func csv() async throws {
        let db = try TestDatabase.app.db
        _ = try await OrganizationStore(db).create(Organization.validated(name: "Riverbend", kind: .practice, timeZone: "UTC"))
        let good = "claim_id,date,amount\nPCN1,2026-11-21,25.00\n\"PCN2\",2026-11-22,10.50\r\n"
        let result = try await importer(db).importFile(
            named: "payments.csv", from: .bytes(Array(good.utf8)), practice: nil, user: nil, now: Date())
        #expect(result.outcome == .imported)
        #expect(result.kind == "patient-payments-csv")
        #expect(result.claims == 2 && result.totalPaid == Money("35.50"))
        #expect(try await db.sqlRows("SELECT amount_cents FROM patient_payments ORDER BY position") == ["2500", "1050"])
        let bad = "claim_id,date,amount\nPCN3,2026-11-21,25.00\nPCN4,11/22/2026,10.50\n"
        let rejected = try await importer(db).importFile(
            named: "bad.csv", from: .bytes(Array(bad.utf8)), practice: nil, user: nil, now: Date())
        #expect(rejected.outcome == .rejected)
        #expect(rejected.message == "line 3: date is not an ISO date (YYYY-MM-DD)")
        #expect(try await db.sqlRows("SELECT COUNT(*) FROM patient_payments") == ["2"])
    }

    @Test("a practice-management export brings claims and remittance lines without EDI")
    func practiceExport() async throws {
        let db = try TestDatabase.app.db
        let csv = """
            record_type,claim_id,date,payer_id,payer_name,location,provider,procedure,charge,paid,patient_responsibility,status,adjustments
            claim,PCN9,2026-10-01,ACME01,Acme Health,LOC1,1111111111,99213,150.00,,,,
            remittance,PCN9,2026-10-20,ACME01,Acme Health,LOC1,1111111111,99213,150.00,90.00,20.00,1,CO-45=40.00;PR-2=20.00
            """
        let result = try await importer(db).importFile(
            named: "export.csv", from: .bytes(Array(csv.utf8)), practice: nil, user: nil, now: Date())
        #expect(result.outcome == .imported, "\(result.message)")
        #expect(result.kind == "practice-export-csv")
        #expect(try await db.sqlRows("SELECT location FROM claim_submissions") == ["LOC1"])
        #expect(try await db.sqlRows("SELECT adjustments FROM adjudications") == ["C|CO|45|4000;C|PR|2|2000"])
        #expect(try await db.sqlRows("SELECT payment_date FROM adjudications") == ["2026-10-20"])
    }
}

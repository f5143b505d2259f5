import Domain
import Foundation
import Logging
import SightlineTestSupport
import Testing

@testable import Persistence

@Suite("Data keys")
struct DataKeyRingTests {
    static let a = DataKeyRing.newKey(), b = DataKeyRing.newKey()

    @Test(
        "a sealed value opens to the same text with its key and context, and reads as nothing like it",
        arguments: [
            "", "DOE", "O'BRIEN-SMITH, MARÍA JOSÉ", "123 Main St Apt 4, Springfield IL 62704", String(repeating: "W123456789", count: 200),
        ])
    func roundTrip(text: String) throws {
        let ring = try DataKeyRing(base64Keys: [Self.a])
        let sealed = try ring.seal(text, context: "patient_identities.last_name")
        #expect(DataKeyRing.isSealed(sealed))
        #expect(DataKeyRing.keyID(of: sealed) == ring.currentID)
        #expect(text.isEmpty || !sealed.contains(text))
        #expect(try ring.open(sealed, context: "patient_identities.last_name") == text)
        #expect(try ring.seal(text, context: "patient_identities.last_name") != sealed, "each seal has its own nonce")
    }

    @Test("what does not open says why, never what it holds")
    func refusals() throws {
        let ring = try DataKeyRing(base64Keys: [Self.a])
        let sealed = try ring.seal("DOE", context: "patient_identities.last_name")
        // One base64 digit in the middle changed by 32: a different byte of nonce, ciphertext or tag (a digit
        // next to the padding could change only unused bits).
        var tampered = Array(sealed)
        let middle = sealed.count - 20
        tampered[middle] = tampered[middle] == "A" ? "g" : "A"
        let other = try DataKeyRing(base64Keys: [Self.b])
        let cases: [(String, DataKeyRing, String, DataKeyError)] = [
            (sealed, ring, "patient_identities.first_name", .damaged(context: "patient_identities.first_name")),
            (String(tampered), ring, "patient_identities.last_name", .damaged(context: "patient_identities.last_name")),
            ("sl1:" + ring.currentID + ":not base64!", ring, "x.y", .damaged(context: "x.y")),
            (sealed, other, "patient_identities.last_name", .unknownKey(id: ring.currentID, context: "patient_identities.last_name")),
        ]
        for (stored, keys, context, expected) in cases {
            #expect(throws: expected) { try keys.open(stored, context: context) }
            #expect(!expected.description.contains("DOE"))
        }
        #expect(try ring.open("stored before encryption", context: "x.y") == "stored before encryption")
    }

    @Test("keys are 32 bytes of base64; a key file holds one per line, the first seals, comments skipped")
    func keys() throws {
        #expect(throws: DataKeyError.noKey) { try DataKeyRing(base64Keys: []) }
        #expect(throws: DataKeyError.badKey(position: 2)) { try DataKeyRing(base64Keys: [Self.a, "c2hvcnQ="]) }
        #expect(throws: DataKeyError.badKey(position: 1)) { try DataKeyRing(base64Keys: ["not base64 at all"]) }
        let ring = try DataKeyRing(fileText: "# keys\n\n\(Self.b)\n  \(Self.a)  \n# old\n")
        #expect(ring.keys.count == 2)
        #expect(ring.currentID == (try DataKeyRing(base64Keys: [Self.b])).currentID)
        let sealedUnderA = try DataKeyRing(base64Keys: [Self.a]).seal("ROE", context: "t.c")
        #expect(try ring.open(sealedUnderA, context: "t.c") == "ROE", "an older key still opens")
    }

    @Test("the key source: SIGHTLINE_DATA_KEY, else the key file named, else one beside the SQLite file; PostgreSQL must name one")
    func sources() throws {
        let sqlite = DatabaseTarget.sqliteFile(path: "/srv/sightline/data.sqlite")
        #expect(
            try DataKeySource.resolve(environment: ["SIGHTLINE_DATA_KEY": "\(Self.a), \(Self.b)"], database: sqlite)
                == .environment([Self.a, Self.b]))
        #expect(
            try DataKeySource.resolve(environment: ["SIGHTLINE_DATA_KEY_FILE": "/etc/sightline.key"], database: sqlite)
                == .file(path: "/etc/sightline.key", createIfMissing: false))
        #expect(
            try DataKeySource.resolve(environment: [:], database: sqlite)
                == .file(path: "/srv/sightline/sightline.key", createIfMissing: true))
        #expect(throws: DataKeyError.self) {
            try DataKeySource.resolve(environment: [:], database: .postgres(url: "postgres://db/sightline"))
        }
        #expect(throws: DataKeyError.badKey(position: 1)) {
            try DataKeySource.resolve(environment: ["SIGHTLINE_DATA_KEY": "short"], database: sqlite)
        }
    }

    @Test("a key file made on first use is the owner's alone and opens what it sealed next time")
    func keyFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sightline-keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try DataKeySource.resolve(
            environment: [:], database: .sqliteFile(path: folder.appendingPathComponent("s.sqlite").path))
        let first = try source.ring()
        let sealed = try first.seal("DOE", context: "t.c")
        #expect(try source.ring().open(sealed, context: "t.c") == "DOE")
        let attributes = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("sightline.key").path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(throws: DataKeyError.self) {
            try DataKeySource.file(path: folder.appendingPathComponent("none.key").path, createIfMissing: false).ring()
        }
    }
}

@Suite("Sealed patient identifiers", .database)
struct SealedIdentifierTests {
    @Test("imported identifiers are sealed; rotating to a new key seals them all again, after which the old key is not needed")
    func rotation() async throws {
        let db = try TestDatabase.app.db
        let old = try DataKeyRing(base64Keys: [DataKeyRing.newKey()])
        let new = try DataKeyRing(base64Keys: [DataKeyRing.newKey()] + [try #require(Self.base64(old))])
        let practice = try await OrganizationStore(db).create(Organization.validated(name: "Riverbend", kind: .practice, timeZone: "UTC"))
        let before = try await DataProtection.$override.withValue(old) { () async throws -> [PatientIdentity] in
            for file in synthFiles(claimsPerDay: 2, months: 1) {
                _ = try await BillingImporter(db, newPracticeTimeZone: "UTC").importFile(
                    named: file.name, from: .bytes(file.bytes), practice: practice.id, user: nil, now: Date())
            }
            let claim = try #require(try await db.sqlRows("SELECT patient_control_number FROM patient_identities").first)
            return try await PatientIdentityStore(db).identities(claim: claim, practiceID: practice.id.rawValue)
        }
        #expect(before.first?.lastName.isEmpty == false)
        for name in try await db.sqlRows("SELECT last_name FROM patient_identities") {
            #expect(DataKeyRing.keyID(of: name) == old.currentID)
        }
        // Text stored before encryption began is sealed by the same pass.
        let claim = try #require(before.first?.patientControlNumber)
        _ = try await db.sqlRows(
            "UPDATE patient_identities SET address = 'LEGACY PLAIN ADDRESS' WHERE id = (SELECT MAX(id) FROM patient_identities WHERE patient_control_number <> '\(claim)')"
        )
        #expect(try await db.sqlRows("SELECT COUNT(*) FROM patient_identities WHERE address = 'LEGACY PLAIN ADDRESS'") == ["1"])

        let count = try await DataResealer(keys: new).count(on: db)
        #expect(count.stale == count.total && count.total > 0)
        let sealed = try await DataResealer(keys: new).reseal(on: db)
        #expect(sealed == count.total)
        #expect(try await DataResealer(keys: new).count(on: db).stale == 0)
        #expect(try await db.sqlRows("SELECT address FROM patient_identities WHERE address LIKE '%LEGACY%'").isEmpty)

        let current = try DataKeyRing(base64Keys: [try #require(Self.base64(new))])
        let after = try await DataProtection.$override.withValue(current) {
            try await PatientIdentityStore(db).identities(
                claim: try #require(before.first?.patientControlNumber), practiceID: practice.id.rawValue)
        }
        #expect(after == before, "the new key alone opens everything")
        await #expect(throws: DataKeyError.self) {
            try await DataProtection.$override.withValue(old) {
                try await PatientIdentityStore(db).identities(
                    claim: before.first?.patientControlNumber ?? "", practiceID: practice.id.rawValue)
            }
        }
    }

    /// The base64 of a ring's sealing key, read back through a key file's text.
    static func base64(_ ring: DataKeyRing) -> String? {
        ring.keys.first.map { key in key.key.withUnsafeBytes { Data($0).base64EncodedString() } }
    }
}

@Suite("Logs without query values")
struct RedactingLogTests {
    @Test(
        "a query's input, binds and filters are withheld from every log line; other metadata passes",
        arguments: ["input", "binds", "filters"])
    func withheld(key: String) {
        let metadata: Logger.Metadata = [key: .array(["DOE", "W123456789"]), "database-id": "sightline", "schema": "patient_identities"]
        let redacted = RedactingLogHandler.redact(metadata)
        #expect(redacted?[key] == RedactingLogHandler.mark)
        #expect(redacted?["database-id"] == "sightline" && redacted?["schema"] == "patient_identities")
        #expect(RedactingLogHandler.redact(["request-id": "abc"]) == ["request-id": "abc"])
        #expect(RedactingLogHandler.redact(nil) == nil)
    }
}

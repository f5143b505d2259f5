import Crypto
import Domain
import Foundation
import Persistence
import SightlineTestSupport
import Testing

/// A small seeded generator, so a failing tampering can be replayed.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("The audit chain")
struct AuditChainTests {
    /// `count` records chained as the store writes them.
    static func chain(_ count: Int) -> [AuditRecord] {
        var records: [AuditRecord] = []
        var previous = AuditRecord.genesisHash
        for sequence in 1...count {
            var record = AuditRecord(
                sequence: sequence, at: Date(timeIntervalSince1970: 1_790_000_000 + Double(sequence) * 61.5), userID: UUID(),
                organizationID: UUID(),
                role: "practice_manager", action: ["sign_in", "phi.read", "ticket.change", "export"][sequence % 4],
                object: "claim:\(sequence)",
                claim: "PCN\(sequence)", address: "10.0.0.\(sequence % 250)", requestID: "req-\(sequence)",
                detail: sequence % 3 == 0 ? "a \"quoted\", note" : nil,
                previousHash: previous)
            record.hash = AuditTrail.digest(record.canonicalForm)
            previous = record.hash
            records.append(record)
        }
        return records
    }

    static func firstBreak(_ records: [AuditRecord], checkpoint: AuditChain.Checkpoint? = nil) -> AuditChain.Break? {
        AuditChain.firstBreak(in: records, checkpoint: checkpoint, digest: { AuditTrail.digest($0) })
    }

    @Test("an untouched chain holds, with or without its checkpoint")
    func holds() {
        let records = Self.chain(40)
        #expect(Self.firstBreak(records) == nil)
        #expect(Self.firstBreak(records, checkpoint: .init(sequence: 40, hash: records[39].hash, at: Date())) == nil)
        #expect(Self.firstBreak(records, checkpoint: .init(sequence: 12, hash: records[11].hash, at: Date())) == nil)
        #expect(Self.firstBreak([]) == nil)
    }

    @Test(
        "each kind of tampering is named at the first bad record",
        arguments: [
            ("a field edited", 7, AuditChain.Break.Reason.altered),
            ("a record removed", 7, .outOfSequence),
            ("a forged record inserted, its hash recomputed", 7, .outOfSequence),
            ("two records swapped", 7, .outOfSequence),
            ("a record edited and resealed", 8, .brokenLink),
            ("two records swapped and renumbered", 7, .brokenLink),
        ])
    func kinds(kind: String, first: Int, reason: AuditChain.Break.Reason) {
        var records = Self.chain(20)
        switch kind {
        case "a field edited": records[6].role = "practice_admin"
        case "a record removed": records.remove(at: 6)
        case "a forged record inserted, its hash recomputed":
            var forged = records[6]
            forged.detail = "forged"
            forged.hash = AuditTrail.digest(forged.canonicalForm)
            records.insert(forged, at: 6)
        case "two records swapped": records.swapAt(6, 13)
        case "a record edited and resealed":
            records[6].action = "nothing"
            records[6].hash = AuditTrail.digest(records[6].canonicalForm)
        default:
            records.swapAt(6, 13)
            (records[6].sequence, records[13].sequence) = (7, 14)
        }
        #expect(Self.firstBreak(records) == .init(sequence: first, reason: reason), "\(kind)")
    }

    @Test("a cut tail is caught only against a checkpoint; a checkpoint of another trail does not match")
    func truncation() {
        let records = Self.chain(30)
        let checkpoint = AuditChain.Checkpoint(sequence: 30, hash: records[29].hash, at: Date())
        #expect(Self.firstBreak(Array(records.prefix(25))) == nil)
        #expect(Self.firstBreak(Array(records.prefix(25)), checkpoint: checkpoint) == .init(sequence: 26, reason: .truncated))
        #expect(
            Self.firstBreak(records, checkpoint: .init(sequence: 30, hash: String(repeating: "a", count: 64), at: Date()))
                == .init(sequence: 30, reason: .checkpointMismatch))
    }

    @Test("the walk goes on past a break: every later edit, removal and forgery is named, each with why")
    func everyBreak() {
        var records = Self.chain(50)
        records[4].detail = "edited"  // 5: altered
        records[19].role = "practice_admin"  // 20: altered
        records.remove(at: 29)  // 30: removed, so 31 is out of place
        records[40].action = "nothing"  // the record numbered 42, edited and resealed: the next one no longer follows
        records[40].hash = AuditTrail.digest(records[40].canonicalForm)
        let breaks = AuditChain.breaks(in: records, digest: { AuditTrail.digest($0) })
        #expect(
            breaks == [
                .init(sequence: 5, reason: .altered), .init(sequence: 20, reason: .altered),
                .init(sequence: 30, reason: .outOfSequence), .init(sequence: 43, reason: .brokenLink),
            ])
        // An untouched trail with a NUL-free record that was cut at its first NUL (as the database
        // did) would be one false alarm; it can no longer hide what follows it.
        var cut = Self.chain(10)
        cut[2].detail = "cut here"
        cut[8].claim = "changed later"
        #expect(AuditChain.breaks(in: cut, digest: { AuditTrail.digest($0) }).map(\.sequence) == [3, 9])
    }

    @Test("1,000 random tamperings are each detected, at the right first bad sequence")
    func randomTamperings() {
        let pristine = Self.chain(60)
        var random = SplitMix(state: 20_261_124)
        for trial in 0..<1_000 {
            var records = pristine
            let index = Int.random(in: 0..<records.count - 1, using: &random)
            let expected: Int
            switch trial % 5 {
            case 0:  // one field changed
                switch Int.random(in: 0..<5, using: &random) {
                case 0: records[index].action += "x"
                case 1: records[index].at = records[index].at.addingTimeInterval(1)
                case 2: records[index].userID = UUID()
                case 3: records[index].outcome = .failure
                default: records[index].claim = nil
                }
                expected = index + 1
            case 1:  // removed
                records.remove(at: index)
                expected = index + 1
            case 2:  // inserted: a copy of another record, resealed, at this place and number
                var forged = records[Int.random(in: 0..<records.count, using: &random)]
                forged.sequence = index + 1
                forged.previousHash = index == 0 ? AuditRecord.genesisHash : records[index - 1].hash
                forged.detail = "inserted \(trial)"
                forged.hash = AuditTrail.digest(forged.canonicalForm)
                records.insert(forged, at: index)
                expected = index + 1  // the forged record itself: the one after it no longer follows
            case 3:  // two records exchanged, numbers and all
                let other = Int.random(in: index + 1..<records.count, using: &random)
                records.swapAt(index, other)
                expected = index + 1
            default:  // the tail cut, checked against a checkpoint of the whole trail
                records.removeLast(records.count - index - 1)
                let found = Self.firstBreak(records, checkpoint: .init(sequence: 60, hash: pristine[59].hash, at: Date()))
                #expect(found?.sequence == index + 2 && found?.reason == .truncated, "trial \(trial)")
                continue
            }
            #expect(Self.firstBreak(records)?.sequence == expected, "trial \(trial): \(trial % 5) at \(index)")
        }
    }
}

@Suite("The audit trail in the database", .database)
struct AuditTrailStoreTests {
    @Test("records are numbered, linked and verified; the database refuses to change or remove one")
    func appendOnly() async throws {
        let db = try TestDatabase.app.db
        let trail = AuditTrail(db)
        let actor = AuditActor(userID: UUID(), organizationID: UUID(), role: "vendor_agent", address: "192.0.2.7", requestID: "r1")
        let before = try await trail.head().sequence
        for index in 0..<5 {
            try await trail.record(
                AuditEntry("phi.read", object: "claim:\(index)", claim: "PCN\(index)"), actor: actor,
                at: Date(timeIntervalSince1970: 1_790_000_000.1234))
        }
        let found = try await trail.verify()
        #expect(found.firstBreak == nil)
        #expect(found.holding == before + 5)
        let last = try #require(try await trail.records(AuditFilter(), limit: 1).first)
        #expect(last.sequence == before + 5 && last.address == "192.0.2.7" && last.claim == "PCN4" && last.role == "vendor_agent")
        #expect(Int64((last.at.timeIntervalSince1970 * 1_000).rounded()) == 1_790_000_000_123)
        await #expect(throws: (any Error).self) {
            _ = try await db.sqlRows("UPDATE audit_records SET action = 'nothing' WHERE sequence = \(before + 2)")
        }
        await #expect(throws: (any Error).self) { _ = try await db.sqlRows("DELETE FROM audit_records WHERE sequence = \(before + 5)") }
        #expect(try await trail.verify().firstBreak == nil)
    }

    @Test("records written at once by many requests form one unbroken chain")
    func concurrentWriters() async throws {
        let db = try TestDatabase.app.db
        let trail = AuditTrail(db)
        let before = try await trail.head().sequence
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<8 {
                group.addTask {
                    try await AuditTrail(db).record(AuditEntry("ticket.change", object: "ticket:\(index)"), actor: nil, at: Date())
                }
            }
            try await group.waitForAll()
        }
        let found = try await trail.verify()
        #expect(found.firstBreak == nil && found.holding == before + 8)
    }

    @Test("text of every code point class reads back byte for byte and hashes; a record holding a NUL or a control is never written")
    func textIsText() async throws {
        let db = try TestDatabase.app.db
        let trail = AuditTrail(db)
        let before = try await trail.head().sequence
        let kept = ["right-to-left \u{202E}fdp.exe", "astral 𝔘𝔫𝔦 🩺", "combining e\u{0301}a\u{0308}", "lines\r\nand\ttab"]
        for text in kept { try await trail.record(AuditEntry("risk.add", detail: text), actor: nil, at: Date()) }
        let read = try await trail.records(AuditFilter(), limit: kept.count).reversed().map(\.detail)
        #expect(read.map { Array(($0 ?? "").utf8) } == kept.map { Array($0.utf8) })
        for text in ["a\u{0000}b", "escape\u{001B}[2J", "lone\rreturn"] {
            await #expect(throws: AuditTextError.self) {
                try await trail.record(AuditEntry("risk.add", detail: text), actor: nil, at: Date())
            }
        }
        let found = try await trail.verify()
        #expect(found.breakCount == 0 && found.holding == before + kept.count)
    }

    @Test("a signed checkpoint holds under its key only, and a changed file does not")
    func signedCheckpoint() throws {
        let key = Curve25519.Signing.PrivateKey()
        let checkpoint = AuditChain.Checkpoint(
            sequence: 12, hash: String(repeating: "b", count: 64), at: Date(timeIntervalSince1970: 1_790_000_000))
        var signed = try SignedCheckpoint.sign(checkpoint, with: key)
        #expect(try signed.verified(by: key.publicKey) == checkpoint)
        #expect(throws: SignedCheckpoint.Problem.otherKey) { try signed.verified(by: Curve25519.Signing.PrivateKey().publicKey) }
        signed.checkpoint.sequence = 11
        #expect(throws: SignedCheckpoint.Problem.badSignature) { try signed.verified(by: key.publicKey) }
    }
}

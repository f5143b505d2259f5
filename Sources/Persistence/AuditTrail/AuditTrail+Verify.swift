import Crypto
import Domain
import FluentKit
import Foundation
import SQLKit

/// What `sightline audit verify` found.
public struct AuditVerification: Sendable, Equatable {
    /// The most breaks kept one by one; past it they are only counted.
    public static let keptBreaks = 10_000

    /// Records that held.
    public var holding: Int
    /// Records read.
    public var read: Int = 0
    /// How many breaks were found in all.
    public var breakCount: Int = 0
    /// The breaks in sequence order (the first ``keptBreaks`` of them) and the last one.
    public var breaks: [AuditChain.Break] = []
    public var lastBreak: AuditChain.Break?

    /// The first record that does not hold, when one does not.
    public var firstBreak: AuditChain.Break? { breaks.first }

    mutating func add(_ found: AuditChain.Break) {
        breakCount += 1
        if breaks.count < Self.keptBreaks { breaks.append(found) }
        lastBreak = found
    }
}

/// A checkpoint as written to a file kept off the server: the head, the public key that signed
/// it and the Ed25519 signature over its signed form.
public struct SignedCheckpoint: Sendable, Equatable, Codable {
    public var checkpoint: AuditChain.Checkpoint
    public var publicKey: String
    public var signature: String

    /// Why a checkpoint file cannot be trusted.
    public enum Problem: Error, Equatable, CustomStringConvertible {
        case otherKey, badSignature
        public var description: String {
            switch self {
            case .otherKey: "the checkpoint was signed with another key than the one given"
            case .badSignature: "the checkpoint's signature does not hold: the file was changed after it was signed"
            }
        }
    }

    /// Signs `checkpoint` with `key`.
    public static func sign(_ checkpoint: AuditChain.Checkpoint, with key: Curve25519.Signing.PrivateKey) throws -> SignedCheckpoint {
        let signature = try key.signature(for: Data(checkpoint.signedForm.utf8))
        return SignedCheckpoint(
            checkpoint: checkpoint, publicKey: key.publicKey.rawRepresentation.base64EncodedString(),
            signature: signature.base64EncodedString())
    }

    /// The checkpoint, once its signature holds under `publicKey`.
    public func verified(by publicKey: Curve25519.Signing.PublicKey) throws(Problem) -> AuditChain.Checkpoint {
        guard Data(base64Encoded: self.publicKey) == publicKey.rawRepresentation else { throw .otherKey }
        guard let signature = Data(base64Encoded: signature), publicKey.isValidSignature(signature, for: Data(checkpoint.signedForm.utf8))
        else {
            throw .badSignature
        }
        return checkpoint
    }
}

extension AuditTrail {
    /// Reads the whole trail in sequence order, a batch at a time, and checks every link; with a
    /// checkpoint, also that the trail still reaches the checkpointed record unchanged. Without
    /// one, a head that counts more records than there are tells of a cut tail too.
    public func verify(checkpoint: AuditChain.Checkpoint? = nil, progress: (Int) -> Void = { _ in }) async throws -> AuditVerification {
        let sql = try sql
        var walk = AuditChain.Walk(digest: { AuditTrail.digest($0) }, checkpoint: checkpoint)
        var result = AuditVerification(holding: 0)
        let batch = 5_000
        var after = Int.min
        while true {
            let rows = try await sql.select().columns(Self.columns.map { SQLColumn($0) }).from("audit_records")
                .where("sequence", .greaterThan, SQLBind(after)).orderBy("sequence").limit(batch).all()
            for row in rows {
                let record = try Self.record(row)
                if let found = walk.feed(record) { result.add(found) }
                after = record.sequence
            }
            progress(walk.read)
            guard rows.count == batch else { break }
        }
        if let found = walk.finish(checkpoint: checkpoint) { result.add(found) }
        let head = try await self.head()
        if checkpoint == nil, head.sequence > walk.lastSequence {
            result.add(.init(sequence: walk.lastSequence + 1, reason: .truncated))
        }
        result.holding = walk.count
        result.read = walk.read
        return result
    }

    /// The last record's sequence and hash, as the head row keeps them.
    public func head() async throws -> (sequence: Int, hash: String) {
        guard let row = try await sql.raw("SELECT sequence, hash FROM audit_head WHERE id = 1").first() else {
            throw StoreError.corruptRow(table: "audit_head", detail: "the head row is missing")
        }
        return (try row.decode(column: "sequence", as: Int.self), try row.decode(column: "hash", as: String.self))
    }

    /// The head as a checkpoint taken at `now` (to the whole second, as the file states it).
    public func checkpoint(at now: Date) async throws -> AuditChain.Checkpoint {
        let head = try await head()
        return AuditChain.Checkpoint(
            sequence: head.sequence, hash: head.hash, at: Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down)))
    }

    var sql: any SQLDatabase { get throws { try database.sql } }
}

/// Which records the audit page and export show.
public struct AuditFilter: Sendable, Equatable {
    public var user: UUID?
    /// Only records concerning this practice…
    public var practice: UUID?
    /// …and, of these organisations (its vendors), the records that name no practice: their
    /// people's sign-ins, tokens and accounts.
    public var alsoOrganizations: [UUID] = []
    public var patient: String?
    public var claim: String?
    public var action: String?
    public var from: Date?
    public var before: Date?

    public init() {}
}

extension AuditTrail {
    /// The records matching `filter`, newest first, at most `limit`.
    public func records(_ filter: AuditFilter, limit: Int, offset: Int = 0) async throws -> [AuditRecord] {
        var query = try sql.select().columns(Self.columns.map { SQLColumn($0) }).from("audit_records")
        if let user = filter.user { query = query.where("user_id", .equal, SQLBind(user)) }
        if let practice = filter.practice {
            let others = filter.alsoOrganizations
            query = query.where { group in
                var group = group.where("practice_id", .equal, SQLBind(practice))
                if !others.isEmpty {
                    group = group.orWhere {
                        $0.where("practice_id", .is, SQLLiteral.null)
                            .where(SQLColumn("organization_id"), .in, SQLGroupExpression(others.map { SQLBind($0) }))
                    }
                }
                return group
            }
        }
        if let patient = filter.patient, !patient.isEmpty { query = query.where("patient", .equal, SQLBind(patient)) }
        if let claim = filter.claim, !claim.isEmpty { query = query.where("claim", .equal, SQLBind(claim)) }
        if let action = filter.action, !action.isEmpty { query = query.where("action", .equal, SQLBind(action)) }
        if let from = filter.from { query = query.where("at", .greaterThanOrEqual, SQLBind(from)) }
        if let before = filter.before { query = query.where("at", .lessThan, SQLBind(before)) }
        return try await query.orderBy("sequence", .descending).limit(limit).offset(offset).all().map(Self.record)
    }
}

/// The audit page's export and `sightline audit list`: one record a line, times in UTC.
public enum AuditCSV {
    public static let header =
        "sequence,at_utc,user_id,organization_id,practice_id,role,action,object,patient,claim,address,request_id,outcome,severity,detail,hash"

    public static func text(_ records: [AuditRecord]) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        func field(_ value: String?) -> String { value.map(CSVText.field) ?? "" }
        var lines = [header]
        for record in records {
            lines.append(
                [
                    String(record.sequence), formatter.string(from: record.at), field(record.userID?.uuidString.lowercased()),
                    field(record.organizationID?.uuidString.lowercased()), field(record.practiceID?.uuidString.lowercased()),
                    field(record.role), field(record.action), field(record.object),
                    field(record.patient), field(record.claim), field(record.address), field(record.requestID), record.outcome.rawValue,
                    record.severity.rawValue, field(record.detail), record.hash,
                ].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

import Crypto
import Domain
import FluentKit
import Foundation
import SQLKit

/// Who is acting and from where, for the records written while serving one request or command.
/// Set once per request (after sign-in) or per command; every audit record written inside takes it.
public struct AuditActor: Sendable, Equatable {
    public var userID: UUID?
    public var organizationID: UUID?
    /// The actor's organisation when it is a practice.
    public var practiceID: UUID?
    public var role: String?
    /// The client's address, or `cli`.
    public var address: String?
    public var requestID: String?

    public init(
        userID: UUID? = nil, organizationID: UUID? = nil, practiceID: UUID? = nil, role: String? = nil, address: String? = nil,
        requestID: String? = nil
    ) {
        self.userID = userID
        self.organizationID = organizationID
        self.practiceID = practiceID
        self.role = role
        self.address = address
        self.requestID = requestID
    }

    /// Whoever runs a command on the server.
    public static let commandLine = AuditActor(address: "cli")

    /// The actor of the task at hand (set with `AuditActor.$current.withValue`).
    @TaskLocal public static var current: AuditActor?

    /// This actor signed in as `caller`.
    public func acting(as caller: Caller) -> AuditActor {
        var copy = self
        copy.userID = caller.user.id.rawValue
        copy.organizationID = caller.organization.id.rawValue
        copy.practiceID = caller.organization.kind == .practice ? caller.organization.id.rawValue : nil
        copy.role = caller.user.role.rawValue
        return copy
    }
}

/// What happened, without who: the caller's actor comes from ``AuditActor/current``.
public struct AuditEntry: Sendable, Equatable {
    public var action: String
    /// The practice concerned; when `nil`, the actor's organisation if it is a practice.
    public var practice: UUID?
    public var object: String?
    public var patient: String?
    public var claim: String?
    public var outcome: AuditRecord.Outcome
    public var severity: AuditRecord.Severity
    public var detail: String?

    public init(
        _ action: String, practice: UUID? = nil, object: String? = nil, patient: String? = nil, claim: String? = nil,
        outcome: AuditRecord.Outcome = .success, severity: AuditRecord.Severity = .info, detail: String? = nil
    ) {
        self.action = action
        self.practice = practice
        self.object = object
        self.patient = patient
        self.claim = claim
        self.outcome = outcome
        self.severity = severity
        self.detail = detail
    }
}

extension AuditRecord {
    /// The hash this record must carry: SHA-256 of its canonical form, in hex.
    public var computedHash: String { AuditTrail.digest(canonicalForm) }
}

/// An audit record that was not written because its text could not be read back as written.
public struct AuditTextError: Error, CustomStringConvertible, Sendable {
    public let field: String
    public let refusal: PlainText.Refusal

    public var description: String { "the audit record's \(field) \(refusal.description)" }
}

/// Writes and reads the audit trail.
public struct AuditTrail: Sendable {
    let database: any Database

    public init(_ database: any Database) { self.database = database }

    /// SHA-256 of `text` in hex: what seals each record.
    public static func digest(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Appends a record, numbered and linked to the one before. Inside the caller's transaction
    /// when there is one (so the record and what it records commit together), else in its own.
    /// Writers take turns on `audit_head`: the first statement takes its row for writing.
    @discardableResult
    public func record(_ entry: AuditEntry, actor: AuditActor? = AuditActor.current, at now: Date) async throws -> AuditRecord {
        guard let record = try await record([entry], actor: actor, at: now).first else {
            throw StoreError.corruptRow(table: "audit_records", detail: "nothing written")
        }
        return record
    }

    /// Appends several records in order, with one turn on the head and one insert.
    @discardableResult
    public func record(_ entries: [AuditEntry], actor: AuditActor? = AuditActor.current, at now: Date) async throws -> [AuditRecord] {
        guard !entries.isEmpty else { return [] }
        return try await database.atomically { transaction in
            guard let sql = transaction as? any SQLDatabase else {
                throw StoreError.corruptRow(table: "audit_records", detail: "the database does not take SQL")
            }
            guard
                let head = try await sql.raw(
                    "UPDATE audit_head SET sequence = sequence + \(literal: entries.count) WHERE id = 1 RETURNING sequence, hash"
                ).first()
            else {
                throw StoreError.corruptRow(table: "audit_head", detail: "the head row is missing")
            }
            // Whole milliseconds: the canonical form's precision on every database.
            let at = Date(timeIntervalSince1970: (now.timeIntervalSince1970 * 1_000).rounded() / 1_000)
            var sequence = try head.decode(column: "sequence", as: Int.self) - entries.count
            var previous = try head.decode(column: "hash", as: String.self)
            var records: [AuditRecord] = []
            for entry in entries {
                try Self.requireHashable(entry, actor: actor)
                sequence += 1
                let record = AuditRecord(
                    sequence: sequence, at: at, userID: actor?.userID, organizationID: actor?.organizationID,
                    practiceID: entry.practice ?? actor?.practiceID, role: actor?.role, action: entry.action, object: entry.object,
                    patient: entry.patient,
                    claim: entry.claim, address: actor?.address, requestID: actor?.requestID, outcome: entry.outcome,
                    severity: entry.severity,
                    detail: entry.detail, previousHash: previous
                ).sealed(digest: Self.digest)
                previous = record.hash
                records.append(record)
            }
            for chunk in stride(from: 0, to: records.count, by: 500) {
                var insert = sql.insert(into: "audit_records").columns(Self.columns)
                for record in records[chunk..<min(records.count, chunk + 500)] {
                    insert = insert.values(
                        SQLBind(record.sequence), SQLBind(record.at), SQLBind(record.userID), SQLBind(record.organizationID),
                        SQLBind(record.practiceID),
                        SQLBind(record.role), SQLBind(record.action), SQLBind(record.object), SQLBind(record.patient),
                        SQLBind(record.claim),
                        SQLBind(record.address), SQLBind(record.requestID), SQLBind(record.outcome.rawValue),
                        SQLBind(record.severity.rawValue),
                        SQLBind(record.detail), SQLBind(record.previousHash), SQLBind(record.hash))
                }
                try await insert.run()
            }
            try await sql.update("audit_head").set("hash", to: SQLBind(previous)).where("id", .equal, SQLBind(1)).run()
            return records
        }
    }

    /// Refuses a record whose text would not read back as written (a NUL is cut by the database;
    /// other controls are refused everywhere text enters), so its hash could never be checked.
    static func requireHashable(_ entry: AuditEntry, actor: AuditActor?) throws {
        let fields: [(String, String?)] = [
            ("action", entry.action), ("object", entry.object), ("patient", entry.patient), ("claim", entry.claim),
            ("detail", entry.detail), ("role", actor?.role), ("address", actor?.address), ("request id", actor?.requestID),
        ]
        for (field, text) in fields {
            if let text, let refusal = PlainText.refusal(in: text) { throw AuditTextError(field: field, refusal: refusal) }
        }
    }

    static let columns = [
        "sequence", "at", "user_id", "organization_id", "practice_id", "role", "action", "object", "patient", "claim", "address",
        "request_id", "outcome", "severity", "detail", "previous_hash", "hash",
    ]

    static func record(_ row: any SQLRow) throws -> AuditRecord {
        func text(_ column: String) throws -> String? { try row.decode(column: column, as: String?.self) }
        guard let outcome = AuditRecord.Outcome(rawValue: try text("outcome") ?? ""),
            let severity = AuditRecord.Severity(rawValue: try text("severity") ?? "")
        else {
            throw StoreError.corruptRow(table: "audit_records", detail: "outcome or severity")
        }
        return AuditRecord(
            sequence: try row.decode(column: "sequence", as: Int.self), at: try row.decode(column: "at", as: Date.self),
            userID: try row.decode(column: "user_id", as: UUID?.self),
            organizationID: try row.decode(column: "organization_id", as: UUID?.self),
            practiceID: try row.decode(column: "practice_id", as: UUID?.self), role: try text("role"), action: try text("action") ?? "",
            object: try text("object"), patient: try text("patient"), claim: try text("claim"),
            address: try text("address"), requestID: try text("request_id"), outcome: outcome, severity: severity,
            detail: try text("detail"),
            previousHash: try text("previous_hash") ?? "", hash: try text("hash") ?? "")
    }
}

extension AuditRecord {
    /// The record with its hash set from its fields by `digest`.
    func sealed(digest: (String) -> String) -> AuditRecord {
        var copy = self
        copy.hash = digest(canonicalForm)
        return copy
    }
}

extension Database {
    /// `transaction`, with the task's ``AuditActor`` carried inside: Fluent may run the closure on
    /// another task, where the actor of the request or command would be lost.
    public func atomically<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        let actor = AuditActor.current, keys = DataProtection.override
        return try await WriteLock.inTurn(self) { turns in
            try await WriteLock.retryingTheLock {
                try await self.transaction { transaction in
                    try await WriteLock.take(try transaction.sql)
                    return try await AuditActor.$current.withValue(actor) {
                        try await DataProtection.$override.withValue(keys) {
                            try await WriteLock.$held.withValue(turns) { try await body(transaction) }
                        }
                    }
                }
            }
        }
    }
}

extension Database {
    /// This database as SQL: every database Sightline runs on takes it.
    var sql: any SQLDatabase {
        get throws {
            guard let sql = self as? any SQLDatabase else {
                throw StoreError.corruptRow(table: "-", detail: "the database does not take SQL")
            }
            return sql
        }
    }
}

extension AuditTextError: CataloguedError {
    public var failureKind: FailureKind {
        .invalid
    }
}

import Foundation

/// One entry of the audit trail: who did what to which object, when, from where, and how it ended.
/// Records are chained: each carries the SHA-256 of the previous record's hash and its own
/// canonical form, so editing, removing, inserting or reordering any of them is detected.
/// No field holds patient data itself: a patient or claim is named by its reference.
public struct AuditRecord: Sendable, Equatable, Codable {
    public enum Outcome: String, Sendable, Codable, CaseIterable {
        case success, failure, denied
    }

    public enum Severity: String, Sendable, Codable, CaseIterable {
        case info, high
    }

    /// 1, 2, 3, … in the order records were written.
    public var sequence: Int
    /// When it happened (stored and shown in UTC).
    public var at: Date
    public var userID: UUID?
    public var organizationID: UUID?
    /// The practice whose data or workspace it concerns (whose auditors see it).
    public var practiceID: UUID?
    public var role: String?
    /// What was done: `sign_in`, `phi.read`, `export`, `import`, `permission.change`, `contract.change`, `ticket.change`, …
    public var action: String
    /// What it was done to, as `kind:id` (`ticket:…`, `claim:…`, `user:…`).
    public var object: String?
    /// The patient concerned, by reference (never a name).
    public var patient: String?
    /// The claim concerned, by the practice's claim id.
    public var claim: String?
    /// The client's address, or `cli` for the command line.
    public var address: String?
    public var requestID: String?
    public var outcome: Outcome
    public var severity: Severity
    /// A short note without patient data (the reason given, the file name, the number of rows).
    public var detail: String?
    /// The hash of the record before (64 zeros for the first).
    public var previousHash: String
    /// SHA-256 over `previousHash` and this record's canonical form, in hex.
    public var hash: String

    public static let genesisHash = String(repeating: "0", count: 64)

    public init(
        sequence: Int, at: Date, userID: UUID? = nil, organizationID: UUID? = nil, practiceID: UUID? = nil, role: String? = nil,
        action: String,
        object: String? = nil, patient: String? = nil, claim: String? = nil, address: String? = nil, requestID: String? = nil,
        outcome: Outcome = .success, severity: Severity = .info, detail: String? = nil, previousHash: String, hash: String = ""
    ) {
        self.sequence = sequence
        self.at = at
        self.userID = userID
        self.organizationID = organizationID
        self.practiceID = practiceID
        self.role = role
        self.action = action
        self.object = object
        self.patient = patient
        self.claim = claim
        self.address = address
        self.requestID = requestID
        self.outcome = outcome
        self.severity = severity
        self.detail = detail
        self.previousHash = previousHash
        self.hash = hash
    }

    /// Every field but the hash, one `name=value` line each in a fixed order, values escaped so
    /// no value can pass for another field; the instant in whole milliseconds, UTC.
    public var canonicalForm: String {
        func text(_ value: String?) -> String {
            guard let value else { return "-" }
            return "\""
                + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                .replacingOccurrences(of: "\n", with: "\\n") + "\""
        }
        let millis = Int64((at.timeIntervalSince1970 * 1_000).rounded())
        return [
            "sequence=\(sequence)", "at=\(millis)", "user=\(text(userID?.uuidString.lowercased()))",
            "organization=\(text(organizationID?.uuidString.lowercased()))", "practice=\(text(practiceID?.uuidString.lowercased()))",
            "role=\(text(role))", "action=\(text(action))",
            "object=\(text(object))", "patient=\(text(patient))", "claim=\(text(claim))", "address=\(text(address))",
            "request=\(text(requestID))", "outcome=\(outcome.rawValue)", "severity=\(severity.rawValue)", "detail=\(text(detail))",
            "previous=\(previousHash)",
        ].joined(separator: "\n")
    }
}

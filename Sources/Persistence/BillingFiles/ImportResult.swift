import Domain
import Foundation

/// What happened to one file.
public struct ImportResult: Sendable, Equatable, Codable {
    /// The outcome.
    public enum Outcome: String, Sendable, Codable {
        /// Stored in full.
        case imported
        /// The same interchange (sender, control number, content) was imported before; nothing stored.
        case duplicate
        /// Refused; nothing stored.
        case rejected
    }

    /// The name the file was given.
    public var fileName: String
    /// `835`, `837P`, `837I`, `277CA`, `patient-payments-csv`, `practice-export-csv`, or `unknown`.
    public var kind: String
    /// What happened.
    public var outcome: Outcome
    /// Claims (CLP, CLM, 277CA statuses) or CSV rows read.
    public var claims: Int
    /// Σ charges read.
    public var totalCharge: Money
    /// Σ payments read (CLP04; patient payments for CSV).
    public var totalPaid: Money
    /// Diagnostics of every severity.
    public var diagnosticsCount: Int
    /// Warnings among them.
    public var warnings: Int
    /// Why the file was rejected or skipped, naming the place; for an imported file, the practice
    /// identifiers it taught, if any, else empty.
    public var message: String
    /// The stored file, when imported.
    public var fileID: UUID?
    /// The practice the file belongs to.
    public var practiceID: UUID?

    /// Creates a result.
    public init(
        fileName: String, kind: String, outcome: Outcome, claims: Int = 0, totalCharge: Money = .zero,
        totalPaid: Money = .zero, diagnosticsCount: Int = 0, warnings: Int = 0, message: String = "",
        fileID: UUID? = nil, practiceID: UUID? = nil
    ) {
        self.fileName = fileName
        self.kind = kind
        self.outcome = outcome
        self.claims = claims
        self.totalCharge = totalCharge
        self.totalPaid = totalPaid
        self.diagnosticsCount = diagnosticsCount
        self.warnings = warnings
        self.message = message
        self.fileID = fileID
        self.practiceID = practiceID
    }
}

import Domain

/// One file a synthetic run writes: its name and what it holds.
public struct SynthFile: Sendable, Hashable, CustomStringConvertible {
    /// What a file holds.
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        /// The practice's daily claims, 837P (005010X222A1).
        case claims837P = "837P"
        /// The clearinghouse's claim acknowledgments, 277CA (005010X214).
        case acknowledgment277CA = "277CA"
        /// A payer's weekly payment and remittance advice, 835 (005010X221A1).
        case remittance835 = "835"
        /// Patient payments, CSV `claim_id,date,amount`.
        case patientPayments = "patient-payments"
    }

    /// File name without a folder: `837P-2026-01-05.x12`, `277CA-2026-01-06.x12`,
    /// `835-04412-2026-01-20.x12`, `patient-payments.csv`.
    public var name: String
    /// What the file holds.
    public var kind: Kind
    /// The day the file is dated (ISA09, BHT04, BPR16); `nil` for the payment CSV, which spans the run.
    public var date: CalendarDate?

    /// Names a file.
    public init(name: String, kind: Kind, date: CalendarDate?) {
        self.name = name
        self.kind = kind
        self.date = date
    }

    /// The file name.
    public var description: String { name }
}

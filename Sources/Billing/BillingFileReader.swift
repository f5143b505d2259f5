import Domain
import X12

/// Reads any file Sightline imports — X12 (835, 837P, 837I, 277CA) or one of its CSV layouts —
/// deciding the format from the first bytes, then streaming like the readers it delegates to.
public struct BillingFileReader: Sendable {
    private var head: [UInt8] = []
    private var x12: BillingReader?
    private var csv: CSVBillingReader?

    /// Bytes needed before the format is decided.
    static let decisionBytes = 64

    /// A reader at the start of a file.
    public init() {}

    /// Feeds the next bytes.
    public mutating func feed(_ chunk: some Collection<UInt8>, _ emit: (BillingFact) throws -> Void) rethrows {
        if x12 == nil, csv == nil {
            head.append(contentsOf: chunk)
            guard head.count >= Self.decisionBytes else { return }
            decide()
            let buffered = head
            head = []
            try forward(buffered, emit)
        } else {
            try forward(chunk, emit)
        }
    }

    /// Ends the file.
    public mutating func finish(_ emit: (BillingFact) throws -> Void) rethrows {
        if x12 == nil, csv == nil {
            decide()
            let buffered = head
            head = []
            try forward(buffered, emit)
        }
        try x12?.finish(emit)
        try csv?.finish(emit)
    }

    /// Every diagnostic, in file order.
    public var diagnostics: [Diagnostic] { x12?.diagnostics ?? csv?.diagnostics ?? [] }
    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    /// `835`, `837P`, `837I`, `277CA`, a CSV layout name, or `unknown`.
    public var kindName: String {
        if let csv { return csv.layout?.rawValue ?? "csv" }
        return x12?.kinds.first?.rawValue ?? "unknown"
    }
    /// The implementation version of an X12 file.
    public var version: String { x12?.versions.first ?? "" }
    /// ISA06 and ISA13 of the first interchange; empty for CSV and envelope-less files.
    public var interchange: (senderID: String, controlNumber: String) { x12?.firstInterchange ?? ("", "") }
    /// Interchanges read.
    public var interchangeCount: Int { x12?.interchangeCount ?? 0 }
    /// Transactions read.
    public var transactionCount: Int { x12?.transactionCount ?? 0 }

    private mutating func decide() {
        if CSVBillingReader.looksLikeCSV(head) { csv = CSVBillingReader() } else { x12 = BillingReader() }
    }

    private mutating func forward(_ bytes: some Collection<UInt8>, _ emit: (BillingFact) throws -> Void) rethrows {
        try x12?.feed(bytes, emit)
        try csv?.feed(bytes, emit)
    }
}

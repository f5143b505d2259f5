import Domain
import X12

/// Reads any file Sightline imports — X12 (835, 837P, 837I, 277CA) or one of its CSV layouts —
/// deciding the format from the first bytes, then streaming like the readers it delegates to.
public struct BillingFileReader: Sendable {
    private var head: [UInt8] = []
    private var x12: BillingReader?
    private var csv: CSVBillingReader?
    private var keepsSource = false

    /// Bytes needed before the format is decided.
    static let decisionBytes = 64

    /// A reader at the start of a file.
    public init() {}

    /// Feeds the next bytes.
    public mutating func feed(_ chunk: some Collection<UInt8>, _ emit: (BillingFact) throws -> Void) rethrows {
        try feed(chunk, sourced: { fact, _ in try emit(fact) })
    }

    /// Ends the file.
    public mutating func finish(_ emit: (BillingFact) throws -> Void) rethrows {
        try finish(sourced: { fact, _ in try emit(fact) })
    }

    /// Keeps what each fact was read from (see `BillingReader.keepSource()`); CSV lines are always at hand.
    public mutating func keepSource() { keepsSource = true }

    /// Feeds the next bytes, handing each claim-level fact over with the raw segments or line it came from.
    public mutating func feed(_ chunk: some Collection<UInt8>, sourced emit: (BillingFact, String?) throws -> Void) rethrows {
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

    /// Ends the file, handing facts over with their sources.
    public mutating func finish(sourced emit: (BillingFact, String?) throws -> Void) rethrows {
        if x12 == nil, csv == nil {
            decide()
            let buffered = head
            head = []
            try forward(buffered, emit)
        }
        try x12?.finish(sourced: emit)
        try csv?.finish(sourced: emit)
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
        if CSVBillingReader.looksLikeCSV(head) {
            csv = CSVBillingReader()
        } else {
            x12 = BillingReader()
            if keepsSource { x12?.keepSource() }
        }
    }

    private mutating func forward(_ bytes: some Collection<UInt8>, _ emit: (BillingFact, String?) throws -> Void) rethrows {
        try x12?.feed(bytes, sourced: emit)
        try csv?.feed(bytes, sourced: emit)
    }
}

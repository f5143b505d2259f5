import Domain
import X12

/// Reads a billing file — 835, 837P, 837I or 277CA — from bytes to facts, streaming: feed it
/// chunks of any size and it emits facts as soon as they are complete, keeping only the claim
/// being read in memory. Problems come back as diagnostics; only the caller decides to reject.
public struct BillingReader: Sendable {
    private var tokenizer = SegmentTokenizer()
    private var envelope = EnvelopeReader()
    private var mappingDiagnostics: [Diagnostic] = []
    private var mapper: (any TransactionMapper & Sendable)?
    private var mapperKind: TransactionKind?
    private var events: [X12Event] = []

    /// Kinds of the transactions read, in order of first appearance.
    public private(set) var kinds: [TransactionKind] = []
    /// Implementation versions seen (ST03, else GS08), in order of first appearance.
    public private(set) var versions: [String] = []
    /// ISA06 and ISA13 of the first interchange: with the content hash, what identifies an import.
    public private(set) var firstInterchange: (senderID: String, controlNumber: String)?

    /// A reader at the start of a file.
    public init() {}

    /// Interchanges (ISA) read so far.
    public var interchangeCount: Int { envelope.interchangeCount }
    /// Transactions (ST) read so far.
    public var transactionCount: Int { envelope.transactionCount }
    /// Segments read so far.
    public var segmentCount: Int { tokenizer.segmentCount }

    /// Every diagnostic so far, in file order.
    public var diagnostics: [Diagnostic] {
        let all = tokenizer.diagnostics + envelope.diagnostics + mappingDiagnostics
        return all.enumerated().sorted { lhs, rhs in
            let left = lhs.element.segmentIndex ?? -1, right = rhs.element.segmentIndex ?? -1
            return left != right ? left < right : lhs.offset < rhs.offset
        }.map(\.element)
    }

    /// Whether any diagnostic is an error: the file must not be imported as it is.
    public var hasErrors: Bool {
        [tokenizer.diagnostics, envelope.diagnostics, mappingDiagnostics].contains { $0.contains { $0.severity == .error } }
    }

    /// Feeds the next bytes of the file.
    public mutating func feed(_ chunk: some Collection<UInt8>, _ emit: (BillingFact) throws -> Void) rethrows {
        tokenizer.append(chunk)
        while let segment = tokenizer.next() { try read(segment, emit) }
    }

    /// Ends the file.
    public mutating func finish(_ emit: (BillingFact) throws -> Void) rethrows {
        tokenizer.endOfInput()
        while let segment = tokenizer.next() { try read(segment, emit) }
        // A transaction cut short still hands over what it read; the envelope reports the cut.
        if var open = mapper {
            try open.finish(diagnostics: &mappingDiagnostics, emit)
            mapper = nil
            mapperKind = nil
        }
        envelope.finish()
    }

    private mutating func read(_ segment: Segment, _ emit: (BillingFact) throws -> Void) rethrows {
        events.removeAll(keepingCapacity: true)
        if envelope.step(segment, into: &events) {
            try mapper?.read(segment, diagnostics: &mappingDiagnostics, emit)
            return
        }
        for event in events {
            switch event {
            case .interchangeStarted(let sender, let control, _):
                if firstInterchange == nil { firstInterchange = (sender, control) }
            case .transactionStarted(let header):
                let classification = TransactionKind.classify(
                    st01: header.transactionSetID, st03: header.implementationReference, gs08: header.groupVersion)
                mappingDiagnostics += classification.diagnostics.map { diagnostic in
                    var located = diagnostic
                    located.segmentIndex = header.segmentIndex
                    return located
                }
                guard let kind = classification.kind else { continue }
                if !kinds.contains(kind) { kinds.append(kind) }
                if let version = classification.version, !versions.contains(version) { versions.append(version) }
                mapperKind = kind
                switch kind {
                case .remittance835: mapper = RemittanceMapper()
                case .professional837: mapper = ClaimMapper(form: .professional)
                case .institutional837: mapper = ClaimMapper(form: .institutional)
                case .acknowledgment277CA: mapper = AcknowledgmentMapper()
                }
                try emit(.transactionStarted(kind, header, version: classification.version ?? ""))
            case .transactionEnded(let header):
                guard var open = mapper, let kind = mapperKind else { continue }
                try open.finish(diagnostics: &mappingDiagnostics, emit)
                mapper = nil
                mapperKind = nil
                try emit(.transactionEnded(kind, header))
            }
        }
    }
}

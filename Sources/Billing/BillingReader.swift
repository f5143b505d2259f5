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
    private var window = SourceWindow()
    private var keepsSource = false

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
        try feed(chunk, sourced: { fact, _ in try emit(fact) })
    }

    /// Feeds the next bytes, handing each claim-level fact over with its raw segments (people masked,
    /// see `SourceWindow`); other facts come with `nil`.
    public mutating func feed(_ chunk: some Collection<UInt8>, sourced emit: (BillingFact, String?) throws -> Void) rethrows {
        tokenizer.append(chunk)
        while let segment = tokenizer.next() { try read(segment, emit) }
    }

    /// Ends the file.
    public mutating func finish(_ emit: (BillingFact) throws -> Void) rethrows {
        try finish(sourced: { fact, _ in try emit(fact) })
    }

    /// Ends the file, handing facts over with their raw segments.
    public mutating func finish(sourced emit: (BillingFact, String?) throws -> Void) rethrows {
        tokenizer.endOfInput()
        while let segment = tokenizer.next() { try read(segment, emit) }
        // A transaction cut short still hands over what it read; the envelope reports the cut.
        if var open = mapper {
            let window = self.window
            try open.finish(diagnostics: &mappingDiagnostics) { fact in try emit(fact, fact.sourceIndex.flatMap(window.text(from:))) }
            mapper = nil
            mapperKind = nil
        }
        envelope.finish()
    }

    /// Keeps the segments of the fact being read, so `sourced` emission can hand them over.
    /// Off by default: only an import stores them.
    public mutating func keepSource() { keepsSource = true }

    private mutating func read(_ segment: Segment, _ emit: (BillingFact, String?) throws -> Void) rethrows {
        events.removeAll(keepingCapacity: true)
        // The window moves out of `self` while the mapper runs, so the closures below can read it.
        var window = self.window
        self.window = SourceWindow()
        var emitted = false
        defer {
            if keepsSource {
                if emitted { window.removeAll() }
                window.append(segment)
            }
            self.window = window
        }
        if envelope.step(segment, into: &events) {
            try mapper?.read(segment, diagnostics: &mappingDiagnostics) { fact in
                let source = fact.sourceIndex.flatMap(window.text(from:))
                if source != nil { emitted = true }
                try emit(fact, source)
            }
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
                case .remittance835: mapper = RemittanceMapper(transaction: envelope.transactionCount)
                case .professional837: mapper = ClaimMapper(form: .professional, transaction: envelope.transactionCount)
                case .institutional837: mapper = ClaimMapper(form: .institutional, transaction: envelope.transactionCount)
                case .acknowledgment277CA: mapper = AcknowledgmentMapper()
                }
                try emit(.transactionStarted(kind, header, version: classification.version ?? ""), nil)
            case .transactionEnded(let header):
                guard var open = mapper, let kind = mapperKind else { continue }
                try open.finish(diagnostics: &mappingDiagnostics) { fact in
                    let source = fact.sourceIndex.flatMap(window.text(from:))
                    if source != nil { emitted = true }
                    try emit(fact, source)
                }
                mapper = nil
                mapperKind = nil
                try emit(.transactionEnded(kind, header), nil)
            }
        }
    }
}

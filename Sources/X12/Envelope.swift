/// The envelope facts of one transaction: where it sits and what it says it is.
public struct TransactionHeader: Sendable, Equatable {
    /// ISA06: interchange sender id (trimmed); empty without an envelope.
    public var senderID: String
    /// ISA13: interchange control number; empty without an envelope.
    public var interchangeControlNumber: String
    /// ISA12: interchange version (`00501`, `00401`).
    public var interchangeVersion: String
    /// GS08: the group's version/release code.
    public var groupVersion: String
    /// ST01: transaction set id (`835`, `837`, `277`).
    public var transactionSetID: String
    /// ST02: transaction set control number.
    public var controlNumber: String
    /// ST03: implementation convention reference (5010 on).
    public var implementationReference: String
    /// Index of the ST segment in the file.
    public var segmentIndex: Int
}

/// What the envelope reader reports as it goes.
public enum X12Event: Sendable {
    /// An ISA opened an interchange.
    case interchangeStarted(senderID: String, controlNumber: String, segmentIndex: Int)
    /// An ST opened a transaction.
    case transactionStarted(TransactionHeader)
    /// An SE closed the transaction.
    case transactionEnded(TransactionHeader)
}

/// Follows ISA/GS/ST nesting over a stream of segments, checks control numbers and counts, and
/// passes each transaction's segments on. Count and control-number mismatches are warnings;
/// structure that loses data (a missing SE, GE or IEA at the end, a segment out of place) is an error.
public struct EnvelopeReader: Sendable {
    /// Problems found so far.
    public private(set) var diagnostics: [Diagnostic] = []
    /// Interchanges seen (ISA segments).
    public private(set) var interchangeCount = 0
    /// Transactions seen (ST segments).
    public private(set) var transactionCount = 0

    private var interchange: (sender: String, control: String, version: String, groups: Int, index: Int)?
    private var group: (control: String, version: String, transactions: Int, index: Int)?
    private var transaction: (header: TransactionHeader, segments: Int)?
    /// Segments of the open transaction so far, kept apart so counting copies no header.
    private var transactionSegments = 0
    private var sawEnvelope = false
    private var notedOutside = false

    /// A reader at the start of a file.
    public init() {}

    /// Takes the next segment: envelope segments append their events to `events` (a buffer the
    /// caller reuses); the result says whether the segment is transaction content for the caller
    /// to map itself, which spares wrapping every data segment in an event.
    public mutating func step(_ segment: Segment, into events: inout [X12Event]) -> Bool {
        transactionSegments += 1
        switch segment.id {
        case .isa:
            if interchange != nil {
                error("ISA opens a new interchange before IEA closed the previous one", segment)
            }
            closeUnfinishedTransaction("ISA inside a transaction: its SE is missing", segment, &events)
            let sender = segment.element(6).trimmingSpaces
            let control = segment.element(13).trimmingSpaces
            interchange = (sender, control, segment.element(12).trimmingSpaces, 0, segment.index)
            group = nil
            sawEnvelope = true
            interchangeCount += 1
            events.append(.interchangeStarted(senderID: sender, controlNumber: control, segmentIndex: segment.index))
        case .gs:
            if group != nil { error("GS opens a new group before GE closed the previous one", segment) }
            if interchange == nil, sawEnvelope { error("GS outside an interchange", segment) }
            interchange?.groups += 1
            group = (segment.element(6), segment.element(8), 0, segment.index)
        case .st:
            if let open = transaction {
                closeUnfinishedTransaction(
                    "ST \(segment.element(2)) starts before SE closed transaction \(open.header.controlNumber)", segment, &events)
            }
            group?.transactions += 1
            transactionCount += 1
            let header = TransactionHeader(
                senderID: interchange?.sender ?? "", interchangeControlNumber: interchange?.control ?? "",
                interchangeVersion: interchange?.version ?? "", groupVersion: group?.version ?? "",
                transactionSetID: segment.element(1), controlNumber: segment.element(2),
                implementationReference: segment.element(3), segmentIndex: segment.index)
            transaction = (header, 1)
            transactionSegments = 1
            events.append(.transactionStarted(header))
        case .se:
            guard let open = transaction else {
                error("SE without an ST", segment)
                return false
            }
            if let declared = Int(segment.element(1)), declared != transactionSegments {
                warning("SE01 says \(declared) segments but the transaction has \(transactionSegments)", segment, element: 1)
            } else if Int(segment.element(1)) == nil {
                warning("SE01 is not a number", segment, element: 1)
            }
            if segment.element(2) != open.header.controlNumber {
                warning("SE02 \(segment.element(2)) does not match ST02 \(open.header.controlNumber)", segment, element: 2)
            }
            transaction = nil
            events.append(.transactionEnded(open.header))
        case .ge:
            guard let open = group else {
                error("GE without a GS", segment)
                return false
            }
            closeUnfinishedTransaction("GE inside a transaction: its SE is missing", segment, &events)
            if Int(segment.element(1)) != open.transactions {
                warning("GE01 says \(segment.element(1)) transactions but the group has \(open.transactions)", segment, element: 1)
            }
            if segment.element(2) != open.control {
                warning("GE02 \(segment.element(2)) does not match GS06 \(open.control)", segment, element: 2)
            }
            group = nil
        case .iea:
            guard let open = interchange else {
                error("IEA without an ISA", segment)
                return false
            }
            closeUnfinishedTransaction("IEA inside a transaction: its SE is missing", segment, &events)
            if group != nil { error("IEA before GE closed the group", segment); group = nil }
            if Int(segment.element(1)) != open.groups {
                warning("IEA01 says \(segment.element(1)) groups but the interchange has \(open.groups)", segment, element: 1)
            }
            if segment.element(2).trimmingSpaces != open.control {
                warning("IEA02 \(segment.element(2)) does not match ISA13 \(open.control)", segment, element: 2)
            }
            interchange = nil
        case .ta1:
            break  // interchange acknowledgment: no business content
        default:
            if transaction != nil {
                return true
            } else if !notedOutside {
                notedOutside = true
                warning("segment \(segment.id) outside a transaction; ignored (further ones are not reported)", segment)
            }
        }
        return false
    }

    /// Ends the file: anything still open means it was cut short.
    public mutating func finish() {
        if let open = transaction {
            diagnostics.append(
                Diagnostic(
                    .error, "the file ends inside transaction \(open.header.controlNumber): its SE is missing (truncated file?)",
                    segmentIndex: open.header.segmentIndex, segmentID: "ST"))
        }
        if let open = group {
            diagnostics.append(
                Diagnostic(
                    .error, "the file ends inside a functional group: its GE is missing (truncated file?)", segmentIndex: open.index,
                    segmentID: "GS"))
        }
        if let open = interchange {
            diagnostics.append(
                Diagnostic(
                    .error, "the file ends inside interchange \(open.control): its IEA is missing (truncated file?)",
                    segmentIndex: open.index, segmentID: "ISA"))
        }
        transaction = nil
        group = nil
        interchange = nil
    }

    /// A transaction cut off by the next envelope segment: reported as an error, and closed so
    /// that what was read of it is not silently lost.
    private mutating func closeUnfinishedTransaction(_ message: String, _ segment: Segment, _ events: inout [X12Event]) {
        guard let open = transaction else { return }
        error(message, segment)
        transaction = nil
        events.append(.transactionEnded(open.header))
    }

    private mutating func warning(_ message: String, _ segment: Segment, element: Int? = nil) {
        diagnostics.append(Diagnostic(.warning, message, segmentIndex: segment.index, segmentID: segment.id.description, element: element))
    }

    private mutating func error(_ message: String, _ segment: Segment) {
        diagnostics.append(Diagnostic(.error, message, segmentIndex: segment.index, segmentID: segment.id.description))
    }
}

extension String {
    /// The string without surrounding spaces (ISA fields are space-padded).
    var trimmingSpaces: String {
        var slice = Substring(self)
        while slice.first == " " { slice = slice.dropFirst() }
        while slice.last == " " { slice = slice.dropLast() }
        return String(slice)
    }
}

import X12

/// The segments read since the last fact, so each claim-level fact can carry the raw segments it
/// came from: from its first segment (CLP, CLM, TRN) to the segment before the one that ended it.
///
/// People are masked: the names, identifiers and birth dates of patients and subscribers
/// (NM1 `QC`, `IL`, `74`, and DMG) read `•••`, and so do the address (N3, N4), references (REF)
/// and contact numbers (PER) that follow such a name until the next name or loop, and social
/// security, member and medical record numbers (REF `SY`, `1W`, `EA`) anywhere. Everything else
/// is byte for byte, one segment per line ending in the file's terminator (unless that is itself
/// a line break).
struct SourceWindow: Sendable {
    /// Facts larger than this keep no source; also bounds what a file without facts holds.
    static let maximumBytes = 1 << 20
    static let mask: [UInt8] = Array("•••".utf8)
    private static let personEntities: Set<String> = ["QC", "IL", "74"]
    /// References that identify a person wherever they appear: social security, member and medical record numbers.
    private static let personReferences: Set<String> = ["SY", "1W", "EA"]

    /// Whether the segments now read describe a person (after their NM1, before the next loop).
    private var inPerson = false
    private var bytes: [UInt8] = []
    /// Segment index and offset in `bytes` of each kept segment, in order.
    private var starts: [(index: Int, offset: Int)] = []

    /// Keeps `segment`, masked, after the ones kept so far.
    mutating func append(_ segment: Segment) {
        if bytes.count > Self.maximumBytes { removeAll() }
        starts.append((segment.index, bytes.count))
        switch segment.id {
        case .nm1:
            inPerson = Self.personEntities.contains(segment.element(1))
            if inPerson { appendMasked(segment, positions: [3, 4, 5, 9]) } else { bytes.append(contentsOf: segment.bytes) }
        case .dmg:
            appendMasked(segment, positions: [2, 3])
        case .n3 where inPerson:
            appendMasked(segment, positions: [1, 2])
        case .n4 where inPerson:
            appendMasked(segment, positions: [1, 2, 3, 4, 7])
        case .ref where inPerson || Self.personReferences.contains(segment.element(1)):
            appendMasked(segment, positions: [2, 3])
        case .per where inPerson:
            appendMasked(segment, positions: [2, 3, 4, 5, 6, 7, 8])
        default:
            if ![SegmentID.n3, .n4, .ref, .per, .dmg].contains(segment.id) { inPerson = false }
            bytes.append(contentsOf: segment.bytes)
        }
        let terminator = segment.delimiters.segment
        if terminator != UInt8(ascii: "\n"), terminator != UInt8(ascii: "\r") { bytes.append(terminator) }
        bytes.append(UInt8(ascii: "\n"))
    }

    /// The kept segments from segment `index` on, or `nil` when they were not kept.
    func text(from index: Int) -> String? {
        guard let start = starts.first(where: { $0.index == index }) else { return nil }
        var end = bytes.count
        if end > start.offset, bytes[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        return String(decoding: bytes[start.offset..<end], as: UTF8.self)
    }

    /// Forgets every kept segment.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
    }

    private mutating func appendMasked(_ segment: Segment, positions: Set<Int>) {
        let separator = segment.delimiters.element
        var position = 0
        var masked = false
        for byte in segment.bytes {
            if byte == separator {
                position += 1
                masked = false
                bytes.append(byte)
                continue
            }
            if positions.contains(position) {
                if !masked { bytes.append(contentsOf: Self.mask) }
                masked = true
            } else {
                bytes.append(byte)
            }
        }
    }
}

extension BillingFact {
    /// The segment index (line, for CSV) a claim-level fact starts at.
    var sourceIndex: Int? {
        switch self {
        case .claim(_, let index), .adjudication(_, let index), .acknowledgment(_, let index): index
        case .patientPayment(_, let line): line
        default: nil
        }
    }
}

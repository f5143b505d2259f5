/// One X12 segment: its bytes without the terminator, split into elements by the interchange's
/// delimiters. Element positions are one-based, as the implementation guides number them
/// (`CLP04` is `element(4)`); a missing trailing element reads as empty.
public struct Segment: Sendable {
    /// The segment's bytes, from its id to the byte before the terminator.
    public let bytes: [UInt8]
    /// Start offsets of each element's value in `bytes`; index 0 is the id.
    let starts: [Int32]
    /// Zero-based position of this segment in the file.
    public let index: Int
    /// The separators in force for this segment.
    public let delimiters: Delimiters
    /// The segment id.
    public let id: SegmentID

    /// Splits `bytes` at the element separator.
    public init(bytes: [UInt8], index: Int, delimiters: Delimiters) {
        var starts: [Int32] = [0]
        starts.reserveCapacity(24)
        let separator = delimiters.element
        for position in bytes.indices where bytes[position] == separator {
            starts.append(Int32(position + 1))
        }
        let idEnd = starts.count > 1 ? Int(starts[1]) - 1 : bytes.count
        self.bytes = bytes
        self.starts = starts
        self.index = index
        self.delimiters = delimiters
        self.id = SegmentID(bytes: bytes[0..<idEnd])
    }

    /// The number of elements after the id that are present.
    public var elementCount: Int { starts.count - 1 }

    /// The byte range of element `position` (one-based); empty when absent.
    public func range(_ position: Int) -> Range<Int> {
        guard position >= 1, position < starts.count else { return bytes.count..<bytes.count }
        let start = Int(starts[position])
        let end = position + 1 < starts.count ? Int(starts[position + 1]) - 1 : bytes.count
        return start..<end
    }

    /// The bytes of element `position`; empty when absent.
    public func raw(_ position: Int) -> ArraySlice<UInt8> { bytes[range(position)] }

    /// Element `position` as text; empty when absent.
    public func element(_ position: Int) -> String { String(decoding: raw(position), as: UTF8.self) }

    /// Whether element `position` is absent or empty.
    public func isEmpty(_ position: Int) -> Bool { range(position).isEmpty }

    /// Component `component` (one-based) of composite element `position`, as text.
    public func component(_ position: Int, _ component: Int) -> String {
        String(decoding: componentBytes(position, component), as: UTF8.self)
    }

    /// The bytes of one component of a composite element; empty when absent.
    public func componentBytes(_ position: Int, _ component: Int) -> ArraySlice<UInt8> {
        let whole = raw(position)
        var current = 1
        var start = whole.startIndex
        for index in whole.indices where whole[index] == delimiters.component {
            if current == component { return whole[start..<index] }
            current += 1
            start = index + 1
        }
        return current == component ? whole[start..<whole.endIndex] : whole[whole.endIndex..<whole.endIndex]
    }

    /// Whether element `position` equals `text` (ASCII, exact).
    public func element(_ position: Int, is text: StaticString) -> Bool {
        let value = raw(position)
        guard value.count == text.utf8CodeUnitCount else { return false }
        return zip(value, UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)).allSatisfy { $0 == $1 }
    }
}

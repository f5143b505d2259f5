/// One X12 segment: its bytes without the terminator, split into elements by the interchange's
/// delimiters. Element positions are one-based, as the implementation guides number them
/// (`CLP04` is `element(4)`); a missing trailing element reads as empty.
///
/// A segment is a view into the reader's buffer: making one allocates nothing. The start of each
/// of the first `indexedElements` elements of a short segment is kept inline; the rest are found
/// by scanning.
public struct Segment: Sendable {
    /// How many element starts (the id included) are kept inline.
    @usableFromInline static let indexedElements = 24

    /// The segment's bytes, from its id to the byte before the terminator.
    public let bytes: ArraySlice<UInt8>
    /// Offsets from `bytes.startIndex` of each element's value; index 0 is the id. Kept for
    /// segments of at most 255 bytes (nearly all); longer ones are scanned.
    @usableFromInline var starts: InlineArray<24, UInt8>
    /// How many entries of `starts` are valid (at least the id's).
    @usableFromInline let indexed: Int
    /// Number of separators in the segment, that is the number of elements after the id.
    public let elementCount: Int
    /// Zero-based position of this segment in the file.
    public let index: Int
    /// The separators in force for this segment.
    public let delimiters: Delimiters
    /// The segment id.
    public let id: SegmentID

    /// Splits `bytes` at the element separator.
    public init(bytes: [UInt8], index: Int, delimiters: Delimiters) {
        self.init(slice: bytes[...], index: index, delimiters: delimiters)
    }

    /// Splits a slice of a larger buffer at the element separator, without copying it.
    public init(slice: ArraySlice<UInt8>, index: Int, delimiters: Delimiters) {
        var starts = InlineArray<24, UInt8>(repeating: 0)
        let separator = delimiters.element
        let short = slice.count <= Int(UInt8.max)
        var idEnd = slice.count
        let count = slice.withUnsafeBufferPointer { buffer -> Int in
            withUnsafeMutableBytes(of: &starts) { table in
                var found = 0
                for position in 0..<buffer.count where buffer[position] == separator {
                    if found == 0 { idEnd = position }
                    found += 1
                    if short, found < Self.indexedElements { table[found] = UInt8(truncatingIfNeeded: position + 1) }
                }
                return found
            }
        }
        self.bytes = slice
        self.starts = starts
        self.indexed = short ? min(count + 1, Self.indexedElements) : 1
        self.elementCount = count
        self.index = index
        self.delimiters = delimiters
        self.id = SegmentID(bytes: slice.prefix(idEnd))
    }

    /// The offsets (from the first byte of the segment) of element `position` (one-based); empty when absent.
    @inlinable @inline(__always)
    func offsets(_ position: Int) -> Range<Int> {
        let length = bytes.count
        guard position >= 1, position <= elementCount else { return length..<length }
        if position < indexed {
            let start = Int(starts[position])
            let end = position == elementCount ? length : position + 1 < indexed ? Int(starts[position + 1]) - 1 : nil
            if let end { return start..<end }
        }
        return scannedOffsets(position)
    }

    /// Finds an element past the inline index by counting separators from the last indexed one.
    @usableFromInline
    func scannedOffsets(_ position: Int) -> Range<Int> {
        var current = min(position, indexed - 1)
        var start = Int(starts[current])
        let separator = delimiters.element
        return bytes.withUnsafeBufferPointer { buffer in
            var cursor = start
            while cursor < buffer.count {
                if buffer[cursor] == separator {
                    if current == position { return start..<cursor }
                    current += 1
                    start = cursor + 1
                }
                cursor += 1
            }
            return start..<buffer.count
        }
    }

    /// The byte range of element `position` (one-based) in `bytes`' indices; empty when absent.
    public func range(_ position: Int) -> Range<Int> {
        let relative = offsets(position)
        return (bytes.startIndex + relative.lowerBound)..<(bytes.startIndex + relative.upperBound)
    }

    /// The bytes of element `position`; empty when absent.
    public func raw(_ position: Int) -> ArraySlice<UInt8> { bytes[range(position)] }

    /// Calls `body` with the bytes of element `position` (empty when absent), without copying them.
    @inlinable @inline(__always)
    public func withElement<Result>(_ position: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        let relative = offsets(position)
        return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[relative])) }
    }

    /// Element `position` as text; empty when absent.
    @inlinable
    public func element(_ position: Int) -> String {
        withElement(position) { String(decoding: $0, as: UTF8.self) }
    }

    /// Whether element `position` is absent or empty.
    @inlinable
    public func isEmpty(_ position: Int) -> Bool { offsets(position).isEmpty }

    /// Component `component` (one-based) of composite element `position`, as text.
    @inlinable
    public func component(_ position: Int, _ component: Int) -> String {
        withElement(position) { whole in
            String(
                decoding: UnsafeBufferPointer(rebasing: whole[Self.component(component, of: whole, separator: delimiters.component)]),
                as: UTF8.self)
        }
    }

    /// The bytes of one component of a composite element; empty when absent.
    public func componentBytes(_ position: Int, _ component: Int) -> ArraySlice<UInt8> {
        let whole = range(position)
        let part = withElement(position) { Self.component(component, of: $0, separator: delimiters.component) }
        return bytes[(whole.lowerBound + part.lowerBound)..<(whole.lowerBound + part.upperBound)]
    }

    /// The offsets of component `wanted` (one-based) in `whole`; empty at the end when absent.
    @usableFromInline
    static func component(_ wanted: Int, of whole: UnsafeBufferPointer<UInt8>, separator: UInt8) -> Range<Int> {
        var current = 1
        var start = 0
        for index in 0..<whole.count where whole[index] == separator {
            if current == wanted { return start..<index }
            current += 1
            start = index + 1
        }
        return current == wanted ? start..<whole.count : whole.count..<whole.count
    }

    /// Whether element `position` equals `text` (ASCII, exact).
    @inlinable
    public func element(_ position: Int, is text: StaticString) -> Bool {
        withElement(position) { value in
            guard value.count == text.utf8CodeUnitCount else { return false }
            let expected = UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
            for index in 0..<value.count where value[index] != expected[index] { return false }
            return true
        }
    }
}

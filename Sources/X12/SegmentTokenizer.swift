import Foundation

/// Cuts a byte stream into segments. Fed in chunks of any size (the whole file, random pieces or
/// one byte at a time), it emits the same segments and diagnostics; it keeps only the unfinished
/// segment in memory, so a file of any size reads in flat memory.
///
/// Tolerated, each with a diagnostic where it is unusual: a UTF-8 byte-order mark; line breaks and
/// indentation around segments; a carriage return or newline as the terminator; stray bytes such
/// as `~` before a segment id (files whose terminator is a newline and whose lines start with `~`);
/// several interchanges with different delimiters; a file that starts at `ST` with no envelope.
public struct SegmentTokenizer: Sendable {
    /// Longest segment accepted; anything longer means the input is not X12 or the terminator is wrong.
    public static let maximumSegmentBytes = 1 << 20

    /// Problems found so far.
    public private(set) var diagnostics: [Diagnostic] = []
    /// Segments emitted so far.
    public private(set) var segmentCount = 0
    /// Whether reading stopped at an unrecoverable problem (the rest of the input is ignored).
    public private(set) var failed = false

    private var buffer: [UInt8] = []
    /// Bytes of `buffer` already cut into segments (dropped at the next `append`).
    private var consumed = 0
    /// Bytes of `buffer` known to hold no terminator after `consumed`.
    private var scanned = 0
    private var delimiters: Delimiters?
    private var atStreamStart = true
    private var notedStrayBytes = false
    private var phase = Phase.reading

    private enum Phase { case reading, ending, closed }

    /// A tokenizer at the start of a stream.
    public init() {}

    /// Adds the next bytes of the stream; `next()` then returns the segments they complete.
    public mutating func append(_ chunk: some Collection<UInt8>) {
        guard !failed, phase == .reading else { return }
        if consumed > 0 {
            // Segments handed out earlier are views into the buffer; they must be gone by now, or
            // this copies the buffer (correct, only slower).
            buffer.removeSubrange(0..<consumed)
            scanned -= consumed
            consumed = 0
        }
        buffer.append(contentsOf: chunk)
    }

    /// Marks the end of the stream: `next()` then also returns a last segment that lacks its terminator.
    public mutating func endOfInput() {
        if phase == .reading { phase = .ending }
    }

    /// The next complete segment, or `nil` when more bytes are needed (or, after `endOfInput()`,
    /// when the stream is done). The segment is a view into the buffer: use it before `append`.
    public mutating func next() -> Segment? {
        while !failed, phase != .closed {
            if delimiters == nil {
                guard let found = detect(from: consumed, final: phase == .ending) else { break }
                consumed = found
                scanned = found
            }
            guard let delimiters else { break }
            guard let end = Self.firstIndex(of: delimiters.segment, in: buffer, from: scanned) else {
                scanned = buffer.count
                if phase == .reading, buffer.count - consumed > Self.maximumSegmentBytes {
                    fail(
                        "segment \(segmentCount) is longer than \(Self.maximumSegmentBytes) bytes without a terminator: the file is not X12 or is corrupt"
                    )
                }
                break
            }
            let content = trimmed(consumed..<end)
            consumed = end + 1
            scanned = consumed
            if let segment = makeSegment(content, delimiters) {
                if segment.id == .iea { self.delimiters = nil }  // the next interchange brings its own delimiters
                return segment
            }
        }
        guard phase == .ending else { return nil }
        phase = .closed
        let rest = failed ? 0..<0 : trimmed(consumed..<buffer.count)
        consumed = buffer.count
        var last: Segment?
        if !rest.isEmpty, let delimiters {
            diagnostics.append(Diagnostic(.warning, "the last segment has no terminator", segmentIndex: segmentCount))
            last = makeSegment(rest, delimiters)
        } else if !rest.isEmpty, delimiters == nil, segmentCount == 0 {
            fail("the file is not X12: it starts with neither ISA nor ST")
        }
        if segmentCount == 0, !failed, diagnostics.allSatisfy({ $0.severity != .error }) {
            fail("the file holds no X12 segments")
        }
        return last
    }

    /// Feeds the next bytes, emitting every segment they complete.
    public mutating func feed(_ chunk: some Collection<UInt8>, _ emit: (Segment) throws -> Void) rethrows {
        append(chunk)
        while let segment = next() { try emit(segment) }
    }

    /// Ends the stream, emitting a last segment that lacks its terminator.
    public mutating func finish(_ emit: (Segment) throws -> Void) rethrows {
        endOfInput()
        while let segment = next() { try emit(segment) }
        buffer = []
        consumed = 0
        scanned = 0
    }

    private static func firstIndex(of byte: UInt8, in buffer: [UInt8], from start: Int) -> Int? {
        buffer.withUnsafeBufferPointer { bytes in
            guard start < bytes.count, let base = bytes.baseAddress,
                let found = memchr(base + start, Int32(byte), bytes.count - start)
            else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// Finds the next interchange header from `start`, reading its delimiters. Returns the offset
    /// where its first segment starts, or `nil` when more bytes are needed or reading failed.
    private mutating func detect(from start: Int, final: Bool) -> Int? {
        var index = start
        if atStreamStart {
            if buffer.count - index < 3, !final { return nil }
            if buffer[index...].starts(with: [0xEF, 0xBB, 0xBF]) {
                // Removed rather than stepped over: detection may have to wait for more bytes and
                // start again from here.
                buffer.removeSubrange(index..<(index + 3))
                diagnostics.append(Diagnostic(.note, "the file starts with a UTF-8 byte-order mark; skipped"))
            }
            atStreamStart = false
        }
        while index < buffer.count, Self.isSpace(buffer[index]) { index += 1 }
        guard buffer.count - index >= 3 else {
            if final, index < buffer.count { fail("the file ends with bytes that are not a segment") }
            return nil
        }
        let head = buffer[index..<(index + 3)]
        if head.elementsEqual("ISA".utf8) {
            do {
                delimiters = try Delimiters.read(isa: buffer[index...])
                return index
            } catch {
                if case .truncated = error, !final, buffer.count - index < 512 { return nil }
                fail("segment \(segmentCount) ISA: \(error.description)", segmentID: "ISA")
                return nil
            }
        }
        if head.first == UInt8(ascii: "S"), head.dropFirst().first == UInt8(ascii: "T"), segmentCount == 0 {
            guard final || buffer.count - index >= 4_096 else { return nil }
            delimiters = Self.guessDelimiters(buffer[index...])
            diagnostics.append(
                Diagnostic(
                    .warning, "the file has no ISA/GS envelope and starts at ST; delimiters were inferred", segmentIndex: 0, segmentID: "ST"
                ))
            return index
        }
        if segmentCount == 0 {
            fail("the file is not X12: it starts with neither ISA nor ST")
        } else {
            fail("after IEA at segment \(segmentCount - 1), expected another ISA or the end of the file")
        }
        return nil
    }

    /// The segment in `content` (a range of the buffer), stray bytes before its id skipped; `nil` when nothing is left.
    private mutating func makeSegment(_ content: Range<Int>, _ delimiters: Delimiters) -> Segment? {
        var lower = content.lowerBound
        // Stray bytes before a segment id (files whose lines start with the old terminator `~`).
        while lower < content.upperBound, !Self.isAlphanumeric(buffer[lower]) { lower += 1 }
        if lower > content.lowerBound, !notedStrayBytes {
            notedStrayBytes = true
            diagnostics.append(
                Diagnostic(.warning, "segments start with stray bytes before their id (such as '~'); ignored", segmentIndex: segmentCount))
        }
        guard lower < content.upperBound else { return nil }
        let segment = Segment(slice: buffer[lower..<content.upperBound], index: segmentCount, delimiters: delimiters)
        segmentCount += 1
        return segment
    }

    private mutating func fail(_ message: String, segmentID: String? = nil) {
        failed = true
        diagnostics.append(Diagnostic(.error, message, segmentIndex: segmentCount, segmentID: segmentID))
        buffer = []
        consumed = 0
        scanned = 0
    }

    /// Drops white space (space, tab, CR, LF) around a segment's range of the buffer.
    private func trimmed(_ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper, Self.isSpace(buffer[lower]) { lower += 1 }
        while upper > lower, Self.isSpace(buffer[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    /// Delimiters for a transaction with no ISA: the element separator follows `ST`, the terminator
    /// is `~` when the file has one (else a newline), and the component separator is the byte
    /// after a procedure qualifier such as `HC` (else `:`).
    static func guessDelimiters(_ bytes: ArraySlice<UInt8>) -> Delimiters {
        let element = bytes[bytes.startIndex + 2]
        let segment: UInt8 = bytes.contains(UInt8(ascii: "~")) ? UInt8(ascii: "~") : 0x0A
        var component = UInt8(ascii: ":")
        let window = Array(bytes.prefix(65_536))
        if window.count > 4 {
            for index in 0..<(window.count - 4)
            where window[index] == element
                && window[index + 1] == UInt8(ascii: "H") && window[index + 2] == UInt8(ascii: "C")
            {
                let candidate = window[index + 3]
                if !isAlphanumeric(candidate), candidate != element, candidate != segment, !isSpace(candidate) {
                    component = candidate
                    break
                }
            }
        }
        return Delimiters(element: element, component: component, repetition: nil, segment: segment)
    }
}

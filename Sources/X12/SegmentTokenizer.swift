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
    private var scanned = 0
    private var delimiters: Delimiters?
    private var atStreamStart = true
    private var notedStrayBytes = false
    private var bytesBeforeBuffer = 0

    /// A tokenizer at the start of a stream.
    public init() {}

    /// Feeds the next bytes, emitting every segment they complete.
    public mutating func feed(_ chunk: some Collection<UInt8>, _ emit: (Segment) throws -> Void) rethrows {
        guard !failed else { return }
        buffer.append(contentsOf: chunk)
        try drain(final: false, emit)
    }

    /// Ends the stream, emitting a last segment that lacks its terminator.
    public mutating func finish(_ emit: (Segment) throws -> Void) rethrows {
        guard !failed else { return }
        try drain(final: true, emit)
        let rest = trimmed(buffer[...])
        if !rest.isEmpty, let delimiters {
            diagnostics.append(Diagnostic(.warning, "the last segment has no terminator", segmentIndex: segmentCount))
            try emitSegment(Array(rest), delimiters, emit)
        } else if !rest.isEmpty, delimiters == nil, segmentCount == 0 {
            fail("the file is not X12: it starts with neither ISA nor ST")
        }
        buffer.removeAll()
        if segmentCount == 0, !failed, diagnostics.allSatisfy({ $0.severity != .error }) {
            fail("the file holds no X12 segments")
        }
    }

    private mutating func drain(final: Bool, _ emit: (Segment) throws -> Void) rethrows {
        var start = 0
        while !failed {
            if delimiters == nil {
                guard let found = detect(from: start, final: final) else { break }
                start = found
                scanned = start
            }
            guard let delimiters else { break }
            let terminator = delimiters.segment
            guard let end = buffer[scanned...].firstIndex(of: terminator) else {
                scanned = buffer.count
                if buffer.count - start > Self.maximumSegmentBytes {
                    fail("segment \(segmentCount) is longer than \(Self.maximumSegmentBytes) bytes without a terminator: the file is not X12 or is corrupt")
                }
                break
            }
            let content = trimmed(buffer[start..<end])
            start = end + 1
            scanned = start
            if !content.isEmpty {
                try emitSegment(Array(content), delimiters, emit)
                if content.starts(with: [UInt8(ascii: "I"), UInt8(ascii: "E"), UInt8(ascii: "A")]),
                   content.count > 3, content[content.startIndex + 3] == delimiters.element {
                    self.delimiters = nil  // the next interchange brings its own delimiters
                }
            }
        }
        if start > 0 {
            bytesBeforeBuffer += start
            buffer.removeSubrange(0..<min(start, buffer.count))
            scanned = max(0, scanned - start)
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
            diagnostics.append(Diagnostic(.warning, "the file has no ISA/GS envelope and starts at ST; delimiters were inferred", segmentIndex: 0, segmentID: "ST"))
            return index
        }
        if segmentCount == 0 {
            fail("the file is not X12: it starts with neither ISA nor ST")
        } else {
            fail("after IEA at segment \(segmentCount - 1), expected another ISA or the end of the file")
        }
        return nil
    }

    private mutating func emitSegment(_ content: [UInt8], _ delimiters: Delimiters, _ emit: (Segment) throws -> Void) rethrows {
        var content = content
        // Stray bytes before a segment id (files whose lines start with the old terminator `~`).
        if let first = content.first, !Self.isAlphanumeric(first) {
            let skip = content.prefix { !Self.isAlphanumeric($0) }.count
            if !notedStrayBytes {
                notedStrayBytes = true
                diagnostics.append(Diagnostic(.warning, "segments start with stray bytes before their id (such as '~'); ignored", segmentIndex: segmentCount))
            }
            content.removeFirst(skip)
            guard !content.isEmpty else { return }
        }
        let segment = Segment(bytes: content, index: segmentCount, delimiters: delimiters)
        segmentCount += 1
        try emit(segment)
    }

    private mutating func fail(_ message: String, segmentID: String? = nil) {
        failed = true
        diagnostics.append(Diagnostic(.error, message, segmentIndex: segmentCount, segmentID: segmentID))
        buffer.removeAll()
    }

    /// Drops white space (space, tab, CR, LF) around a segment.
    private func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var slice = bytes
        while let first = slice.first, Self.isSpace(first) { slice = slice.dropFirst() }
        while let last = slice.last, Self.isSpace(last) { slice = slice.dropLast() }
        return slice
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
            for index in 0..<(window.count - 4) where window[index] == element
                && window[index + 1] == UInt8(ascii: "H") && window[index + 2] == UInt8(ascii: "C") {
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

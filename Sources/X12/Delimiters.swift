/// The four separators of an interchange, read from its ISA segment (X12.5 / TR3 appendix B).
public struct Delimiters: Sendable, Equatable {
    /// Separates elements: the byte right after `ISA`.
    public var element: UInt8
    /// Separates components of a composite element: ISA16.
    public var component: UInt8
    /// Separates repeated elements: ISA11 from version 00501 on; `nil` before.
    public var repetition: UInt8?
    /// Ends a segment: the byte after ISA16.
    public var segment: UInt8

    /// Creates a set of delimiters.
    public init(element: UInt8, component: UInt8, repetition: UInt8?, segment: UInt8) {
        self.element = element
        self.component = component
        self.repetition = repetition
        self.segment = segment
    }

    /// Reads the delimiters from the bytes of an ISA segment (starting at `I`).
    ///
    /// The ISA is nominally 106 fixed-width bytes, but real senders trim padding, so the
    /// elements are found by counting element separators rather than by offsets: ISA16 is the one
    /// byte after the 16th separator, and the segment terminator is the byte after it.
    public static func read(isa bytes: some Collection<UInt8>) throws(DelimiterError) -> Delimiters {
        let header = Array(bytes.prefix(512))
        guard header.starts(with: "ISA".utf8.prefix(header.count)), !header.isEmpty else { throw .notAnISA }
        guard header.count >= 4 else { throw .truncated(elementsFound: 0) }
        let element = header[3]
        guard !isAlphanumeric(element), element != UInt8(ascii: " ") else { throw .invalidSeparator(position: 4) }
        var separatorPositions: [Int] = []
        var index = 3
        while index < header.count, separatorPositions.count < 16 {
            if header[index] == element { separatorPositions.append(index) }
            index += 1
        }
        guard separatorPositions.count == 16 else { throw .truncated(elementsFound: separatorPositions.count) }
        let componentIndex = separatorPositions[15] + 1
        guard componentIndex + 1 < header.count else { throw .truncated(elementsFound: 16) }
        let component = header[componentIndex]
        let segment = header[componentIndex + 1]
        guard component != element, !isAlphanumeric(component) else { throw .invalidSeparator(position: 16) }
        guard segment != element, segment != component, !isAlphanumeric(segment), segment != UInt8(ascii: " ") else {
            throw .invalidSeparator(position: 17)
        }
        // ISA11 is a repetition separator only from 00501 on; in 4010 it is the standards id `U`.
        let isa11 = Array(header[(separatorPositions[10] + 1)..<separatorPositions[11]])
        let isa12 = String(decoding: header[(separatorPositions[11] + 1)..<separatorPositions[12]], as: UTF8.self)
        var repetition: UInt8?
        if isa11.count == 1, let version = Int(isa12.filter { !$0.isWhitespace }), version >= 501,
            !isAlphanumeric(isa11[0]), ![element, component, segment].contains(isa11[0])
        {
            repetition = isa11[0]
        }
        return Delimiters(element: element, component: component, repetition: repetition, segment: segment)
    }

    /// The delimiters nearly every sender uses, for files that start at `ST` with no ISA.
    public static let common = Delimiters(
        element: UInt8(ascii: "*"), component: UInt8(ascii: ":"), repetition: UInt8(ascii: "^"), segment: UInt8(ascii: "~"))

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
    }
}

/// Why an ISA segment yields no delimiters.
public enum DelimiterError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The bytes do not start with `ISA`.
    case notAnISA
    /// The ISA ends before its 16 elements and terminator.
    case truncated(elementsFound: Int)
    /// A separator is a letter, digit, space, or the same as another separator.
    case invalidSeparator(position: Int)

    public var description: String {
        switch self {
        case .notAnISA: "the interchange does not start with an ISA segment"
        case .truncated(let found): "the ISA segment ends after \(found) of its 16 elements"
        case .invalidSeparator(let position):
            position == 17
                ? "the segment terminator after ISA16 is missing or not a valid separator"
                : "the separator at ISA position \(position) is a letter, digit, space or repeats another separator"
        }
    }
}

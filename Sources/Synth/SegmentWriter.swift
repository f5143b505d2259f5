import Domain

/// One element of a segment as the writer takes it: text, an amount, a count or a composite.
protocol X12Element {
    /// Whether the element is empty (trailing empty elements are left out of the segment).
    var isEmptyElement: Bool { get }
    /// Appends the element's text.
    func write(into bytes: inout [UInt8])
}

extension String: X12Element {
    var isEmptyElement: Bool { isEmpty }
    func write(into bytes: inout [UInt8]) { bytes.append(contentsOf: utf8) }
}

extension Int: X12Element {
    var isEmptyElement: Bool { false }
    func write(into bytes: inout [UInt8]) { bytes.append(contentsOf: String(self).utf8) }
}

extension Money: X12Element {
    var isEmptyElement: Bool { false }
    /// Always two decimals, exactly as Domain writes money.
    func write(into bytes: inout [UInt8]) { bytes.append(contentsOf: description.utf8) }
}

/// A composite element (`HC:99214:25`): components joined by `:`, trailing empty ones left out.
struct Composite: X12Element {
    var components: [String]

    init(_ components: String...) { self.components = components }

    init(_ components: [String]) { self.components = components }

    var isEmptyElement: Bool { components.allSatisfy(\.isEmpty) }

    func write(into bytes: inout [UInt8]) {
        let used = (components.lastIndex { !$0.isEmpty } ?? -1) + 1
        for index in 0..<used {
            if index > 0 { bytes.append(SegmentWriter.componentSeparator) }
            bytes.append(contentsOf: components[index].utf8)
        }
    }
}

/// Writes X12 segments into bytes with Sightline's house delimiters — `*` element, `:` component,
/// `^` repetition, `~` terminator followed by a newline — and counts them for SE01.
struct SegmentWriter {
    static let elementSeparator = UInt8(ascii: "*")
    static let componentSeparator = UInt8(ascii: ":")
    static let terminator: [UInt8] = Array("~\n".utf8)

    /// The bytes written and not yet taken.
    private(set) var bytes: [UInt8] = []
    /// Segments written since the last ``resetCount()``.
    private(set) var count = 0

    init() {}

    /// Writes one segment; trailing empty elements are dropped, as X12 requires.
    mutating func segment(_ id: String, _ elements: any X12Element...) {
        segment(id, elements: elements)
    }

    /// Writes one segment from a list of elements.
    mutating func segment(_ id: String, elements: [any X12Element]) {
        bytes.append(contentsOf: id.utf8)
        let used = (elements.lastIndex { !$0.isEmptyElement } ?? -1) + 1
        for index in 0..<used {
            bytes.append(Self.elementSeparator)
            elements[index].write(into: &bytes)
        }
        bytes.append(contentsOf: Self.terminator)
        count += 1
    }

    /// Writes a fixed-width ISA segment (its elements are never trimmed).
    mutating func interchangeHeader(sender: String, receiver: String, day: Day, time: String, control: Int) {
        let fields = [
            "ISA", "00", "          ", "00", "          ", "ZZ", Self.padded(sender, 15), "ZZ", Self.padded(receiver, 15),
            day.yymmdd, time, "^", "00501", Day.pad(control, 9), "0", "T", ":",
        ]
        bytes.append(contentsOf: fields.joined(separator: "*").utf8)
        bytes.append(contentsOf: Self.terminator)
    }

    /// Counts the segments of `other`, whose bytes go out separately, as if written here.
    mutating func include(countOf other: SegmentWriter) {
        count += other.count
    }

    /// Starts counting segments again (at ST).
    mutating func resetCount() { count = 0 }

    /// Hands over the bytes written so far and starts an empty buffer.
    mutating func take() -> [UInt8] {
        defer { bytes = [] }
        return bytes
    }

    private static func padded(_ text: String, _ width: Int) -> String {
        let cut = String(text.prefix(width))
        return cut + String(repeating: " ", count: width - cut.count)
    }
}

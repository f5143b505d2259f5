import Testing
import X12

/// The plain way to read element `position`: split the text at the separator.
private func naive(_ text: String, _ position: Int, separator: Character = "*") -> String {
    let parts = text.split(separator: separator, omittingEmptySubsequences: false)
    return position < parts.count ? String(parts[position]) : ""
}

private let delimiters = Delimiters(element: UInt8(ascii: "*"), component: UInt8(ascii: ":"), repetition: nil, segment: UInt8(ascii: "~"))

@Suite("Elements and components of a segment")
struct SegmentTests {
    /// Shapes that take each path of the element index: short, many elements (past the inline
    /// index), long (past 255 bytes, not indexed), empty and missing elements.
    static let texts: [String] = [
        "CLP*A1*1*150*100*50**MC",
        "CLP",
        "CLP*",
        "N3**",
        "REF*EA*" + String(repeating: "9", count: 300),
        "NTE*ADD*" + String(repeating: "x", count: 250) + "*END",
        "HI*" + (1...40).map { "ABK:\($0)" }.joined(separator: "*"),
        "SV1*" + (1...30).map { $0.isMultiple(of: 3) ? "" : "v\($0)" }.joined(separator: "*"),
        "LONG*" + (1...40).map { String(repeating: "z", count: $0) }.joined(separator: "*"),
    ]

    @Test("element(n) equals splitting the text, for every position", arguments: texts)
    func elementsMatchSplitting(text: String) {
        let segment = Segment(bytes: Array(text.utf8), index: 7, delimiters: delimiters)
        let count = text.split(separator: "*", omittingEmptySubsequences: false).count - 1
        #expect(segment.elementCount == count)
        #expect(segment.id.description == naive(text, 0))
        for position in 1...(count + 3) {
            #expect(segment.element(position) == naive(text, position), "element \(position)")
            #expect(segment.isEmpty(position) == naive(text, position).isEmpty, "element \(position)")
            #expect(String(decoding: segment.raw(position), as: UTF8.self) == naive(text, position), "raw \(position)")
        }
        #expect(segment.element(0) == "")
    }

    @Test(
        "components of a composite element",
        arguments: [
            ("SVC*HC:99213:25*145", 1, 1, "HC"), ("SVC*HC:99213:25*145", 1, 2, "99213"), ("SVC*HC:99213:25*145", 1, 3, "25"),
            ("SVC*HC:99213:25*145", 1, 4, ""), ("SVC*HC*145", 1, 1, "HC"), ("SVC*HC*145", 1, 2, ""),
            ("SVC*:99213*1", 1, 1, ""), ("SVC*:99213*1", 1, 2, "99213"), ("SVC*HC:99213", 5, 1, ""),
        ])
    func components(text: String, position: Int, component: Int, expected: String) {
        let segment = Segment(bytes: Array(text.utf8), index: 0, delimiters: delimiters)
        #expect(segment.component(position, component) == expected)
        #expect(String(decoding: segment.componentBytes(position, component), as: UTF8.self) == expected)
    }

    @Test("a segment cut from a larger buffer reads the same as one on its own")
    func sliceOfBuffer() {
        let text = "ISA*00~CLP*A1*1*150~SE*3*0001~"
        let bytes = Array(text.utf8)
        let segment = Segment(slice: bytes[7..<19], index: 1, delimiters: delimiters)
        #expect(segment.id == .clp)
        #expect(segment.element(1) == "A1")
        #expect(segment.element(3) == "150")
        #expect(segment.element(1, is: "A1"))
        #expect(!segment.element(1, is: "A"))
        #expect(segment.range(1) == 11..<13)
    }
}

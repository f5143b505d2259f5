import Foundation
import Testing
import X12

/// Builds a small interchange around `body` segments with the given delimiters.
func interchange(
    _ body: [String], element e: String = "*", component c: String = ":", terminator t: String = "~",
    control: String = "000000905", after: String = ""
) -> String {
    let isa = [
        "ISA", "00", "          ", "00", "          ", "ZZ", "SUBMITTER      ", "ZZ", "RECEIVER       ",
        "261123", "1200", "^", "00501", control, "0", "T", c,
    ].joined(separator: e)
    let gs = ["GS", "HP", "SENDER", "RECEIVER", "20261123", "1200", "1", "X", "005010X221A1"].joined(separator: e)
    let st = ["ST", "835", "0001", "005010X221A1"].joined(separator: e)
    let se = ["SE", "\(body.count + 2)", "0001"].joined(separator: e)
    let ge = ["GE", "1", "1"].joined(separator: e)
    let iea = ["IEA", "1", control].joined(separator: e)
    let all =
        [isa, gs, st] + body.map { $0.replacingOccurrences(of: "*", with: e).replacingOccurrences(of: ":", with: c) } + [se, ge, iea]
    return all.map { $0 + t + after }.joined()
}

/// Reads `text` through the tokenizer in the given chunk sizes and returns segment texts and diagnostics.
func tokenize(_ bytes: [UInt8], chunks: [Int]? = nil) -> (segments: [String], diagnostics: [Diagnostic]) {
    var tokenizer = SegmentTokenizer()
    var segments: [String] = []
    var offset = 0
    var sizes = chunks ?? [bytes.count]
    var next = 0
    while offset < bytes.count {
        let size = max(1, sizes.isEmpty ? bytes.count : sizes[next % sizes.count])
        next += 1
        let end = min(bytes.count, offset + size)
        tokenizer.feed(bytes[offset..<end]) { segments.append(String(decoding: $0.bytes, as: UTF8.self)) }
        offset = end
    }
    sizes.removeAll()
    tokenizer.finish { segments.append(String(decoding: $0.bytes, as: UTF8.self)) }
    return (segments, tokenizer.diagnostics)
}

@Suite("Cutting bytes into segments")
struct TokenizerTests {
    static let body = ["BPR*I*100*C*ACH", "CLP*A1*1*150*100*50**MC", "CAS*PR*1*50"]

    @Test("line-break styles and indentation do not change the segments", arguments: ["", "\n", "\r\n", "\n    ", "\r\n\t"])
    func lineBreaks(after: String) {
        let plain = tokenize(Array(interchange(Self.body).utf8))
        let styled = tokenize(Array(interchange(Self.body, after: after).utf8))
        #expect(styled.segments == plain.segments)
        #expect(plain.segments.count == 9)
        #expect(styled.diagnostics.isEmpty)
    }

    @Test("a UTF-8 byte-order mark is skipped with a note")
    func bom() {
        let result = tokenize([0xEF, 0xBB, 0xBF] + Array(interchange(Self.body).utf8))
        #expect(result.segments.first?.hasPrefix("ISA") == true)
        #expect(result.diagnostics.map(\.severity) == [.note])
    }

    @Test("delimiters come from the ISA", arguments: [("|", ">", "~"), ("~", "^", "_"), ("*", ":", "\r"), ("*", ":", "\n")])
    func delimiters(element: String, component: String, terminator: String) {
        let result = tokenize(Array(interchange(Self.body, element: element, component: component, terminator: terminator).utf8))
        #expect(result.segments.count == 9)
        #expect(result.segments[3] == "BPR\(element)I\(element)100\(element)C\(element)ACH")
    }

    @Test("a newline terminator with lines that start with '~' is read, with one warning")
    func leadingTilde() {
        let text =
            interchange(Self.body, terminator: "\n").split(separator: "\n").enumerated()
            .map { $0.offset == 0 ? String($0.element) : "~" + $0.element }.joined(separator: "\n") + "\n"
        let result = tokenize(Array(text.utf8))
        #expect(result.segments.count == 9)
        #expect(result.segments.allSatisfy { !$0.hasPrefix("~") })
        #expect(result.diagnostics.filter { $0.severity == .warning }.count == 1)
    }

    @Test("each interchange brings its own delimiters")
    func severalInterchanges() {
        let text =
            interchange(Self.body) + "\n" + interchange(Self.body, element: "|", component: ">", terminator: "'", control: "000000906")
        let result = tokenize(Array(text.utf8))
        #expect(result.segments.count == 18)
        #expect(result.segments[12] == "BPR|I|100|C|ACH")
        #expect(result.diagnostics.isEmpty)
    }

    @Test("a file that starts at ST is read with inferred delimiters and a warning")
    func noEnvelope() {
        let text = "ST*835*0001~BPR*I*100*C*ACH~CLP*A1*1*150*100~SVC*HC>99213*150*100~SE*5*0001~"
        var tokenizer = SegmentTokenizer()
        var segments: [Segment] = []
        tokenizer.feed(Array(text.utf8)) { segments.append($0) }
        tokenizer.finish { segments.append($0) }
        #expect(segments.count == 5)
        #expect(segments[3].component(1, 2) == "99213")
        #expect(tokenizer.diagnostics.contains { $0.severity == .warning && $0.message.contains("no ISA") })
    }

    @Test(
        "unreadable input stops with an error, never a crash",
        arguments: [
            ("", "holds no X12 segments"),
            ("hello world, this is not a billing file", "starts with neither ISA nor ST"),
            ("ISA*00*  *00", "ends after"),
            ("ISA*00*          *00*          *ZZ*S*ZZ*R*261123*1200*^*00501*1*0*T*A~", "ISA position 16"),
        ])
    func unreadable(text: String, message: String) {
        let result = tokenize(Array(text.utf8))
        #expect(result.diagnostics.contains { $0.severity == .error && $0.message.contains(message) }, "\(result.diagnostics)")
    }

    @Test("binary data and endless segments are refused in bounded memory")
    func binary() {
        var generator = SystemRandomNumberGenerator()
        let noise = (0..<200_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        #expect(tokenize(noise, chunks: [4_096]).diagnostics.contains { $0.severity == .error })
        let endless =
            Array(interchange([]).prefix(106).utf8) + Array(repeating: UInt8(ascii: "A"), count: SegmentTokenizer.maximumSegmentBytes + 10)
        let result = tokenize(endless, chunks: [65_536])
        #expect(result.diagnostics.contains { $0.severity == .error && $0.message.contains("longer than") })
    }

    @Test("the same segments and diagnostics whole, in random chunks and byte by byte")
    func chunking() {
        let text =
            [0xEF, 0xBB, 0xBF]
            + Array((interchange(Self.body, after: "\r\n") + interchange(Self.body, element: "|", terminator: "'", control: "7")).utf8)
        let whole = tokenize(text)
        let bytewise = tokenize(text, chunks: [1])
        var generator = SystemRandomNumberGenerator()
        let random = tokenize(text, chunks: (0..<50).map { _ in Int.random(in: 1...97, using: &generator) })
        #expect(bytewise.segments == whole.segments && random.segments == whole.segments)
        #expect(bytewise.diagnostics == whole.diagnostics && random.diagnostics == whole.diagnostics)
    }
}

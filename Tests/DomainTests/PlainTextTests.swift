import Domain
import Testing

@Suite("Text is text: control characters refused, everything else kept")
struct PlainTextTests {
    @Test(
        "text of every other code point class passes whole",
        arguments: [
            "Denials for CO-16 on Medicare",
            "two lines\nof notes",
            "a text area's lines\r\nas browsers send them",
            "a\ttab",
            "right-to-left override \u{202E}gnp.exe",
            "astral plane 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 and 🩺",
            "combining marks: e\u{0301} a\u{0308}\u{0323}",
            "zero-width joiner 👩\u{200D}⚕️ and line separator \u{2028}",
            "",
        ])
    func passes(text: String) throws {
        #expect(PlainText.refusal(in: text) == nil)
        #expect(try PlainText.checked(text) == text)
    }

    @Test(
        "NUL, the other C0 controls, a lone carriage return, DEL and C1 controls are refused where they stand",
        arguments: [
            ("a\u{0000}b", 0x00, 2),
            ("\u{0001}", 0x01, 1),
            ("bell\u{0007}", 0x07, 5),
            ("escape \u{001B}[2J", 0x1B, 8),
            ("lone\rreturn", 0x0D, 5),
            ("ends in a return\r", 0x0D, 17),
            ("delete\u{007F}", 0x7F, 7),
            ("C1 \u{0085} next line", 0x85, 4),
            ("C1 \u{009B} CSI", 0x9B, 4),
        ] as [(String, UInt32, Int)])
    func refused(text: String, scalar: UInt32, position: Int) throws {
        let refusal = try #require(PlainText.refusal(in: text))
        #expect(refusal.scalar.value == scalar)
        #expect(refusal.position == position)
        #expect(refusal.description.contains("U+"))
        #expect(throws: PlainText.Refusal.self) { try PlainText.checked(text) }
    }

    @Test(
        "one-line text (names, titles, file names) refuses tab and line breaks too",
        arguments: [
            ("name\twith tab", true), ("name\nwith newline", true), ("report.pdf\r\nX-Evil: 1", true), ("Jänuary réport 🩺.pdf", false),
        ])
    func lines(text: String, refused: Bool) {
        #expect((PlainText.lineRefusal(in: text) != nil) == refused)
    }

    @Test(
        "page offsets never trap, whatever the numbers",
        arguments: [
            (1, 50, 0), (3, 100, 200), (0, 50, 0), (-5, 50, 0), (Int.max, 500, Int.max), (1_000_000, 500, 499_999_500),
            (2, Int.max, Int.max),
        ])
    func paging(page: Int, perPage: Int, offset: Int) {
        #expect(Paging.offset(page: page, perPage: perPage) == offset)
    }
}

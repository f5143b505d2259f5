import Testing
import X12

@Suite("Delimiters from the ISA")
struct DelimitersTests {
    /// A 5010 ISA in its fixed 106-byte form, with the separators given.
    static func isa(
        element e: String = "*", repetition r: String = "^", component c: String = ":", segment s: String = "~", version: String = "00501"
    ) -> String {
        [
            "ISA", "00", "          ", "00", "          ", "ZZ", "SUBMITTER      ", "ZZ", "RECEIVER       ", "261123", "1200",
            r, version, "000000905", "1", "T", c,
        ].joined(separator: e) + s
    }

    @Test(
        "a fixed-width 5010 ISA yields all four separators",
        arguments: [
            ("*", "^", ":", "~"), ("|", "^", ">", "~"), ("*", "{", "\\", "\n"), ("^", "!", ":", "'"),
        ])
    func fixedWidth(element: String, repetition: String, component: String, segment: String) throws {
        let header = Self.isa(element: element, repetition: repetition, component: component, segment: segment)
        #expect(header.utf8.count == 106)
        let delimiters = try Delimiters.read(isa: Array(header.utf8))
        #expect(
            delimiters
                == Delimiters(
                    element: element.utf8.first!, component: component.utf8.first!,
                    repetition: repetition.utf8.first!, segment: segment.utf8.first!))
    }

    @Test("in 4010, ISA11 is the standards id, not a repetition separator")
    func version4010() throws {
        let delimiters = try Delimiters.read(isa: Array(Self.isa(repetition: "U", version: "00401").utf8))
        #expect(delimiters.repetition == nil)
        #expect(delimiters.component == UInt8(ascii: ":"))
    }

    @Test("an ISA whose padding was trimmed is read by counting separators")
    func trimmedISA() throws {
        let header = "ISA*00**00**ZZ*SUB*ZZ*REC*261123*1200*U*00401*905*0*P*>~GS*HP"
        let delimiters = try Delimiters.read(isa: Array(header.utf8))
        #expect(delimiters.element == UInt8(ascii: "*"))
        #expect(delimiters.component == UInt8(ascii: ">"))
        #expect(delimiters.segment == UInt8(ascii: "~"))
        #expect(delimiters.repetition == nil)
    }

    @Test(
        "unusable headers are refused with a reason",
        arguments: [
            ("GS*HP*SENDER", DelimiterError.notAnISA),
            ("ISA*00*          *00", .truncated(elementsFound: 3)),
            ("ISA*00*          *00*          *ZZ*SUB*ZZ*REC*261123*1200*^*00501*905*0*P*", .truncated(elementsFound: 16)),
            ("ISA*00*          *00*          *ZZ*SUB*ZZ*REC*261123*1200*^*00501*905*0*P*A~", .invalidSeparator(position: 16)),
            ("ISA*00*          *00*          *ZZ*SUB*ZZ*REC*261123*1200*^*00501*905*0*P*:*", .invalidSeparator(position: 17)),
            ("ISAA00", .invalidSeparator(position: 4)),
            ("", .notAnISA),
        ])
    func refused(header: String, expected: DelimiterError) {
        #expect(throws: expected) { try Delimiters.read(isa: Array(header.utf8)) }
    }
}

@Suite("Diagnostics")
struct DiagnosticTests {
    @Test(
        "a diagnostic prints its severity, message and location",
        arguments: [
            (
                Diagnostic(.warning, "SE01 says 12 segments, counted 11", segmentIndex: 14, segmentID: "SE", element: 1),
                "warning: SE01 says 12 segments, counted 11 (segment 14 SE, element 1)"
            ),
            (Diagnostic(.error, "file is empty"), "error: file is empty"),
            (Diagnostic(.note, "ST03 differs", segmentID: "ST", element: 3), "note: ST03 differs (ST, element 3)"),
        ])
    func description(diagnostic: Diagnostic, expected: String) {
        #expect(diagnostic.description == expected)
    }

    @Test("severities order note < warning < error")
    func ordering() {
        #expect(Diagnostic.Severity.note < .warning)
        #expect(Diagnostic.Severity.warning < .error)
        #expect([Diagnostic.Severity.error, .note, .warning].max() == .error)
    }
}

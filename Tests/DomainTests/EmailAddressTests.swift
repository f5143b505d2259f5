import Domain
import Foundation
import Testing

@Suite("E-mail addresses")
struct EmailAddressTests {
    @Test(
        "valid addresses are trimmed and lower-cased",
        arguments: [
            ("owner@riverbend.example", "owner@riverbend.example"),
            ("  Owner@RiverBend.Example \n", "owner@riverbend.example"),
            ("first.last+billing@clinic.co.uk", "first.last+billing@clinic.co.uk"),
        ])
    func valid(raw: String, normalized: String) throws {
        #expect(try EmailAddress(raw).value == normalized)
    }

    @Test(
        "malformed addresses are refused",
        arguments: [
            "", "   ", "owner", "owner@", "@clinic.example", "owner@clinic", "a@b@clinic.example",
            "owner@.clinic.example", "owner@clinic..example", "owner name@clinic.example", "<owner@clinic.example>",
        ])
    func malformed(raw: String) {
        #expect(throws: EmailAddressError.self) { try EmailAddress(raw) }
    }

    @Test("an over-long address is refused")
    func tooLong() {
        let raw = String(repeating: "a", count: 60) + "@" + String(repeating: "b", count: 200) + ".example"
        #expect(throws: EmailAddressError.tooLong) { try EmailAddress(raw) }
    }

    @Test("decoding applies the same rules")
    func decoding() throws {
        let decoded = try JSONDecoder().decode([EmailAddress].self, from: Data(#"["A@B.example"]"#.utf8))
        #expect(decoded.first?.value == "a@b.example")
        #expect(throws: (any Error).self) { try JSONDecoder().decode([EmailAddress].self, from: Data(#"["nope"]"#.utf8)) }
    }
}

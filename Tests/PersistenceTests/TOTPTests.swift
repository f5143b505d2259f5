import Foundation
import Persistence
import Testing

@Suite("Authenticator codes (RFC 6238)")
struct TOTPTests {
    /// RFC 6238 appendix B's SHA-1 vectors (eight digits) and the six-digit codes they end in.
    @Test(
        "the RFC's test vectors",
        arguments: [
            (59.0, "94287082"), (1_111_111_109, "07081804"), (1_111_111_111, "14050471"),
            (1_234_567_890, "89005924"), (2_000_000_000, "69279037"), (20_000_000_000, "65353130"),
        ])
    func vectors(seconds: Double, expected: String) {
        let secret = Array("12345678901234567890".utf8)
        let counter = TOTP.counter(at: Date(timeIntervalSince1970: seconds))
        #expect(TOTP.code(secret: secret, counter: counter, digits: 8) == expected)
        #expect(TOTP.code(secret: secret, counter: counter) == String(expected.suffix(6)))
    }

    @Test("a code is accepted one step either side of now, not two; anything but six digits is not a code")
    func window() {
        let secret = TOTP.newSecret()
        let now = Date(timeIntervalSince1970: 1_790_000_015)
        let counter = TOTP.counter(at: now)
        for (offset, accepted) in [(-2, false), (-1, true), (0, true), (1, true), (2, false)] {
            let code = TOTP.code(secret: secret, counter: counter + Int64(offset))
            #expect((TOTP.match(code, secret: secret, at: now) == counter + Int64(offset)) == accepted, "step \(offset)")
        }
        let code = TOTP.code(secret: secret, counter: counter)
        #expect(TOTP.match(String(code.prefix(3)) + " " + String(code.suffix(3)), secret: secret, at: now) == counter)
        for typed in ["", "12345", "1234567", "abcdef", "١٢٣٤٥٦"] { #expect(TOTP.match(typed, secret: secret, at: now) == nil, "\(typed)") }
    }

    @Test(
        "base32 secrets round-trip and match RFC 4648's examples",
        arguments: [
            ("", ""), ("f", "MY"), ("fo", "MZXQ"), ("foo", "MZXW6"), ("foob", "MZXW6YQ"), ("fooba", "MZXW6YTB"), ("foobar", "MZXW6YTBOI"),
        ])
    func base32(text: String, encoded: String) {
        #expect(TOTP.base32(Array(text.utf8)) == encoded)
        #expect(TOTP.bytes(base32: encoded.lowercased()) == Array(text.utf8))
        #expect(TOTP.bytes(base32: "MZ1W") == nil)
    }

    @Test("the otpauth link names the issuer and account and carries the secret")
    func link() {
        let link = TOTP.link(secret: Array("12345678901234567890".utf8), account: "desk@riverbend.example")
        #expect(
            link
                == "otpauth://totp/Sightline:desk@riverbend.example?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Sightline&algorithm=SHA1&digits=6&period=30"
        )
    }
}

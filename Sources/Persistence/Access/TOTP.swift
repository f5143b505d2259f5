import Crypto
import Foundation

/// Time-based one-time passwords (RFC 6238 over RFC 4226): HMAC-SHA-1, 30-second steps, six
/// digits — what every authenticator app reads from an `otpauth://` link.
public enum TOTP {
    public static let stepSeconds: TimeInterval = 30
    public static let digits = 6

    /// The step `instant` falls in.
    public static func counter(at instant: Date) -> Int64 {
        Int64((instant.timeIntervalSince1970 / stepSeconds).rounded(.down))
    }

    /// The code for one step (RFC 4226 dynamic truncation).
    public static func code(secret: [UInt8], counter: Int64, digits: Int = digits) -> String {
        var message = [UInt8](repeating: 0, count: 8)
        var value = UInt64(bitPattern: counter)
        for index in stride(from: 7, through: 0, by: -1) {
            message[index] = UInt8(value & 0xFF)
            value >>= 8
        }
        let mac = Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: SymmetricKey(data: secret)))
        let offset = Int(mac[mac.count - 1] & 0x0F)
        let binary =
            (UInt32(mac[offset] & 0x7F) << 24) | (UInt32(mac[offset + 1]) << 16) | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        var modulus: UInt32 = 1
        for _ in 0..<digits { modulus *= 10 }
        let text = String(binary % modulus)
        return String(repeating: "0", count: digits - text.count) + text
    }

    /// The step whose code `typed` is, within one step either side of `instant` (clocks drift),
    /// or `nil`. Spaces are ignored; the comparison takes the same time whatever matches.
    public static func match(_ typed: String, secret: [UInt8], at instant: Date) -> Int64? {
        let digitsOnly = typed.filter { !$0.isWhitespace }
        guard digitsOnly.count == digits, digitsOnly.allSatisfy(\.isASCII), digitsOnly.allSatisfy(\.isNumber) else { return nil }
        let now = counter(at: instant)
        var found: Int64?
        for candidate in [now - 1, now, now + 1] where constantTimeEqual(code(secret: secret, counter: candidate), digitsOnly) {
            found = found ?? candidate
        }
        return found
    }

    /// A new random secret of 160 bits (RFC 4226's recommendation).
    public static func newSecret() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<20).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")

    /// RFC 4648 base32 without padding, as authenticator apps take secrets.
    public static func base32(_ bytes: [UInt8]) -> String {
        var output = "", buffer = 0, bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | Int(byte)
            bits += 8
            while bits >= 5 {
                output.append(alphabet[(buffer >> (bits - 5)) & 31])
                bits -= 5
            }
        }
        if bits > 0 { output.append(alphabet[(buffer << (5 - bits)) & 31]) }
        return output
    }

    /// The bytes of a base32 secret (any case, spaces and padding ignored), or `nil`.
    public static func bytes(base32 text: String) -> [UInt8]? {
        var output: [UInt8] = [], buffer = 0, bits = 0
        for character in text.uppercased() where character != " " && character != "=" {
            guard let value = alphabet.firstIndex(of: character) else { return nil }
            buffer = (buffer << 5) | value
            bits += 5
            if bits >= 8 {
                output.append(UInt8((buffer >> (bits - 8)) & 0xFF))
                bits -= 8
            }
        }
        return output
    }

    /// The `otpauth://` link an authenticator app adds the account from.
    public static func link(secret: [UInt8], account: String, issuer: String = "Sightline") -> String {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~@"))
        let label =
            "\(issuer):\(account)".addingPercentEncoding(withAllowedCharacters: allowed.union(CharacterSet(charactersIn: ":"))) ?? account
        return
            "otpauth://totp/\(label)?secret=\(base32(secret))&issuer=\(issuer.addingPercentEncoding(withAllowedCharacters: allowed) ?? issuer)&algorithm=SHA1&digits=\(digits)&period=\(Int(stepSeconds))"
    }

    static func constantTimeEqual(_ left: String, _ right: String) -> Bool {
        let a = Array(left.utf8), b = Array(right.utf8)
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for index in 0..<max(a.count, b.count) { difference |= (index < a.count ? a[index] : 0) ^ (index < b.count ? b[index] : 0) }
        return difference == 0
    }
}

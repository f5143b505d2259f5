/// A segment identifier (`ISA`, `CLP`, `N1`, …) packed into an integer, so that dispatching on
/// it costs no string allocation.
public struct SegmentID: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// Up to four ASCII bytes, first byte highest.
    public let rawValue: UInt32

    /// Packs the first bytes of `bytes` (at most four).
    public init(bytes: some Collection<UInt8>) {
        var value: UInt32 = 0
        for byte in bytes.prefix(4) {
            value = value << 8 | UInt32(byte)
        }
        rawValue = value  // ids never contain NUL, so the length is implied
    }

    public init(stringLiteral value: StaticString) {
        self.init(bytes: UnsafeBufferPointer(start: value.utf8Start, count: value.utf8CodeUnitCount))
    }

    /// The identifier as text.
    public var description: String {
        var bytes: [UInt8] = []
        var value = rawValue
        while value != 0 {
            bytes.insert(UInt8(value & 0xFF), at: 0)
            value >>= 8
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A segment identifier (`ISA`, `CLP`, `N1`, …) packed into an integer, so that dispatching on
/// it costs no string allocation.
public struct SegmentID: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// Up to four ASCII bytes, first byte highest.
    public let rawValue: UInt32

    /// An id from its packed form.
    @inlinable
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Packs the first bytes of `bytes` (at most four).
    @inlinable
    public init(bytes: some Collection<UInt8>) {
        var value: UInt32 = 0
        for byte in bytes.prefix(4) {
            value = value << 8 | UInt32(byte)
        }
        rawValue = value  // ids never contain NUL, so the length is implied
    }

    @inlinable
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

/// The ids Sightline dispatches on, as packed constants the compiler folds: a string literal in a
/// `switch` case would be packed again on every comparison.
extension SegmentID {
    /// `ISA`.
    @inlinable public static var isa: SegmentID { SegmentID(rawValue: 0x495341) }
    /// `GS`.
    @inlinable public static var gs: SegmentID { SegmentID(rawValue: 0x4753) }
    /// `ST`.
    @inlinable public static var st: SegmentID { SegmentID(rawValue: 0x5354) }
    /// `SE`.
    @inlinable public static var se: SegmentID { SegmentID(rawValue: 0x5345) }
    /// `GE`.
    @inlinable public static var ge: SegmentID { SegmentID(rawValue: 0x4745) }
    /// `IEA`.
    @inlinable public static var iea: SegmentID { SegmentID(rawValue: 0x494541) }
    /// `TA1`.
    @inlinable public static var ta1: SegmentID { SegmentID(rawValue: 0x544131) }
    /// `BPR`.
    @inlinable public static var bpr: SegmentID { SegmentID(rawValue: 0x425052) }
    /// `TRN`.
    @inlinable public static var trn: SegmentID { SegmentID(rawValue: 0x54524E) }
    /// `N1`.
    @inlinable public static var n1: SegmentID { SegmentID(rawValue: 0x4E31) }
    /// `REF`.
    @inlinable public static var ref: SegmentID { SegmentID(rawValue: 0x524546) }
    /// `CLP`.
    @inlinable public static var clp: SegmentID { SegmentID(rawValue: 0x434C50) }
    /// `CAS`.
    @inlinable public static var cas: SegmentID { SegmentID(rawValue: 0x434153) }
    /// `NM1`.
    @inlinable public static var nm1: SegmentID { SegmentID(rawValue: 0x4E4D31) }
    /// `MOA`.
    @inlinable public static var moa: SegmentID { SegmentID(rawValue: 0x4D4F41) }
    /// `MIA`.
    @inlinable public static var mia: SegmentID { SegmentID(rawValue: 0x4D4941) }
    /// `LQ`.
    @inlinable public static var lq: SegmentID { SegmentID(rawValue: 0x4C51) }
    /// `SVC`.
    @inlinable public static var svc: SegmentID { SegmentID(rawValue: 0x535643) }
    /// `DTM`.
    @inlinable public static var dtm: SegmentID { SegmentID(rawValue: 0x44544D) }
    /// `PLB`.
    @inlinable public static var plb: SegmentID { SegmentID(rawValue: 0x504C42) }
    /// `BHT`.
    @inlinable public static var bht: SegmentID { SegmentID(rawValue: 0x424854) }
    /// `HL`.
    @inlinable public static var hl: SegmentID { SegmentID(rawValue: 0x484C) }
    /// `N3`.
    @inlinable public static var n3: SegmentID { SegmentID(rawValue: 0x4E33) }
    /// `N4`.
    @inlinable public static var n4: SegmentID { SegmentID(rawValue: 0x4E34) }
    /// `DMG`.
    @inlinable public static var dmg: SegmentID { SegmentID(rawValue: 0x444D47) }
    /// `PER`.
    @inlinable public static var per: SegmentID { SegmentID(rawValue: 0x504552) }
    /// `CLM`.
    @inlinable public static var clm: SegmentID { SegmentID(rawValue: 0x434C4D) }
    /// `DTP`.
    @inlinable public static var dtp: SegmentID { SegmentID(rawValue: 0x445450) }
    /// `LX`.
    @inlinable public static var lx: SegmentID { SegmentID(rawValue: 0x4C58) }
    /// `SV1`.
    @inlinable public static var sv1: SegmentID { SegmentID(rawValue: 0x535631) }
    /// `SV2`.
    @inlinable public static var sv2: SegmentID { SegmentID(rawValue: 0x535632) }
    /// `STC`.
    @inlinable public static var stc: SegmentID { SegmentID(rawValue: 0x535443) }
}

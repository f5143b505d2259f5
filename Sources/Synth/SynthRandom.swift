/// The generator's own random numbers: xoshiro256** seeded through SplitMix64. Written out here,
/// never `SystemRandomNumberGenerator` nor the standard library's `random(in:using:)` (whose
/// algorithm may change between toolchains), so that one seed gives the same bytes everywhere.
///
/// Every claim, patient and payment run draws from its own stream, keyed by the run's seed, a
/// stream name and an index: a claim's content can be drawn again, identically, whenever the
/// claim is adjudicated, so nothing about it needs to stay in memory in between.
struct SynthRandom {
    /// Independent sequences of draws, one per kind of thing drawn.
    enum Stream: UInt64 {
        case patient = 1, claim, run, day
    }

    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// A generator for `index` within `stream` of the run seeded `seed`.
    init(seed: UInt64, stream: Stream, index: UInt64) {
        var state = seed ^ (stream.rawValue &* 0x9E37_79B9_7F4A_7C15) ^ (index &* 0xC2B2_AE3D_27D4_EB4F)
        _ = Self.splitMix(&state)
        s0 = Self.splitMix(&state)
        s1 = Self.splitMix(&state)
        s2 = Self.splitMix(&state)
        s3 = Self.splitMix(&state)
    }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        let result = (s1 &* 5).rotatedLeft(7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3.rotatedLeft(45)
        return result
    }

    /// A number in `0..<count` (`0` when `count` is not positive).
    mutating func below(_ count: Int) -> Int {
        guard count > 1 else { return 0 }
        return Int(UInt64(count).multipliedFullWidth(by: next()).high)
    }

    /// A number in `low...high`, both included.
    mutating func between(_ low: Int, _ high: Int) -> Int {
        high <= low ? low : low + below(high - low + 1)
    }

    /// True with probability `basisPoints` / 10 000.
    mutating func chance(_ basisPoints: Int) -> Bool {
        below(10_000) < basisPoints
    }

    /// One element of a non-empty array, uniformly; `fallback` when it is empty.
    mutating func pick<Element>(_ elements: [Element], else fallback: Element) -> Element {
        elements.isEmpty ? fallback : elements[below(elements.count)]
    }

    /// An index into `weights`, each index as likely as its weight.
    mutating func weighted(_ weights: [Int]) -> Int {
        let total = weights.reduce(0) { $0 + max(0, $1) }
        guard total > 0 else { return 0 }
        var draw = below(total)
        for (index, weight) in weights.enumerated() where weight > 0 {
            if draw < weight { return index }
            draw -= weight
        }
        return weights.count - 1
    }

    private static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension UInt64 {
    fileprivate func rotatedLeft(_ count: UInt64) -> UInt64 {
        (self << count) | (self >> (64 - count))
    }
}

import Foundation

/// An exact amount of US dollars, held as whole cents. Never a floating-point number.
public struct Money: Hashable, Sendable, Comparable, Codable, CustomStringConvertible, AdditiveArithmetic {
    /// The amount in cents; negative for reversals, recoupments and credits.
    public var cents: Int64

    /// An amount of `cents` cents.
    @inlinable
    public init(cents: Int64) { self.cents = cents }

    /// Zero dollars.
    public static let zero = Money(cents: 0)

    /// Largest whole-dollar amount a billing file may state ($10 billion): anything larger is not
    /// a real amount, and refusing it keeps every sum of a file far from overflowing.
    public static var largestDollars: Int64 { 10_000_000_000 }

    /// Parses an X12 `R` (decimal) amount: optional sign, digits, optional point and decimals
    /// (`125`, `-1.27`, `.5`, `+40.00`). More than two decimals are rounded half-even to cents
    /// and reported through `rounded`. Returns `nil` for anything that is not a number.
    @inlinable
    public init?(x12 text: some Collection<UInt8>, rounded: inout Bool) {
        var negative = false
        var whole: Int64 = 0
        var fraction: Int64 = 0
        var fractionDigits = 0
        var extra: [UInt8] = []
        var sawDigit = false
        var sawPoint = false
        var index = text.startIndex
        if index != text.endIndex, text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+") {
            negative = text[index] == UInt8(ascii: "-")
            index = text.index(after: index)
        }
        while index != text.endIndex {
            let byte = text[index]
            if byte == UInt8(ascii: ".") {
                guard !sawPoint else { return nil }
                sawPoint = true
            } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                sawDigit = true
                let digit = Int64(byte - UInt8(ascii: "0"))
                if !sawPoint {
                    let (times, o1) = whole.multipliedReportingOverflow(by: 10)
                    let (sum, o2) = times.addingReportingOverflow(digit)
                    guard !o1, !o2, sum <= Money.largestDollars else { return nil }
                    whole = sum
                } else if fractionDigits < 2 {
                    fraction = fraction * 10 + digit
                    fractionDigits += 1
                } else {
                    extra.append(byte)
                }
            } else {
                return nil
            }
            index = text.index(after: index)
        }
        guard sawDigit else { return nil }
        if fractionDigits == 1 { fraction *= 10 }
        var cents = whole * 100 + fraction
        if let first = extra.first, extra.contains(where: { $0 != UInt8(ascii: "0") }) {
            rounded = true
            let tail = extra.dropFirst()
            let roundUp =
                first > UInt8(ascii: "5")
                || (first == UInt8(ascii: "5") && (tail.contains { $0 != UInt8(ascii: "0") } || cents % 2 == 1))
            if roundUp { cents += 1 }
        }
        self.cents = negative ? -cents : cents
    }

    /// Parses a decimal amount from text; see ``init(x12:rounded:)``.
    public init?(_ text: String) {
        var rounded = false
        self.init(x12: Array(text.utf8), rounded: &rounded)
    }

    /// `-1.27`, `0.00`, `149998.73`: the amount with exactly two decimals.
    public var description: String {
        let magnitude = cents.magnitude
        let fraction = magnitude % 100
        return (cents < 0 ? "-" : "") + "\(magnitude / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)"
    }

    /// Encoded as a JSON number in dollars (`945.5` for $945.50), exact through `Decimal`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Decimal(cents) / 100)
    }

    /// Decodes a number of dollars, or a string such as `"945.50"`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            guard let money = Money(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not an amount")
            }
            self = money
            return
        }
        let dollars = try container.decode(Decimal.self)
        var cents = dollars * 100
        var rounded = Decimal()
        NSDecimalRound(&rounded, &cents, 0, .bankers)
        self.cents = NSDecimalNumber(decimal: rounded).int64Value
    }

    /// The amount as pages show it: a dollar sign, thousands grouped, cents always ("$12,345.60", "-$3.00").
    public var shown: String {
        let magnitude = cents.magnitude
        var dollars = String(magnitude / 100)
        var grouped = ""
        while dollars.count > 3 {
            grouped = "," + dollars.suffix(3) + grouped
            dollars.removeLast(3)
        }
        let rest = magnitude % 100
        return (cents < 0 ? "-$" : "$") + dollars + grouped + "." + (rest < 10 ? "0" : "") + String(rest)
    }

    // Wrapping arithmetic: sums of parsed amounts cannot reach the limits of Int64 in any file
    // Sightline accepts, and a hostile file must never be able to crash a reader by overflow.
    public static func + (lhs: Money, rhs: Money) -> Money { Money(cents: lhs.cents &+ rhs.cents) }
    public static func - (lhs: Money, rhs: Money) -> Money { Money(cents: lhs.cents &- rhs.cents) }
    public static prefix func - (value: Money) -> Money { Money(cents: 0 &- value.cents) }
    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.cents < rhs.cents }
}

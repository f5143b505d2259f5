/// What Sightline accepts as text from a person, a program or a file: any Unicode, but no control
/// characters other than tab and line breaks. A NUL is cut by databases and C libraries on the way
/// back (so a stored record would no longer hash as written), and the other controls let text
/// rewrite a terminal, a log line or an HTTP header.
public enum PlainText {
    /// Why a piece of text was refused: the first character that may not be in it.
    public struct Refusal: Error, Equatable, Sendable, CustomStringConvertible {
        /// The refused character.
        public let scalar: Unicode.Scalar
        /// Its position in the text, counted in characters from 1.
        public let position: Int

        public var description: String {
            let code = String(scalar.value, radix: 16, uppercase: true)
            let padded = String(repeating: "0", count: max(0, 4 - code.count)) + code
            return "contains a control character (U+\(padded)) at character \(position)"
        }
    }

    /// Whether `scalar` is a control character text may not hold on its own.
    @inlinable
    public static func isRefused(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: false
        case 0x00...0x1F, 0x7F, 0x80...0x9F: true
        default: false
        }
    }

    /// The first character of `text` it may not hold: NUL, the other C0 controls except tab and line
    /// feed, DEL and the C1 controls. A carriage return is allowed only right before a line feed,
    /// as browsers send the lines of a text area.
    public static func refusal(in text: some StringProtocol) -> Refusal? {
        var position = 0
        var pendingReturn: Int?
        for scalar in text.unicodeScalars {
            position += 1
            if let at = pendingReturn {
                guard scalar.value == 0x0A else { return Refusal(scalar: "\r", position: at) }
                pendingReturn = nil
                continue
            }
            if scalar.value == 0x0D {
                pendingReturn = position
                continue
            }
            if isRefused(scalar) { return Refusal(scalar: scalar, position: position) }
        }
        if let at = pendingReturn { return Refusal(scalar: "\r", position: at) }
        return nil
    }

    /// `text` itself when it holds no refused character; throws the refusal otherwise.
    public static func checked(_ text: String) throws(Refusal) -> String {
        if let refusal = refusal(in: text) { throw refusal }
        return text
    }

    /// Text on one line (a name, a title, a file name): no control characters at all, tab and
    /// line breaks included.
    public static func lineRefusal(in text: some StringProtocol) -> Refusal? {
        var position = 0
        for scalar in text.unicodeScalars {
            position += 1
            if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) {
                return Refusal(scalar: scalar, position: position)
            }
        }
        return nil
    }
}

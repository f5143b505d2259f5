/// CSV as Sightline writes it: RFC 4180 quoting, and no field a spreadsheet would run as a formula
/// (text starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`; numbers stay numbers).
public enum CSVText {
    /// One field, quoted when it holds a comma, a quote or a line break.
    public static func field(_ text: String) -> String {
        var value = text
        if let first = value.first, "=+-@\t\r".contains(first), Double(value) == nil { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One line of fields.
    public static func row(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") }
}

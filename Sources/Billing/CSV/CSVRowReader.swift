/// Splits CSV bytes (RFC 4180: commas, double-quoted fields with `""` escapes, CRLF or LF) into
/// rows, streaming: fed in chunks of any size, it keeps only the unfinished row.
public struct CSVRowReader: Sendable {
    private var field: [UInt8] = []
    private var row: [String] = []
    private var inQuotes = false
    private var quoteJustClosed = false
    private var sawAnything = false
    /// One-based line number of the row being read.
    public private(set) var line = 1
    private var rowLine = 1

    /// Longest row accepted, in bytes: anything longer is not a CSV export.
    public static let maximumRowBytes = 1 << 20
    private var rowBytes = 0
    public private(set) var tooLong = false

    /// A reader at the start of a file.
    public init() {}

    public mutating func feed(_ bytes: some Collection<UInt8>, _ emit: (_ fields: [String], _ line: Int) -> Void) {
        guard !tooLong else { return }
        for byte in bytes {
            rowBytes += 1
            if rowBytes > Self.maximumRowBytes { tooLong = true; return }
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    inQuotes = false; quoteJustClosed = true
                } else {
                    if byte == 0x0A { line += 1 }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                if quoteJustClosed { field.append(byte) }  // "" inside a quoted field
                inQuotes = true
                quoteJustClosed = false
                sawAnything = true
            case UInt8(ascii: ","):
                endField()
            case 0x0A:
                endRow(emit)
                line += 1
            case 0x0D:
                quoteJustClosed = false
            default:
                quoteJustClosed = false
                sawAnything = true
                field.append(byte)
            }
        }
    }

    public mutating func finish(_ emit: (_ fields: [String], _ line: Int) -> Void) {
        if sawAnything || !row.isEmpty || !field.isEmpty { endRow(emit) }
    }

    /// Whether the input ended inside a quoted field.
    var unterminatedQuote: Bool { inQuotes }

    private mutating func endField() {
        row.append(String(decoding: field, as: UTF8.self))
        field.removeAll(keepingCapacity: true)
        quoteJustClosed = false
        sawAnything = true
    }

    private mutating func endRow(_ emit: (_ fields: [String], _ line: Int) -> Void) {
        endField()
        let fields = row
        row.removeAll(keepingCapacity: true)
        let isBlank = fields.allSatisfy { $0.isEmpty }
        if !isBlank { emit(fields, rowLine) }
        sawAnything = false
        rowBytes = 0
        rowLine = line + 1
    }
}

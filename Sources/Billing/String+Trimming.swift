extension String {
    /// The text without surrounding white space (X12 elements and CSV fields are often padded).
    var trimmingSpaces: String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
        while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
        return String(slice)
    }

    /// The text without a leading byte-order mark (a CSV saved by a spreadsheet often has one).
    var replacingBOM: String { hasPrefix("\u{FEFF}") ? String(dropFirst()) : self }
}

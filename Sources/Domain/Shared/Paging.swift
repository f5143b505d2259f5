/// Where a page of a list starts, with arithmetic that cannot trap: routes bound page numbers
/// where they enter, and this keeps any other caller's numbers from overflowing too.
public enum Paging {
    /// How many items come before page `page` (from 1) of `perPage`; `Int.max` when that is past
    /// anything countable.
    public static func offset(page: Int, perPage: Int) -> Int {
        let (offset, overflow) = max(0, page - 1).multipliedReportingOverflow(by: max(0, perPage))
        return overflow ? Int.max : offset
    }

    /// `a × b`, or `Int.max` when that overflows (both at least zero).
    public static func saturating(_ a: Int, times b: Int) -> Int {
        let (product, overflow) = max(0, a).multipliedReportingOverflow(by: max(0, b))
        return overflow ? Int.max : product
    }
}

/// Why a payer denies a claim or a line: the CAS group and reason (CARC), the remark (RARC) it
/// sends with it, how often each payer uses it, and how often the practice's appeal wins.
struct DenialReason {
    /// CAS01.
    var group: String
    /// CAS02: claim adjustment reason code.
    var reason: String
    /// LQ*HE / MOA remark code, empty for none.
    var remark: String
    /// Relative frequency per payer, in the order of ``Payer/all``.
    var weights: [Int]
    /// Share of these denials later paid on appeal or correction (basis points).
    var appealWinBasisPoints: Int

    /// Denial reasons across the CARC categories of KPIS.md §3.
    static let table: [DenialReason] = [
        // missing information: a corrected claim nearly always goes through
        DenialReason(group: "CO", reason: "16", remark: "N290", weights: [22, 20, 18, 18, 16], appealWinBasisPoints: 8_500),
        // authorization
        DenialReason(group: "CO", reason: "197", remark: "N54", weights: [2, 10, 14, 14, 22], appealWinBasisPoints: 5_000),
        // medical necessity
        DenialReason(group: "CO", reason: "50", remark: "N115", weights: [14, 10, 10, 10, 14], appealWinBasisPoints: 4_500),
        // bundling
        DenialReason(group: "CO", reason: "97", remark: "M15", weights: [10, 10, 8, 8, 8], appealWinBasisPoints: 2_500),
        // coding
        DenialReason(group: "CO", reason: "11", remark: "M76", weights: [8, 8, 6, 6, 6], appealWinBasisPoints: 7_500),
        DenialReason(group: "CO", reason: "4", remark: "N519", weights: [6, 4, 4, 4, 4], appealWinBasisPoints: 7_500),
        // eligibility
        DenialReason(group: "CO", reason: "27", remark: "N30", weights: [4, 12, 8, 8, 6], appealWinBasisPoints: 1_500),
        DenialReason(group: "CO", reason: "109", remark: "N418", weights: [3, 6, 4, 4, 6], appealWinBasisPoints: 1_000),
        // non-covered
        DenialReason(group: "PI", reason: "204", remark: "N130", weights: [0, 4, 8, 8, 4], appealWinBasisPoints: 500),
        DenialReason(group: "CO", reason: "96", remark: "N425", weights: [6, 3, 2, 2, 3], appealWinBasisPoints: 500),
        // duplicate: nothing to appeal
        DenialReason(group: "CO", reason: "18", remark: "M86", weights: [8, 6, 6, 6, 5], appealWinBasisPoints: 0),
        // timely filing
        DenialReason(group: "CO", reason: "29", remark: "", weights: [2, 3, 2, 2, 2], appealWinBasisPoints: 1_000),
        // coordination of benefits
        DenialReason(group: "CO", reason: "22", remark: "MA04", weights: [4, 3, 5, 5, 3], appealWinBasisPoints: 6_000),
        DenialReason(group: "OA", reason: "23", remark: "", weights: [2, 2, 2, 2, 1], appealWinBasisPoints: 3_000),
    ]

    /// Reasons a single line of an otherwise paid claim is turned down.
    static let lineReasons: [DenialReason] = [
        DenialReason(group: "CO", reason: "97", remark: "M15", weights: [1], appealWinBasisPoints: 0),
        DenialReason(group: "CO", reason: "50", remark: "N115", weights: [1], appealWinBasisPoints: 0),
        DenialReason(group: "CO", reason: "11", remark: "M76", weights: [1], appealWinBasisPoints: 0),
        DenialReason(group: "PI", reason: "204", remark: "N130", weights: [1], appealWinBasisPoints: 0),
    ]
}

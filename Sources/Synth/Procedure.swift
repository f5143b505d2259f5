/// A billable procedure (CPT/HCPCS) with the practice's charge and a Medicare-like allowed
/// amount per unit; payers scale the allowed amount by their own fee level.
struct Procedure {
    /// SV101-2 / SVC01-2.
    var code: String
    /// The practice's charge per unit, in cents.
    var chargeCents: Int64
    /// Medicare-like allowed amount per unit, in cents.
    var allowedCents: Int64
    /// An evaluation and management visit: the line a copay applies to.
    var isVisit: Bool
    /// Diagnoses (ICD-10-CM, no dot) that go with it.
    var diagnoses: [String]

    /// The procedure with `code`, or a plain office visit when the code is not in the list.
    static func named(_ code: String) -> Procedure {
        table.first { $0.code == code } ?? table[1]
    }

    /// Every procedure the practice bills.
    static let table: [Procedure] = [
        Procedure(code: "99212", chargeCents: 9_500, allowedCents: 5_700, isVisit: true, diagnoses: ["J069", "R05", "J029"]),
        Procedure(
            code: "99213", chargeCents: 14_500, allowedCents: 9_200, isVisit: true,
            diagnoses: ["I10", "E119", "E785", "J069", "M545", "K219", "F419"]),
        Procedure(
            code: "99214", chargeCents: 21_000, allowedCents: 13_100, isVisit: true,
            diagnoses: ["I10", "E119", "E1165", "E785", "F331", "J449", "M1711"]),
        Procedure(code: "99215", chargeCents: 29_000, allowedCents: 18_400, isVisit: true, diagnoses: ["E1165", "I509", "J449", "N184"]),
        Procedure(code: "99203", chargeCents: 19_500, allowedCents: 11_000, isVisit: true, diagnoses: ["Z0000", "I10", "M545", "R079"]),
        Procedure(code: "99204", chargeCents: 29_500, allowedCents: 16_800, isVisit: true, diagnoses: ["E119", "R079", "I10"]),
        Procedure(code: "G0439", chargeCents: 24_000, allowedCents: 13_000, isVisit: true, diagnoses: ["Z0000", "Z1331"]),
        Procedure(code: "93000", chargeCents: 8_500, allowedCents: 1_700, isVisit: false, diagnoses: ["R079", "I10", "R002"]),
        Procedure(code: "36415", chargeCents: 2_500, allowedCents: 300, isVisit: false, diagnoses: []),
        Procedure(code: "85025", chargeCents: 4_500, allowedCents: 777, isVisit: false, diagnoses: ["D649", "R5383"]),
        Procedure(code: "80053", chargeCents: 6_500, allowedCents: 1_056, isVisit: false, diagnoses: ["E119", "I10"]),
        Procedure(code: "80061", chargeCents: 7_000, allowedCents: 1_339, isVisit: false, diagnoses: ["E785"]),
        Procedure(code: "83036", chargeCents: 5_000, allowedCents: 971, isVisit: false, diagnoses: ["E119", "R7303"]),
        Procedure(code: "71046", chargeCents: 15_000, allowedCents: 3_200, isVisit: false, diagnoses: ["J189", "R05", "R0602"]),
        Procedure(code: "20610", chargeCents: 22_500, allowedCents: 6_200, isVisit: false, diagnoses: ["M1711", "M1712", "M170"]),
        Procedure(code: "87880", chargeCents: 4_000, allowedCents: 1_600, isVisit: false, diagnoses: ["J029"]),
        Procedure(code: "81002", chargeCents: 2_000, allowedCents: 350, isVisit: false, diagnoses: ["N390", "R300"]),
        Procedure(code: "90471", chargeCents: 4_000, allowedCents: 1_700, isVisit: false, diagnoses: ["Z23"]),
        Procedure(code: "90686", chargeCents: 4_500, allowedCents: 2_000, isVisit: false, diagnoses: ["Z23"]),
        Procedure(code: "97110", chargeCents: 9_500, allowedCents: 2_900, isVisit: false, diagnoses: ["M545", "M25561", "M1711"]),
        Procedure(code: "97140", chargeCents: 9_000, allowedCents: 2_700, isVisit: false, diagnoses: ["M545", "M542"]),
        Procedure(code: "97530", chargeCents: 9_500, allowedCents: 3_000, isVisit: false, diagnoses: ["M25561", "R262"]),
    ]
}

/// What an adjustment (a CAS group and CARC) means for the figures, as KPIS.md section 3 defines it.
public enum AdjustmentKind: Sendable, Hashable {
    /// Group CO with a CARC of the contractual set: the payer's contracted discount.
    case contractual
    /// Group PR: owed by the patient (deductible, coinsurance, copay, others).
    case patient
    /// Everything else, with its category for cause reports.
    case denial(DenialCategory)

    /// CARCs that are contractual under group CO.
    public static let contractualReasons: Set<String> = ["42", "45", "59", "94", "131", "144", "253"]

    /// The kind of an adjustment with group `group` (CO, PR, OA, PI, CR) and reason `reason` (a CARC).
    public static func of(group: String, reason: String) -> AdjustmentKind {
        if group == "PR" { return .patient }
        if group == "CO", contractualReasons.contains(reason) { return .contractual }
        return .denial(DenialCategory.of(reason: reason))
    }
}

/// The cause categories of denial adjustments (KPIS.md section 3). Ours, not X12's: the official
/// code descriptions are loaded from a file the user supplies.
public enum DenialCategory: String, Sendable, Hashable, CaseIterable, Codable {
    case eligibility
    case authorization
    case coding
    case medicalNecessity = "medical_necessity"
    case timelyFiling = "timely_filing"
    case duplicate
    case nonCovered = "non_covered"
    case bundling
    case missingInformation = "missing_information"
    case coordinationOfBenefits = "coordination_of_benefits"
    case other

    /// The CARCs of each category; a code in none of them is `other`.
    public static let reasons: [DenialCategory: Set<String>] = [
        .eligibility: ["26", "27", "31", "32", "33", "109", "140", "177"],
        .authorization: ["15", "39", "62", "197", "198"],
        .coding: ["4", "5", "6", "7", "8", "9", "10", "11", "12", "146", "181", "182", "189", "199", "236"],
        .medicalNecessity: ["50", "55", "56", "150", "151", "167"],
        .timelyFiling: ["29"],
        .duplicate: ["18"],
        .nonCovered: ["49", "58", "96", "119", "170", "204"],
        .bundling: ["97", "234"],
        .missingInformation: ["16", "226", "227", "251", "252"],
        .coordinationOfBenefits: ["22", "23", "24"],
    ]

    private static let byReason: [String: DenialCategory] = {
        var map: [String: DenialCategory] = [:]
        for (category, codes) in reasons { for code in codes { map[code] = category } }
        return map
    }()

    /// The category of a CARC.
    public static func of(reason: String) -> DenialCategory { byReason[reason] ?? .other }

    /// The category of a primary reason written `GROUP-CARC`; `none` (no denial adjustment) is `other`.
    public static func of(primaryReason: String) -> DenialCategory {
        guard let dash = primaryReason.firstIndex(of: "-") else { return .other }
        return of(reason: String(primaryReason[primaryReason.index(after: dash)...]))
    }
}

extension Adjustment {
    /// What this adjustment means for the figures.
    public var kind: AdjustmentKind { AdjustmentKind.of(group: group, reason: reason) }
}

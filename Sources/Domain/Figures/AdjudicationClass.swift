/// How an adjudication counts (KPIS.md section 2).
public enum AdjudicationClass: String, Sendable, Hashable, Codable {
    /// CLP02 = 22: its negative amounts cancel an earlier adjudication; summed as they are.
    case reversal
    /// CLP02 = 25 (predetermination): in no figure.
    case excluded
    /// CLP02 = 4, or a processed status with nothing paid and nothing owed by the patient.
    case denial
    /// Processed (CLP02 1, 2, 3, 19, 20, 21) with a payment or a patient responsibility.
    case processed
    /// Any other status: summed in payments and adjustments, never a first adjudication.
    case other

    /// Statuses that are processed claims (primary, secondary, tertiary; forwarded or not).
    public static let processedStatuses: Set<String> = ["1", "2", "3", "19", "20", "21"]

    /// The class of an adjudication with status CLP02, payment CLP04 and patient responsibility CLP05.
    public static func of(status: String, paid: Money, patientResponsibility: Money) -> AdjudicationClass {
        switch status {
        case "22": return .reversal
        case "25": return .excluded
        case "4": return .denial
        case _ where processedStatuses.contains(status):
            return paid == .zero && patientResponsibility == .zero ? .denial : .processed
        default: return .other
        }
    }

    /// Whether an adjudication of this class can be a claim's first adjudication.
    public var canBeFirst: Bool { self == .denial || self == .processed }
}

/// The primary reason of a denial (KPIS.md section 3): the denial adjustment with the largest
/// amount on the adjudication, claim and line level together, ties going to the lowest
/// `GROUP-CARC`. Adjustments with the same group and CARC (on several lines, say) are added up
/// first. `nil` when the adjudication has no denial adjustment (reported as `none`).
public enum PrimaryReason {
    /// The text used for a denial without a denial adjustment.
    public static let none = "none"

    /// The primary reason among `adjustments`, as `GROUP-CARC`.
    public static func of(_ adjustments: [Adjustment]) -> String? {
        // Most adjudications carry no denial adjustment at all: answer those without allocating.
        guard adjustments.contains(where: { if case .denial = $0.kind { true } else { false } }) else { return nil }
        var totals: [(key: String, amount: Money)] = []
        for adjustment in adjustments {
            guard case .denial = adjustment.kind else { continue }
            let key = adjustment.key
            if let index = totals.firstIndex(where: { $0.key == key }) {
                totals[index].amount += adjustment.amount
            } else {
                totals.append((key, adjustment.amount))
            }
        }
        return totals.min { lhs, rhs in
            lhs.amount != rhs.amount ? lhs.amount > rhs.amount : lhs.key < rhs.key
        }?.key
    }
}

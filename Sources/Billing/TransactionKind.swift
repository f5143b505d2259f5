import X12

/// Which billing transaction set a transaction is, told apart by ST01 and the implementation
/// version. ST03 names the implementation guide of this transaction; GS08 only that of its group
/// (senders get it wrong, and 4010 has no ST03), so ST03 wins and GS08 is the fallback.
public enum TransactionKind: String, Sendable, Equatable, Codable, CaseIterable {
    /// Health care claim payment/advice (835).
    case remittance835 = "835"
    /// Professional claim (837P, 005010X222).
    case professional837 = "837P"
    /// Institutional claim (837I, 005010X223).
    case institutional837 = "837I"
    /// Claim acknowledgment (277CA, 005010X214).
    case acknowledgment277CA = "277CA"

    /// The result of classifying one transaction: its kind, its version, and what was doubtful.
    public struct Classification: Sendable, Equatable {
        /// The kind, or `nil` when the transaction is not one Sightline reads.
        public var kind: TransactionKind?
        /// The implementation version used (`005010X221A1`, `004010X091A1`, …), when known.
        public var version: String?
        /// Doubts found on the way (GS08 disagreeing with ST03, an old 4010 version, guessing).
        public var diagnostics: [Diagnostic]
    }

    /// Classifies a transaction from ST01, ST03 and the enclosing GS08 (any may be empty).
    public static func classify(st01: String, st03: String?, gs08: String?) -> Classification {
        let st03 = st03?.trimmingSpaces.nilIfEmpty
        let gs08 = gs08?.trimmingSpaces.nilIfEmpty
        let version = st03 ?? gs08
        var diagnostics: [Diagnostic] = []
        if let st03, let gs08, st03.uppercased() != gs08.uppercased() {
            diagnostics.append(
                Diagnostic(.note, "ST03 version \(st03) differs from GS08 \(gs08); ST03 is used", segmentID: "ST", element: 3))
        }
        let guide = version?.uppercased() ?? ""
        if guide.hasPrefix("004010") {
            diagnostics.append(
                Diagnostic(.warning, "version \(guide) is 4010, retired in 2012; read as far as it matches 5010", segmentID: "ST"))
        }
        let kind: TransactionKind?
        switch st01.trimmingSpaces {
        case "835": kind = .remittance835
        case "277":
            kind = guide.contains("X214") || guide.isEmpty ? .acknowledgment277CA : nil
            if kind == nil {
                diagnostics.append(
                    Diagnostic(
                        .warning, "277 with version \(guide) is not a claim acknowledgment (005010X214); skipped", segmentID: "ST",
                        element: 1))
            }
        case "837":
            if guide.contains("X223") || guide.contains("X096") {
                kind = .institutional837
            } else if guide.contains("X222") || guide.contains("X098") {
                kind = .professional837
            } else {
                kind = nil
                diagnostics.append(
                    Diagnostic(
                        .error, "837 version '\(guide)' names neither the professional (X222) nor the institutional (X223) guide",
                        segmentID: "ST", element: 3))
            }
        default:
            kind = nil
            diagnostics.append(
                Diagnostic(
                    .warning, "transaction set \(st01.trimmingSpaces) is not one Sightline reads (835, 837, 277CA); skipped",
                    segmentID: "ST", element: 1))
        }
        return Classification(kind: kind, version: version, diagnostics: diagnostics)
    }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}

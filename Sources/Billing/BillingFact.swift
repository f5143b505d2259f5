import Domain
import X12

/// What a billing file says, fact by fact, in file order.
public enum BillingFact: Sendable {
    /// A transaction Sightline reads begins.
    case transactionStarted(TransactionKind, TransactionHeader, version: String)
    /// Who the transaction says the practice is: an 837's billing provider (2010AA, sent before
    /// that provider's claims) or an 835's payee (1000B, sent before the payment header).
    case party(BillingParty)
    /// The payment header of an 835 transaction (sent before its first claim).
    case remittance(Remittance)
    /// One 835 claim (CLP) with its adjustments and lines.
    case adjudication(Adjudication, segmentIndex: Int)
    /// One PLB adjustment.
    case providerAdjustment(ProviderAdjustment)
    /// One 837 claim (CLM) with its lines.
    case claim(ClaimSubmission, segmentIndex: Int)
    /// One 277CA claim status.
    case acknowledgment(ClaimAcknowledgment, segmentIndex: Int)
    /// Patient identifiers of a claim, kept apart from the billing facts.
    case patient(PatientIdentity)
    /// A patient payment row of a CSV file.
    case patientPayment(PatientPayment, line: Int)
    /// The transaction ended (SE).
    case transactionEnded(TransactionKind, TransactionHeader)
}

/// Reads one transaction's segments into facts.
protocol TransactionMapper {
    mutating func read(_ segment: Segment, diagnostics: inout [Diagnostic], _ emit: (BillingFact) throws -> Void) rethrows
    mutating func finish(diagnostics: inout [Diagnostic], _ emit: (BillingFact) throws -> Void) rethrows
}

extension Segment {
    /// Element `position` as money: empty is `nil`; text that is not a number is reported.
    func money(_ position: Int, _ diagnostics: inout [Diagnostic]) -> Money? {
        var rounded = false
        var empty = false
        let parsed = withElement(position) { raw -> Money? in
            empty = raw.isEmpty
            return empty ? nil : Money(x12: raw, rounded: &rounded)
        }
        guard !empty else { return nil }
        guard let value = parsed else {
            diagnostics.append(
                Diagnostic(
                    .error, "\(id)\(position < 10 ? "0" : "")\(position) is not an amount (a number of at most 10,000,000,000.00)",
                    segmentIndex: index, segmentID: id.description, element: position))
            return nil
        }
        if rounded {
            diagnostics.append(
                Diagnostic(
                    .warning, "\(id)\(position < 10 ? "0" : "")\(position) has more than two decimals; rounded to cents",
                    segmentIndex: index, segmentID: id.description, element: position))
        }
        return value
    }

    /// Element `position` as a CCYYMMDD date; a malformed one is reported, an empty one is `nil`.
    /// An RD8 range (`20260101-20260105`) gives its first date.
    func date(_ position: Int, _ diagnostics: inout [Diagnostic]) -> CalendarDate? {
        var empty = false
        let parsed = withElement(position) { raw -> CalendarDate? in
            empty = raw.isEmpty
            return empty ? nil : CalendarDate(digits: raw.prefix { $0 != UInt8(ascii: "-") })
        }
        guard !empty else { return nil }
        guard let date = parsed else {
            diagnostics.append(
                Diagnostic(
                    .warning, "\(id)\(position < 10 ? "0" : "")\(position) is not a valid date", segmentIndex: index,
                    segmentID: id.description, element: position))
            return nil
        }
        return date
    }
}

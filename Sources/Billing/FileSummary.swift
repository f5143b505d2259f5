import Domain
import X12

/// What `sightline inspect` reports for one file: counts and sums straight from the segments.
public struct FileSummary: Sendable, Equatable {
    /// The file's kind (of its first transaction Sightline reads), `nil` when it has none.
    public var kind: TransactionKind?
    /// The implementation version of its first transaction.
    public var version: String = ""
    /// ISA segments.
    public var interchanges = 0
    /// ST segments.
    public var transactions = 0
    /// CLP (835) or CLM (837) segments; 277CA claim statuses.
    public var claims = 0
    /// SVC (835) or SV1/SV2 (837) segments.
    public var serviceLines = 0
    /// Σ CLP03 (835) or Σ CLM02 (837).
    public var totalCharge = Money.zero
    /// Σ CLP04.
    public var totalPaid = Money.zero
    /// Σ CLP05.
    public var totalPatientResponsibility = Money.zero
    /// CLP02 → number of claims (835); STC01-1 → number of claims (277CA).
    public var statusCounts: [String: Int] = [:]
    /// CAS group → Σ amount, claim and line level.
    public var adjustmentsByGroup: [String: Money] {
        byReason.reduce(into: [:]) { $0[$1.key.group, default: .zero] += $1.value }
    }
    /// `GROUP-CARC` → Σ amount.
    public var adjustmentsByReason: [String: Money] {
        byReason.reduce(into: [:]) { $0[$1.key.group + "-" + $1.key.reason, default: .zero] += $1.value }
    }
    /// Sums kept per (group, reason) while reading; strings are built only for the report.
    private var byReason: [ReasonKey: Money] = [:]

    private struct ReasonKey: Hashable, Sendable {
        let group: String
        let reason: String
    }
    /// Σ PLB amounts as signed.
    public var plbTotal = Money.zero
    /// Σ BPR02.
    public var paymentTotal = Money.zero
    /// Every 835 transaction has BPR02 = Σ CLP04 − Σ PLB.
    public var balanced = true
    /// Everything the reader noticed.
    public var diagnostics: [Diagnostic] = []

    private var transactionPaid = Money.zero
    private var transactionPLB = Money.zero
    private var transactionPayment = Money.zero

    /// An empty summary.
    public init() {}

    /// Reads a whole file given as chunks (of any size) into a summary.
    public static func read(_ chunks: some Sequence<some Collection<UInt8>>) -> FileSummary {
        var reader = BillingReader()
        var summary = FileSummary()
        for chunk in chunks { reader.feed(chunk) { summary.add($0) } }
        reader.finish { summary.add($0) }
        summary.finish(reader)
        return summary
    }

    /// Folds one fact in.
    public mutating func add(_ fact: BillingFact) {
        switch fact {
        case .transactionStarted(let kind, _, let version):
            if self.kind == nil {
                self.kind = kind
                self.version = version
            }
            transactionPaid = .zero
            transactionPLB = .zero
            transactionPayment = .zero
        case .remittance(let remittance):
            paymentTotal += remittance.paymentAmount
            transactionPayment = remittance.paymentAmount
        case .adjudication(let adjudication, _):
            claims += 1
            serviceLines += adjudication.lines.count
            totalCharge += adjudication.charge
            totalPaid += adjudication.paid
            transactionPaid += adjudication.paid
            totalPatientResponsibility += adjudication.patientResponsibility
            statusCounts[adjudication.status, default: 0] += 1
            for adjustment in adjudication.adjustments {
                byReason[ReasonKey(group: adjustment.group, reason: adjustment.reason), default: .zero] += adjustment.amount
            }
        case .providerAdjustment(let adjustment):
            plbTotal += adjustment.amount
            transactionPLB += adjustment.amount
        case .claim(let claim, _):
            claims += 1
            serviceLines += claim.lines.count
            totalCharge += claim.charge
        case .acknowledgment(let acknowledgment, _):
            claims += 1
            statusCounts[acknowledgment.category, default: 0] += 1
        case .patient, .party:
            break
        case .patientPayment(let payment, _):
            claims += 1
            totalPaid += payment.amount
        case .transactionEnded(let kind, _):
            if kind == .remittance835, transactionPayment != transactionPaid - transactionPLB { balanced = false }
        }
    }

    /// Takes the reader's envelope counts and diagnostics once the file is read.
    public mutating func finish(_ reader: BillingReader) {
        interchanges = reader.interchangeCount
        transactions = reader.transactionCount
        diagnostics = reader.diagnostics
        if reader.kinds.count > 1 {
            diagnostics.append(
                Diagnostic(.warning, "the file mixes transaction kinds: \(reader.kinds.map(\.rawValue).joined(separator: ", "))"))
        }
    }
}

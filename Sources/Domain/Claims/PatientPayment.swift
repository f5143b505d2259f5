/// A payment a patient made toward a claim (from a practice's CSV export).
public struct PatientPayment: Sendable, Equatable {
    /// The claim's patient control number (CLM01).
    public var patientControlNumber: String
    /// When it was paid.
    public var date: CalendarDate
    /// How much; negative for a refund.
    public var amount: Money

    /// Creates a payment.
    public init(patientControlNumber: String, date: CalendarDate, amount: Money) {
        self.patientControlNumber = patientControlNumber
        self.date = date
        self.amount = amount
    }
}

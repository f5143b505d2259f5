import Domain

/// The patient payments of the run, kept compactly (16 bytes each) until the end, then written as
/// the CSV Sightline imports: `claim_id,date,amount`, ISO dates, two decimals, in date order.
struct PatientPaymentLedger {
    private struct Entry {
        var day: Int32
        var sequence: Int32
        var cents: Int64
    }

    private var entries: [Entry] = []

    /// Payments recorded so far.
    var count: Int { entries.count }

    /// The CSV's first line.
    static let header = "claim_id,date,amount\n"

    /// Records that the patient of claim `sequence` paid `amount` on `day`.
    mutating func record(sequence: Int, day: Day, amount: Money) {
        guard amount > .zero else { return }
        entries.append(Entry(day: Int32(day.number), sequence: Int32(sequence), cents: amount.cents))
    }

    /// The CSV in chunks of about `chunkBytes` bytes, header first.
    func write(chunkBytes: Int, _ emit: ([UInt8]) throws -> Void) rethrows {
        let sorted = entries.sorted { ($0.day, $0.sequence) < ($1.day, $1.sequence) }
        var chunk = Array(Self.header.utf8)
        for entry in sorted {
            let row =
                ClaimPlan.patientControlNumber(Int(entry.sequence)) + "," + Day(Int(entry.day)).iso + ","
                + Money(cents: entry.cents).description + "\n"
            chunk.append(contentsOf: row.utf8)
            if chunk.count >= chunkBytes { try emit(chunk); chunk = [] }
        }
        if !chunk.isEmpty { try emit(chunk) }
    }
}

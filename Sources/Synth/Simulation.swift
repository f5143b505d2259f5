import Domain

/// One synthetic run, day by day: each day the clearinghouse acknowledges yesterday's 837, the
/// practice sends today's (new claims and whatever is due again), and the payers whose weekday it
/// is send their payment runs; at the end the patient payments. Files are written one after the
/// other, each in chunks of about ``chunkBytes``.
struct Simulation {
    /// About how many bytes go to the sink at a time.
    static let chunkBytes = 1 << 16

    let configuration: SynthConfiguration
    let practice = Practice()
    let start: Day
    let end: Day
    let panelSize: Int
    var schedule: Schedule
    var summary = SynthSummary()
    var ledger = PatientPaymentLedger()
    var nextSequence = 1
    var nextControl = 1
    /// Yesterday's 837, for today's 277CA.
    var unacknowledged: (day: Day, items: [AcknowledgmentFileWriter.Item])?
    /// Per payer: a negative balance forwarded from an earlier run (PLB FB), with its reference.
    var forwardBalance: [(amount: Money, reference: String)?]
    /// Per payer: the last claim it paid, which an overpayment recovery (PLB WO) may point at.
    var lastPaid: [(claimNumber: String, amount: Money)?]

    init(_ configuration: SynthConfiguration) {
        self.configuration = configuration
        start = Day(configuration.start)
        let months = min(max(configuration.months, 0), SynthConfiguration.maximumMonths)
        end = Day.adding(months: months, to: configuration.start)
        let claimsPerDay = min(max(configuration.claimsPerDay, 1), SynthConfiguration.maximumClaimsPerDay)
        panelSize = Patient.panelSize(claimsPerDay: claimsPerDay)
        schedule = Schedule(start: start, days: start.distance(to: end), payers: Payer.all.count)
        forwardBalance = Array(repeating: nil, count: Payer.all.count)
        lastPaid = Array(repeating: nil, count: Payer.all.count)
    }

    /// Runs every day and writes every file.
    mutating func run(_ sink: (SynthFile, [UInt8]) throws -> Void) rethrows {
        var day = start
        while day < end {
            try acknowledge(on: day, sink)
            if day.isBusinessDay { summary.businessDays += 1 }
            try submitClaims(on: day, sink)
            for payer in Payer.all.indices where Payer.all[payer].runWeekday == day.weekday {
                try pay(payer, on: day, sink)
            }
            day = day + 1
        }
        summary.outstanding = schedule.outstanding
        summary.patientPayments = ledger.count
        let file = SynthFile(name: "patient-payments.csv", kind: .patientPayments, date: nil)
        summary.files[file.kind, default: 0] += 1
        try ledger.write(chunkBytes: Self.chunkBytes) { try emit(file, $0, sink) }
    }

    /// The demo's story, when the configuration asks for it.
    var story: ClaimPlan.Story? { configuration.story ? ClaimPlan.Story(end: end) : nil }

    /// The claim drawn from its number and first submission day.
    func plan(_ sequence: Int32, _ firstSubmitted: Int32) -> ClaimPlan {
        ClaimPlan(
            sequence: Int(sequence), submitted: Day(Int(firstSubmitted)), seed: configuration.seed, practice: practice,
            panelSize: panelSize, story: story, extraLines: configuration.extraLines, worked: configuration.workedBilling)
    }

    /// A file's name and kind, counted as started.
    mutating func open(_ name: String, _ kind: SynthFile.Kind, _ day: Day) -> SynthFile {
        summary.files[kind, default: 0] += 1
        return SynthFile(name: name, kind: kind, date: day.calendarDate)
    }

    /// Hands `bytes` to the sink, counting them.
    mutating func emit(_ file: SynthFile, _ bytes: [UInt8], _ sink: (SynthFile, [UInt8]) throws -> Void) rethrows {
        guard !bytes.isEmpty else { return }
        summary.bytes[file.kind, default: 0] += bytes.count
        try sink(file, bytes)
    }

    /// Hands over what `writer` holds once it is past the chunk size.
    mutating func flush(_ writer: inout SegmentWriter, _ file: SynthFile, _ sink: (SynthFile, [UInt8]) throws -> Void) rethrows {
        if writer.bytes.count >= Self.chunkBytes { try emit(file, writer.take(), sink) }
    }

    /// The next interchange control number (ISA13, GS06), unique across the run.
    mutating func takeControlNumber() -> Int {
        defer { nextControl += 1 }
        return nextControl
    }

    /// ISA10 / GS05 time for a file of `kind` dated `day`, within `hour`.
    func time(_ day: Day, _ kind: SynthFile.Kind, hour: Int) -> String {
        let index = UInt64(bitPattern: Int64(day.number)) << 3 | UInt64(kind.hashSalt)
        var random = SynthRandom(seed: configuration.seed, stream: .day, index: index)
        return Day.pad(hour, 2) + Day.pad(random.below(60), 2)
    }
}

extension SynthFile.Kind {
    /// A small stable number per kind, to give each kind's files their own random stream.
    fileprivate var hashSalt: Int {
        switch self {
        case .claims837P: 1
        case .acknowledgment277CA: 2
        case .remittance835: 3
        case .patientPayments: 4
        }
    }
}

import Domain
import X12

/// Reads the two CSV layouts Sightline accepts, told apart by their header line:
/// - patient payments: `claim_id,date,amount`;
/// - a practice-management export of claims and remittance lines, for practices without EDI:
///   `record_type,claim_id,date,payer_id,payer_name,location,provider,procedure,charge,paid,patient_responsibility,status,adjustments`
///   (see `docs/csv-formats.md`).
/// Problems are diagnostics whose `segmentIndex` is the one-based line number.
public struct CSVBillingReader: Sendable {
    /// Which layout the header named.
    public enum Layout: String, Sendable {
        /// `claim_id,date,amount`.
        case patientPayments = "patient-payments-csv"
        /// Claims and remittance lines from a practice-management system.
        case practiceExport = "practice-export-csv"
    }

    /// The patient-payments header.
    public static let patientPaymentsHeader = ["claim_id", "date", "amount"]
    /// The practice-export header.
    public static let practiceExportHeader = [
        "record_type", "claim_id", "date", "payer_id", "payer_name", "location", "provider",
        "procedure", "charge", "paid", "patient_responsibility", "status", "adjustments",
    ]

    /// The layout, once the header was read.
    public private(set) var layout: Layout?
    /// Problems found so far.
    public private(set) var diagnostics: [Diagnostic] = []
    /// Data rows read.
    public private(set) var rows = 0

    private var rowReader = CSVRowReader()
    private var sawHeader = false
    private var lastRemittance: (payer: String, date: CalendarDate)?

    /// A reader at the start of a file.
    public init() {}

    /// Whether these first bytes look like one of the CSV layouts (a header, not X12).
    public static func looksLikeCSV(_ prefix: some Collection<UInt8>) -> Bool {
        let text = String(decoding: prefix.prefix(512), as: UTF8.self).lowercased()
        let firstLine = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? text
        let cleaned = firstLine.replacingBOM
        return cleaned.hasPrefix("claim_id,") || cleaned.hasPrefix("record_type,")
    }

    /// Feeds the next bytes.
    public mutating func feed(_ chunk: some Collection<UInt8>, _ emit: (BillingFact) throws -> Void) rethrows {
        try feed(chunk, sourced: { fact, _ in try emit(fact) })
    }

    /// Feeds the next bytes, handing each fact over with its line as read (fields re-joined).
    public mutating func feed(_ chunk: some Collection<UInt8>, sourced emit: (BillingFact, String?) throws -> Void) rethrows {
        var pending: [([String], Int)] = []
        rowReader.feed(chunk) { pending.append(($0, $1)) }
        for (fields, line) in pending { try read(fields, line: line) { fact in try emit(fact, Self.line(fields)) } }
        if rowReader.tooLong, !diagnostics.contains(where: { $0.message.contains("longer than") }) {
            diagnostics.append(
                Diagnostic(
                    .error, "line \(rowReader.line) is longer than \(CSVRowReader.maximumRowBytes) bytes: not a CSV export",
                    segmentIndex: rowReader.line))
        }
    }

    /// Ends the file.
    public mutating func finish(_ emit: (BillingFact) throws -> Void) rethrows {
        try finish(sourced: { fact, _ in try emit(fact) })
    }

    /// Ends the file, handing facts over with their lines.
    public mutating func finish(sourced emit: (BillingFact, String?) throws -> Void) rethrows {
        var pending: [([String], Int)] = []
        rowReader.finish { pending.append(($0, $1)) }
        for (fields, line) in pending { try read(fields, line: line) { fact in try emit(fact, Self.line(fields)) } }
        if rowReader.unterminatedQuote {
            diagnostics.append(Diagnostic(.error, "the file ends inside a quoted field (a \" is not closed)", segmentIndex: rowReader.line))
        }
        if !sawHeader { diagnostics.append(Diagnostic(.error, "the CSV file is empty")) }
    }

    /// A row written back as a CSV line, quoting fields that need it.
    static func line(_ fields: [String]) -> String {
        fields.map { field in
            guard field.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return field }
            var quoted = "\""
            for character in field {
                if character == "\"" { quoted.append("\"") }
                quoted.append(character)
            }
            return quoted + "\""
        }.joined(separator: ",")
    }

    private mutating func read(_ fields: [String], line: Int, _ emit: (BillingFact) throws -> Void) rethrows {
        guard sawHeader else {
            sawHeader = true
            let header = fields.map { $0.replacingBOM.trimmingSpaces.lowercased() }
            if header == Self.patientPaymentsHeader {
                layout = .patientPayments
            } else if header == Self.practiceExportHeader {
                layout = .practiceExport
            } else {
                diagnostics.append(
                    Diagnostic(
                        .error,
                        "line 1: the header is not one Sightline reads; expected '\(Self.patientPaymentsHeader.joined(separator: ","))' or '\(Self.practiceExportHeader.joined(separator: ","))'",
                        segmentIndex: 1))
            }
            return
        }
        guard let layout else { return }
        rows += 1
        let columns = layout == .patientPayments ? Self.patientPaymentsHeader : Self.practiceExportHeader
        for (index, field) in fields.enumerated() {
            if let refusal = PlainText.lineRefusal(in: field) {
                error(line, "column \(index < columns.count ? columns[index] : String(index + 1)) \(refusal.description)")
                return
            }
        }
        switch layout {
        case .patientPayments: try readPayment(fields, line: line, emit)
        case .practiceExport: try readExport(fields, line: line, emit)
        }
    }

    private mutating func readPayment(_ fields: [String], line: Int, _ emit: (BillingFact) throws -> Void) rethrows {
        guard fields.count == 3 else { return error(line, "has \(fields.count) fields; expected 3 (claim_id,date,amount)") }
        let claim = fields[0].trimmingSpaces
        guard !claim.isEmpty else { return error(line, "claim_id is empty") }
        guard let date = CalendarDate(fields[1].trimmingSpaces), fields[1].contains("-") else {
            return error(line, "date is not an ISO date (YYYY-MM-DD)")
        }
        guard let amount = Money(fields[2].trimmingSpaces) else { return error(line, "amount is not a number such as 25.00") }
        try emit(.patientPayment(PatientPayment(patientControlNumber: claim, date: date, amount: amount), line: line))
    }

    private mutating func readExport(_ fields: [String], line: Int, _ emit: (BillingFact) throws -> Void) rethrows {
        guard fields.count == Self.practiceExportHeader.count else {
            return error(line, "has \(fields.count) fields; expected \(Self.practiceExportHeader.count)")
        }
        let value = { (name: String) -> String in
            fields[Self.practiceExportHeader.firstIndex(of: name) ?? 0].trimmingSpaces
        }
        let claimID = value("claim_id")
        guard !claimID.isEmpty else { return error(line, "claim_id is empty") }
        guard let date = CalendarDate(value("date")), value("date").contains("-") else {
            return error(line, "date is not an ISO date (YYYY-MM-DD)")
        }
        guard let charge = Money(value("charge")) else { return error(line, "charge is not a number") }
        switch value("record_type").lowercased() {
        case "claim":
            let procedure = value("procedure")
            try emit(
                .claim(
                    ClaimSubmission(
                        form: .professional, patientControlNumber: claimID, charge: charge, submissionDate: date, serviceDate: date,
                        payerID: value("payer_id"), payerName: value("payer_name"), billingProviderID: value("location"),
                        renderingProviderID: value("provider").isEmpty ? nil : value("provider"),
                        serviceFacilityID: value("location").isEmpty ? nil : value("location"),
                        lines: [ClaimSubmission.Line(procedure: procedure, charge: charge, units: "1", serviceDate: date)]),
                    segmentIndex: line))
        case "remittance":
            guard let paid = Money(value("paid").isEmpty ? "0" : value("paid")) else { return error(line, "paid is not a number") }
            guard let patient = Money(value("patient_responsibility").isEmpty ? "0" : value("patient_responsibility")) else {
                return error(line, "patient_responsibility is not a number")
            }
            let status = value("status")
            guard !status.isEmpty, status.allSatisfy(\.isNumber) else {
                return error(line, "status is not a claim status code (1, 2, 4, 22, …)")
            }
            var adjustments: [Adjustment] = []
            for entry in value("adjustments").split(separator: ";") where !String(entry).trimmingSpaces.isEmpty {
                let parts = entry.split(separator: "=", maxSplits: 1)
                let key = parts.first.map { String($0).trimmingSpaces } ?? ""
                let codes = key.split(separator: "-", maxSplits: 1)
                guard parts.count == 2, codes.count == 2, let amount = Money(String(parts[1]).trimmingSpaces) else {
                    return error(line, "adjustments must read GROUP-CARC=amount;… (for example CO-45=50.00;PR-1=20.00)")
                }
                adjustments.append(
                    Adjustment(group: String(codes[0]).uppercased(), reason: String(codes[1]).uppercased(), amount: amount, level: .claim))
            }
            let payer = value("payer_id")
            if lastRemittance?.payer != payer || lastRemittance?.date != date {
                lastRemittance = (payer, date)
                try emit(.remittance(Remittance(handling: "I", paymentDate: date, payerID: payer, payerName: value("payer_name"))))
            }
            try emit(
                .adjudication(
                    Adjudication(
                        patientControlNumber: claimID, status: status, charge: charge, paid: paid, patientResponsibility: patient,
                        adjustments: adjustments), segmentIndex: line))
        default:
            error(line, "record_type must be claim or remittance")
        }
    }

    private mutating func error(_ line: Int, _ message: String) {
        diagnostics.append(Diagnostic(.error, "line \(line): \(message)", segmentIndex: line))
    }
}

import Billing
import Domain
import Foundation
import SQLKit

/// Turns facts into rows of the billing tables for one file, batching them.
struct FactRows {
    let practice: Cell
    let file: Cell
    var claims = RowBatch(
        table: "claim_submissions",
        columns: [
            "practice_id", "file_id", "position", "segment_index", "patient_control_number", "form", "charge_cents", "facility_code",
            "frequency", "submission_date", "service_date", "payer_id", "payer_name", "billing_provider_id", "location", "provider",
            "procedure", "original_reference", "lines", "source",
        ])
    var remittances = RowBatch(
        table: "remittances",
        columns: [
            "practice_id", "file_id", "position", "handling", "payment_cents", "payment_method", "payment_date", "trace_number",
            "payer_id", "payer_name", "payee_id",
        ])
    var adjudications = RowBatch(
        table: "adjudications",
        columns: [
            "practice_id", "file_id", "remittance_position", "position", "segment_index", "patient_control_number", "status",
            "charge_cents", "paid_cents", "patient_responsibility_cents", "payer_claim_number", "payment_date", "payer_id",
            "adjustments", "remarks", "lines", "source",
        ])
    var providerAdjustments = RowBatch(
        table: "provider_adjustments",
        columns: [
            "practice_id", "file_id", "remittance_position", "provider_id", "fiscal_period_end", "reason", "reference", "amount_cents",
        ])
    var acknowledgments = RowBatch(
        table: "claim_acknowledgments",
        columns: [
            "practice_id", "file_id", "position", "patient_control_number", "category", "status_code", "status_date", "payer_claim_number",
            "source",
        ])
    var payments = RowBatch(
        table: "patient_payments",
        columns: [
            "practice_id", "file_id", "position", "patient_control_number", "payment_date", "amount_cents", "source",
        ])
    var patients = RowBatch(
        table: "patient_identities",
        columns: [
            "practice_id", "file_id", "patient_control_number", "last_name", "first_name", "member_id", "birth_date", "address",
        ])

    /// Position of the last claim-level fact in the file.
    private(set) var position = 0
    private var remittancePosition = 0
    /// The 835 header the adjudications read now belong to.
    private(set) var remittance = Remittance()

    /// Seals the patient identifiers before they are written.
    private let keys: DataKeyRing
    /// Why a patient's identifiers could not be sealed; the import fails when it takes the rows.
    private var sealingFailure: (any Error)?

    init(practiceID: UUID, fileID: UUID, keys: DataKeyRing) {
        self.practice = .id(practiceID)
        self.file = .id(fileID)
        self.keys = keys
    }

    /// Adds a fact's rows, with the raw segments it was read from; returns whether some batch is
    /// full and should be flushed.
    mutating func add(_ fact: BillingFact, source: String? = nil) -> Bool {
        switch fact {
        case .transactionStarted, .transactionEnded, .party:
            return false
        case .remittance(let header):
            remittancePosition += 1
            remittance = header
            remittances.append([
                practice, file, .int(Int64(remittancePosition)), .text(header.handling), .int(header.paymentAmount.cents),
                .text(header.paymentMethod), .optionalText(header.paymentDate?.description), .text(header.traceNumber),
                .text(header.payerID), .text(header.payerName), .text(header.payeeID),
            ])
            return remittances.isFull
        case .adjudication(let claim, let segmentIndex):
            position += 1
            adjudications.append([
                practice, file, .int(Int64(remittancePosition)), .int(Int64(position)), .int(Int64(segmentIndex)),
                .text(claim.patientControlNumber), .text(claim.status), .int(claim.charge.cents), .int(claim.paid.cents),
                .int(claim.patientResponsibility.cents), .text(claim.payerClaimNumber), .optionalText(remittance.paymentDate?.description),
                .text(remittance.payerID), .text(Self.encode(claim.adjustments)),
                .text(claim.remarks.map(Self.clean).joined(separator: ",")), .text(Self.encode(claim.lines)), .optionalText(source),
            ])
            return adjudications.isFull
        case .providerAdjustment(let adjustment):
            providerAdjustments.append([
                practice, file, .int(Int64(remittancePosition)), .text(adjustment.providerID),
                .optionalText(adjustment.fiscalPeriodEnd?.description), .text(adjustment.reason), .text(adjustment.reference),
                .int(adjustment.amount.cents),
            ])
            return providerAdjustments.isFull
        case .claim(let claim, let segmentIndex):
            position += 1
            claims.append([
                practice, file, .int(Int64(position)), .int(Int64(segmentIndex)), .text(claim.patientControlNumber),
                .text(claim.form.rawValue), .int(claim.charge.cents), .text(claim.facilityCode), .text(claim.frequency),
                .optionalText(claim.submissionDate?.description), .optionalText(claim.serviceDate?.description), .text(claim.payerID),
                .text(claim.payerName), .text(claim.billingProviderID), .text(claim.location), .text(claim.provider),
                .text(claim.procedure), .optionalText(claim.originalReference), .text(Self.encode(claim.lines)), .optionalText(source),
            ])
            return claims.isFull
        case .acknowledgment(let acknowledgment, _):
            position += 1
            acknowledgments.append([
                practice, file, .int(Int64(position)), .text(acknowledgment.patientControlNumber), .text(acknowledgment.category),
                .text(acknowledgment.statusCode), .optionalText(acknowledgment.date?.description), .text(acknowledgment.payerClaimNumber),
                .optionalText(source),
            ])
            return acknowledgments.isFull
        case .patientPayment(let payment, _):
            position += 1
            payments.append([
                practice, file, .int(Int64(position)), .text(payment.patientControlNumber), .text(payment.date.description),
                .int(payment.amount.cents), .optionalText(source),
            ])
            return payments.isFull
        case .patient(let identity):
            do {
                func sealed(_ text: String, _ column: String) throws -> Cell {
                    .text(try keys.seal(text, context: "patient_identities.\(column)"))
                }
                patients.append([
                    practice, file, .text(identity.patientControlNumber), try sealed(identity.lastName, "last_name"),
                    try sealed(identity.firstName, "first_name"), try sealed(identity.memberID, "member_id"),
                    .optionalText(try keys.seal(identity.birthDate?.description, context: "patient_identities.birth_date")),
                    try sealed(identity.address, "address"),
                ])
            } catch {
                sealingFailure = error
            }
            return patients.isFull
        }
    }

    private var batches: [WritableKeyPath<FactRows, RowBatch>] {
        [\.remittances, \.adjudications, \.providerAdjustments, \.claims, \.acknowledgments, \.payments, \.patients]
    }

    /// The rows of every full batch, leaving those batches empty.
    mutating func takeFull() throws -> [RowBatch.Rows] {
        if let sealingFailure { throw sealingFailure }
        return batches.compactMap { self[keyPath: $0].isFull ? self[keyPath: $0].take() : nil }
    }

    /// Every pending row.
    mutating func takeAll() throws -> [RowBatch.Rows] {
        if let sealingFailure { throw sealingFailure }
        return batches.compactMap { self[keyPath: $0].take() }
    }

    /// `C|CO|45|5000;L|PR|1|2000`: level, group, reason, cents.
    static func encode(_ adjustments: [Adjustment]) -> String {
        var text = ""
        text.reserveCapacity(adjustments.count * 16)
        for adjustment in adjustments {
            if !text.isEmpty { text += ";" }
            text += adjustment.level == .claim ? "C|" : "L|"
            text += clean(adjustment.group)
            text += "|"
            text += clean(adjustment.reason)
            text += "|"
            text += String(adjustment.amount.cents)
        }
        return text
    }

    /// `99213|15000|10000|1|2026-11-02`: procedure, charge, paid, units, service date.
    static func encode(_ lines: [Adjudication.Line]) -> String {
        var text = ""
        text.reserveCapacity(lines.count * 40)
        for line in lines {
            if !text.isEmpty { text += ";" }
            text += clean(line.procedure)
            text += "|"
            text += String(line.charge.cents)
            text += "|"
            text += String(line.paid.cents)
            text += "|"
            text += clean(line.units)
            text += "|"
            if let date = line.serviceDate { text += date.description }
        }
        return text
    }

    /// `99214|25+59|0450|15000|1|2026-11-02`: procedure, modifiers, revenue code, charge, units, service date.
    static func encode(_ lines: [ClaimSubmission.Line]) -> String {
        lines.map {
            "\(clean($0.procedure))|\($0.modifiers.map(clean).joined(separator: "+"))|\(clean($0.revenueCode))|\($0.charge.cents)|\(clean($0.units))|\($0.serviceDate?.description ?? "")"
        }.joined(separator: ";")
    }

    static func clean(_ text: String) -> String {
        let reserved: (UInt8) -> Bool = {
            $0 == UInt8(ascii: "|") || $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "+")
        }
        guard text.utf8.contains(where: reserved) else { return text }
        return String(decoding: text.utf8.filter { !reserved($0) }, as: UTF8.self)
    }
}

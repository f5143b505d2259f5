import Billing
import Domain
import FluentKit
import Foundation
import SQLKit

/// Gathers, while a file is read, the facts it brings to each claim (by patient control number),
/// ordered by the file's import sequence and the fact's position in the file.
struct ClaimFactCollector {
    let fileSequence: Int64
    private(set) var claims: [String: ClaimHistory] = [:]
    /// Names for the dimension keys seen (payer ids, billing provider ids), for labels.
    private(set) var labels: [KPIDimension: [String: String]] = [:]

    init(fileSequence: Int64) { self.fileSequence = fileSequence }

    /// Folds in one fact; `position` and `remittance` are those `FactRows` gave it.
    mutating func add(_ fact: BillingFact, position: Int, remittance: Remittance) {
        let order = FactOrder(file: fileSequence, position: Int64(position))
        switch fact {
        case .claim(let claim, _):
            let dimensions = KPIDimensions(payer: claim.payerID, location: claim.location, provider: claim.provider, procedure: claim.procedure)
            claims[claim.patientControlNumber, default: ClaimHistory()].submissions.append(
                .init(date: claim.submissionDate, frequency: claim.frequency, charge: claim.charge, dimensions: dimensions, order: order))
            label(.payer, claim.payerID, claim.payerName)
            label(.location, claim.billingProviderID, claim.billingProviderName)
            label(.provider, claim.billingProviderID, claim.billingProviderName)
        case .adjudication(let adjudication, _):
            claims[adjudication.patientControlNumber, default: ClaimHistory()].adjudications.append(
                .init(paymentDate: remittance.paymentDate, status: adjudication.status, charge: adjudication.charge, paid: adjudication.paid,
                      patientResponsibility: adjudication.patientResponsibility, adjustments: adjudication.adjustments,
                      payer: remittance.payerID, order: order))
        case .remittance(let header):
            label(.payer, header.payerID, header.payerName)
        case .acknowledgment(let acknowledgment, _):
            claims[acknowledgment.patientControlNumber, default: ClaimHistory()].acknowledgments.append(
                .init(category: acknowledgment.category, date: acknowledgment.date, order: order))
        case .patientPayment(let payment, _):
            claims[payment.patientControlNumber, default: ClaimHistory()].payments.append(.init(date: payment.date, amount: payment.amount))
        case .transactionStarted, .transactionEnded, .providerAdjustment, .patient:
            break
        }
    }

    private mutating func label(_ dimension: KPIDimension, _ key: String, _ name: String) {
        guard !key.isEmpty, !name.isEmpty else { return }
        labels[dimension, default: [:]][key] = name
    }
}

/// Keeps the claim states and the rollups in step with an import, inside its transaction: every
/// claim the file touches is worked out again from all its facts, and the difference between its
/// new and old contributions is added to the rollups.
enum KPIMaintenance {
    static let statesPerQuery = 500

    static func apply(_ collector: ClaimFactCollector, practiceID: UUID, on sql: any SQLDatabase) async throws {
        guard !collector.claims.isEmpty else { return }
        let existing = try await states(of: Array(collector.claims.keys), practiceID: practiceID, on: sql)
        var delta = KPIContributions()
        var rows: [RowBatch.Rows] = []
        var batch = RowBatch(table: "claim_states", columns: ["practice_id", "patient_control_number", "history"])
        let practice = Cell.id(practiceID)
        for (claim, facts) in collector.claims {
            var history = existing[claim] ?? ClaimHistory()
            if existing[claim] != nil { delta.add(history.contributions, sign: -1) }
            history.submissions += facts.submissions
            history.adjudications += facts.adjudications
            history.acknowledgments += facts.acknowledgments
            history.payments += facts.payments
            delta.add(history.contributions)
            batch.append([practice, .text(claim), .text(ClaimStateCodec.encode(history))])
            if batch.isFull, let full = batch.take() { rows.append(full) }
        }
        if let rest = batch.take() { rows.append(rest) }
        for states in rows { try await states.write(to: sql, onConflict: ["practice_id", "patient_control_number"], replacing: ["history"]) }
        try await KPIRollupTables.apply(delta, practiceID: practiceID, on: sql)
        try await saveLabels(collector.labels, practiceID: practiceID, on: sql)
    }

    /// The stored histories of `claims`; none are read when the practice has no claim yet.
    static func states(of claims: [String], practiceID: UUID, on sql: any SQLDatabase) async throws -> [String: ClaimHistory] {
        let any = try await sql.raw("SELECT 1 AS found FROM claim_states WHERE practice_id = \(bind: practiceID) LIMIT 1").all()
        guard !any.isEmpty else { return [:] }
        var found: [String: ClaimHistory] = [:]
        for start in stride(from: 0, to: claims.count, by: statesPerQuery) {
            let slice = Array(claims[start..<min(claims.count, start + statesPerQuery)])
            let rows = try await sql.raw("""
                SELECT patient_control_number, history FROM claim_states
                WHERE practice_id = \(bind: practiceID) AND patient_control_number IN (\(binds: slice))
                """).all()
            for row in rows {
                let claim = try row.decode(column: "patient_control_number", as: String.self)
                found[claim] = try ClaimStateCodec.decode(try row.decode(column: "history", as: String.self))
            }
        }
        return found
    }

    private static func saveLabels(_ labels: [KPIDimension: [String: String]], practiceID: UUID, on sql: any SQLDatabase) async throws {
        var batch = RowBatch(table: "kpi_labels", columns: ["practice_id", "dimension", "key", "label"])
        let practice = Cell.id(practiceID)
        for (dimension, names) in labels {
            for (key, label) in names { batch.append([practice, .text(dimension.rawValue), .text(key), .text(label)]) }
        }
        if let rows = batch.take() { try await rows.write(to: sql, onConflict: ["practice_id", "dimension", "key"], replacing: ["label"]) }
    }
}

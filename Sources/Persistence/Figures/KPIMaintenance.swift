import Billing
import Domain
import FluentKit
import Foundation
import SQLKit

/// Gathers, while a file is read, the facts it brings to each claim (by patient control number),
/// ordered by the file's import sequence and the fact's position in the file. Facts are kept in
/// one flat list and grouped by claim at the end: holding a history per claim while reading made
/// a quarter-million-claim import a third slower.
struct ClaimFactCollector {
    enum Fact {
        case submission(ClaimHistory.Submission)
        case remit(ClaimHistory.Remit)
        case acknowledgment(ClaimHistory.Acknowledgment)
        case payment(ClaimHistory.Payment)
    }

    let fileSequence: Int64
    private(set) var facts: [(claim: String, fact: Fact)] = []
    /// Names for the dimension keys seen (payer ids, billing provider ids), for labels.
    private(set) var labels: [KPIDimension: [String: String]] = [:]

    /// A collector for a file of `bytes` bytes (when known), sized for the claims it likely holds.
    init(fileSequence: Int64, bytes: Int64? = nil) {
        self.fileSequence = fileSequence
        facts.reserveCapacity(Int(min(2_000_000, (bytes ?? 0) / 400)))
    }

    /// Folds in one fact; `position` and `remittance` are those `FactRows` gave it.
    mutating func add(_ fact: BillingFact, position: Int, remittance: Remittance) {
        let order = FactOrder(file: fileSequence, position: Int64(position))
        switch fact {
        case .claim(let claim, _):
            let dimensions = KPIDimensions(
                payer: claim.payerID, location: claim.location, provider: claim.provider, procedure: claim.procedure)
            facts.append(
                (
                    claim.patientControlNumber,
                    .submission(
                        .init(
                            date: claim.submissionDate, frequency: claim.frequency, charge: claim.charge, dimensions: dimensions,
                            order: order))
                ))
            label(.payer, claim.payerID, claim.payerName)
            label(.location, claim.billingProviderID, claim.billingProviderName)
            label(.provider, claim.billingProviderID, claim.billingProviderName)
        case .adjudication(let adjudication, _):
            facts.append(
                (
                    adjudication.patientControlNumber,
                    .remit(
                        .init(
                            paymentDate: remittance.paymentDate, status: adjudication.status, charge: adjudication.charge,
                            paid: adjudication.paid,
                            patientResponsibility: adjudication.patientResponsibility, adjustments: adjudication.adjustments,
                            payer: remittance.payerID, order: order))
                ))
        case .remittance(let header):
            label(.payer, header.payerID, header.payerName)
        case .acknowledgment(let acknowledgment, _):
            facts.append(
                (
                    acknowledgment.patientControlNumber,
                    .acknowledgment(
                        .init(category: acknowledgment.category, date: acknowledgment.date, order: order))
                ))
        case .patientPayment(let payment, _):
            facts.append((payment.patientControlNumber, .payment(.init(date: payment.date, amount: payment.amount))))
        case .transactionStarted, .transactionEnded, .providerAdjustment, .patient, .party:
            break
        }
    }

    /// The claims, each with the facts this file brings it, in order of claim number.
    func claims() -> [(claim: String, history: ClaimHistory)] {
        let order = facts.indices.sorted { facts[$0].claim < facts[$1].claim || (facts[$0].claim == facts[$1].claim && $0 < $1) }
        var claims: [(claim: String, history: ClaimHistory)] = []
        for index in order {
            let (claim, fact) = facts[index]
            if claims.last?.claim != claim { claims.append((claim, ClaimHistory())) }
            let last = claims.count - 1
            switch fact {
            case .submission(let submission): claims[last].history.submissions.append(submission)
            case .remit(let remit): claims[last].history.adjudications.append(remit)
            case .acknowledgment(let acknowledgment): claims[last].history.acknowledgments.append(acknowledgment)
            case .payment(let payment): claims[last].history.payments.append(payment)
            }
        }
        return claims
    }

    private mutating func label(_ dimension: KPIDimension, _ key: String, _ name: String) {
        guard !key.isEmpty, !name.isEmpty else { return }
        labels[dimension, default: [:]][key] = name
    }
}

/// Keeps the rollups in step with an import, inside its transaction: every claim the file touches
/// is worked out again from all its facts (those already stored and the file's), and the
/// difference between its new and old contributions is added to the rollups.
enum KPIMaintenance {
    static let claimsPerQuery = 500

    static func apply(_ collector: ClaimFactCollector, practiceID: UUID, fileID: UUID, on sql: any SQLDatabase) async throws {
        let claims = collector.claims()
        guard !claims.isEmpty else { return }
        let existing = try await StoredClaimFacts.histories(of: claims.map(\.claim), practiceID: practiceID, except: fileID, on: sql)
        var delta = KPIContributions()
        for (claim, facts) in claims {
            guard var history = existing[claim] else {
                facts.addContributions(into: &delta)
                continue
            }
            history.addContributions(into: &delta, sign: -1)
            history.submissions += facts.submissions
            history.adjudications += facts.adjudications
            history.acknowledgments += facts.acknowledgments
            history.payments += facts.payments
            history.addContributions(into: &delta)
        }
        try await KPIRollupTables.apply(delta, practiceID: practiceID, on: sql)
        try await saveLabels(collector.labels, practiceID: practiceID, on: sql)
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

import Domain
import Foundation
import SQLKit

/// Reads the facts already stored for some claims of a practice back into claim histories.
enum StoredClaimFacts {
    /// The histories of `claims` from every stored file of the practice except `fileID` (none
    /// excepted when `nil`); nothing is read when the practice has no other file (a first import).
    static func histories(
        of claims: [String], practiceID: UUID, except fileID: UUID? = nil, on sql: any SQLDatabase
    ) async throws -> [String: ClaimHistory] {
        if let fileID {
            let others = try await sql.raw(
                "SELECT 1 AS found FROM billing_files WHERE practice_id = \(bind: practiceID) AND id <> \(bind: fileID)"
            ).first()
            guard others != nil else { return [:] }
        }
        var histories: [String: ClaimHistory] = [:]
        for start in stride(from: 0, to: claims.count, by: KPIMaintenance.claimsPerQuery) {
            let slice = Array(claims[start..<min(claims.count, start + KPIMaintenance.claimsPerQuery)])
            try await read(slice, practiceID: practiceID, except: fileID, on: sql, into: &histories)
        }
        return histories
    }

    private static func read(
        _ claims: [String], practiceID: UUID, except fileID: UUID?, on sql: any SQLDatabase,
        into histories: inout [String: ClaimHistory]
    ) async throws {
        func select(_ columns: String, from table: String) -> SQLQueryString {
            let head =
                "SELECT t.patient_control_number AS pcn, COALESCE(f.sequence, 0) AS sequence, " + columns + " FROM " + table
                + " t JOIN billing_files f ON f.id = t.file_id WHERE t.practice_id = "
            var query = SQLQueryString(head)
            query.appendInterpolation(bind: practiceID)
            if let fileID {
                query.appendLiteral(" AND t.file_id <> ")
                query.appendInterpolation(bind: fileID)
            }
            query.appendLiteral(" AND t.patient_control_number IN (")
            query.appendInterpolation(binds: claims)
            query.appendLiteral(")")
            return query
        }
        func order(_ row: any SQLRow) throws -> FactOrder {
            FactOrder(
                file: try row.decode(column: "sequence", as: Int64.self), position: try row.decode(column: "position", as: Int64.self))
        }
        func date(_ row: any SQLRow, _ column: String) throws -> CalendarDate? {
            try row.decode(column: column, as: String?.self).flatMap { CalendarDate($0) }
        }

        let submissions = "t.submission_date, t.frequency, t.charge_cents, t.payer_id, t.location, t.provider, t.procedure, t.position"
        for row in try await sql.raw(select(submissions, from: "claim_submissions")).all() {
            let dimensions = KPIDimensions(
                payer: try row.decode(column: "payer_id", as: String.self), location: try row.decode(column: "location", as: String.self),
                provider: try row.decode(column: "provider", as: String.self),
                procedure: try row.decode(column: "procedure", as: String.self))
            histories[try row.decode(column: "pcn", as: String.self), default: ClaimHistory()].submissions.append(
                .init(
                    date: try date(row, "submission_date"), frequency: try row.decode(column: "frequency", as: String.self),
                    charge: Money(cents: try row.decode(column: "charge_cents", as: Int64.self)), dimensions: dimensions,
                    order: try order(row)))
        }
        let adjudications =
            "t.payment_date, t.status, t.charge_cents, t.paid_cents, t.patient_responsibility_cents, t.adjustments, t.payer_id, t.position"
        for row in try await sql.raw(select(adjudications, from: "adjudications")).all() {
            histories[try row.decode(column: "pcn", as: String.self), default: ClaimHistory()].adjudications.append(
                .init(
                    paymentDate: try date(row, "payment_date"), status: try row.decode(column: "status", as: String.self),
                    charge: Money(cents: try row.decode(column: "charge_cents", as: Int64.self)),
                    paid: Money(cents: try row.decode(column: "paid_cents", as: Int64.self)),
                    patientResponsibility: Money(cents: try row.decode(column: "patient_responsibility_cents", as: Int64.self)),
                    adjustments: try FactRows.decodeAdjustments(try row.decode(column: "adjustments", as: String.self)),
                    payer: try row.decode(column: "payer_id", as: String.self), order: try order(row)))
        }
        for row in try await sql.raw(select("t.category, t.status_date, t.position", from: "claim_acknowledgments")).all() {
            histories[try row.decode(column: "pcn", as: String.self), default: ClaimHistory()].acknowledgments.append(
                .init(
                    category: try row.decode(column: "category", as: String.self), date: try date(row, "status_date"), order: try order(row)
                ))
        }
        for row in try await sql.raw(select("t.payment_date, t.amount_cents, t.position", from: "patient_payments")).all() {
            guard let paid = try date(row, "payment_date") else { continue }
            histories[try row.decode(column: "pcn", as: String.self), default: ClaimHistory()].payments.append(
                .init(
                    date: paid, amount: Money(cents: try row.decode(column: "amount_cents", as: Int64.self))))
        }
    }
}

extension FactRows {
    /// Reads `C|CO|45|5000;L|PR|1|2000` back (see `encode(_:)`).
    static func decodeAdjustments(_ text: String) throws(StoreError) -> [Adjustment] {
        try text.split(separator: ";").map { item throws(StoreError) -> Adjustment in
            let parts = item.split(separator: "|", omittingEmptySubsequences: false)
            guard parts.count == 4, let cents = Int64(parts[3]) else {
                throw .corruptRow(table: "adjudications", detail: "adjustments '\(item)'")
            }
            return Adjustment(
                group: String(parts[1]), reason: String(parts[2]), amount: Money(cents: cents), level: parts[0] == "L" ? .line : .claim)
        }
    }
}

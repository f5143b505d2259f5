import Domain
import Foundation
import SQLKit

/// Everything Sightline holds about one claim, in order, with where each fact came from (file and
/// segment) and the claim's balance after each day something happened. Patient names stay out.
public struct ClaimTimeline: Sendable, Encodable {
    public struct Event: Sendable, Encodable {
        /// `submission`, `acknowledgment`, `adjudication` or `patientPayment`.
        public var kind: String
        public var date: String?
        public var file: String
        /// Segment index of the fact in its file (position for CSV rows).
        public var segment: Int64
        /// The fact's own fields, as text.
        public var details: [String: String]
        /// The raw segments the fact was read from (one per line; names, member ids and birth dates
        /// of patients and subscribers masked), or its CSV line; `nil` for facts imported before
        /// Sightline kept them.
        public var source: String?
    }

    public struct Balance: Sendable, Encodable {
        public var date: String
        public var balance: Money
    }

    public var claim: String
    /// Whether an 837 for the claim was imported.
    public var matched: Bool
    public var originalSubmissionDate: String?
    public var firstAdjudication: String?
    /// `denial` or `processed`, for the first adjudication.
    public var firstAdjudicationClass: String?
    public var primaryReason: String?
    public var events: [Event]
    public var balances: [Balance]
    /// Descriptions of the CARC and RARC codes on the claim (`CARC-45`, `RARC-N130`), when loaded.
    public var codes: [String: String] = [:]
    /// The people the files name for the claim; absent unless the reader's role may see them
    /// (``PatientIdentityStore/readers``).
    public var patients: [Patient]?

    /// A patient or subscriber as a file names them.
    public struct Patient: Sendable, Encodable, Equatable {
        public var lastName, firstName, memberId: String
        public var birthDate: String?
        public var address: String

        public init(_ identity: PatientIdentity) {
            lastName = identity.lastName
            firstName = identity.firstName
            memberId = identity.memberID
            birthDate = identity.birthDate?.description
            address = identity.address
        }
    }

    /// The claim's timeline, or `nil` when the practice has no fact for `claim`.
    public static func load(claim: String, practiceID: UUID, on sql: any SQLDatabase) async throws -> ClaimTimeline? {
        var events: [Event] = []
        func rows(_ columns: String, _ table: String, _ segment: String = "t.segment_index") async throws -> [any SQLRow] {
            let head =
                "SELECT f.file_name AS file_name, \(segment) AS segment, t.source AS source, " + columns + " FROM " + table
                + " t JOIN billing_files f ON f.id = t.file_id WHERE t.practice_id = "
            var query = SQLQueryString(head)
            query.appendInterpolation(bind: practiceID)
            query.appendLiteral(" AND t.patient_control_number = ")
            query.appendInterpolation(bind: claim)
            return try await sql.raw(query).all()
        }
        func text(_ row: any SQLRow, _ column: String) throws -> String { try row.decode(column: column, as: String?.self) ?? "" }
        func cents(_ row: any SQLRow, _ column: String) throws -> String {
            Money(cents: try row.decode(column: column, as: Int64.self)).description
        }
        func event(_ kind: String, _ row: any SQLRow, date: String, _ details: [String: String]) throws -> Event {
            Event(
                kind: kind, date: try row.decode(column: date, as: String?.self), file: try text(row, "file_name"),
                segment: try row.decode(column: "segment", as: Int64.self), details: details.filter { !$0.value.isEmpty },
                source: try row.decode(column: "source", as: String?.self))
        }
        for row in try await rows(
            "t.submission_date, t.frequency, t.charge_cents, t.payer_id, t.payer_name, t.location, t.provider, t.procedure, t.service_date, t.lines",
            "claim_submissions")
        {
            events.append(
                try event(
                    "submission", row, date: "submission_date",
                    [
                        "frequency": try text(row, "frequency"), "charge": try cents(row, "charge_cents"),
                        "payer": try text(row, "payer_id"),
                        "payerName": try text(row, "payer_name"), "location": try text(row, "location"),
                        "provider": try text(row, "provider"),
                        "procedure": try text(row, "procedure"), "serviceDate": try text(row, "service_date"),
                        "lines": try text(row, "lines"),
                    ]))
        }
        for row in try await rows("t.status_date, t.category, t.status_code, t.payer_claim_number", "claim_acknowledgments", "t.position") {
            events.append(
                try event(
                    "acknowledgment", row, date: "status_date",
                    [
                        "category": try text(row, "category"), "statusCode": try text(row, "status_code"),
                        "payerClaimNumber": try text(row, "payer_claim_number"),
                    ]))
        }
        for row in try await rows(
            "t.payment_date, t.status, t.charge_cents, t.paid_cents, t.patient_responsibility_cents, t.payer_id, t.payer_claim_number, t.adjustments, t.remarks, t.lines",
            "adjudications")
        {
            let adjustments = try FactRows.decodeAdjustments(try text(row, "adjustments")).map { adjustment -> String in
                let kind: String =
                    switch adjustment.kind {
                    case .contractual: "contractual"
                    case .patient: "patient"
                    case .denial(let category): "denial/" + category.rawValue
                    }
                return "\(adjustment.key) \(adjustment.amount) \(adjustment.level.rawValue) \(kind)"
            }
            events.append(
                try event(
                    "adjudication", row, date: "payment_date",
                    [
                        "status": try text(row, "status"), "charge": try cents(row, "charge_cents"), "paid": try cents(row, "paid_cents"),
                        "patientResponsibility": try cents(row, "patient_responsibility_cents"), "payer": try text(row, "payer_id"),
                        "payerClaimNumber": try text(row, "payer_claim_number"), "adjustments": adjustments.joined(separator: "; "),
                        "remarks": try text(row, "remarks"), "lines": try text(row, "lines"),
                    ]))
        }
        for row in try await rows("t.payment_date, t.amount_cents", "patient_payments", "t.position") {
            events.append(try event("patientPayment", row, date: "payment_date", ["amount": try cents(row, "amount_cents")]))
        }
        guard !events.isEmpty else { return nil }
        events.sort { ($0.date ?? "9999") < ($1.date ?? "9999") }

        let history = try await StoredClaimFacts.histories(of: [claim], practiceID: practiceID, on: sql)[claim] ?? ClaimHistory()
        let first = history.firstAdjudication
        var timeline = ClaimTimeline(
            claim: claim, matched: history.isMatched, originalSubmissionDate: history.original?.date?.description,
            firstAdjudication: first?.paymentDate?.description, firstAdjudicationClass: first?.adjudicationClass.rawValue,
            primaryReason: first?.adjudicationClass == .denial ? (first?.primaryReason ?? PrimaryReason.none) : nil, events: events,
            balances: [])
        if let start = history.original?.date {
            let days = Set(events.compactMap { $0.date.flatMap { CalendarDate($0) } }.filter { $0 >= start } + [start]).sorted()
            timeline.balances = days.compactMap { day in history.balance(asOf: day).map { Balance(date: day.description, balance: $0) } }
        }
        timeline.codes = try await codeDescriptions(for: events, on: sql)
        return timeline
    }

    /// The loaded descriptions of the codes the events mention.
    private static func codeDescriptions(for events: [Event], on sql: any SQLDatabase) async throws -> [String: String] {
        var wanted: Set<String> = []
        for event in events where event.kind == "adjudication" {
            for adjustment in (event.details["adjustments"] ?? "").split(separator: ";") {
                if let key = adjustment.split(separator: " ").first, let code = key.split(separator: "-").last {
                    wanted.insert("CARC-" + code)
                }
            }
            for remark in (event.details["remarks"] ?? "").split(separator: ",") { wanted.insert("RARC-" + remark) }
        }
        guard !wanted.isEmpty else { return [:] }
        var found: [String: String] = [:]
        let codes = Set(wanted.compactMap { $0.split(separator: "-", maxSplits: 1).last.map(String.init) }).sorted()
        for row in try await sql.raw("SELECT code_set, code, description FROM code_descriptions WHERE code IN (\(binds: codes))").all() {
            let key = try row.decode(column: "code_set", as: String.self) + "-" + row.decode(column: "code", as: String.self)
            if wanted.contains(key) { found[key] = try row.decode(column: "description", as: String.self) }
        }
        return found
    }
}

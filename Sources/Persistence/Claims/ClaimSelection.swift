import Domain
import Foundation
import SQLKit

/// The claims behind a figure: the drill-down from a number to the claims it counts, selected by
/// exactly the rules that count them (KPIS.md), paginated.
public struct ClaimSelection: Sendable {
    /// The figures whose claims can be listed.
    public enum Figure: String, Sendable, CaseIterable {
        /// Claims whose original submission is in the range.
        case claimsSubmitted
        /// Claims whose first adjudication is paid in the range.
        case adjudicatedClaims
        /// Those whose first adjudication is a denial (optionally with primary reason `reason`).
        case initialDenials
        /// Claims originally submitted in the range whose balance as of `asOf` is not zero
        /// (optionally in aging bucket `bucket`).
        case openBalances
    }

    public var practiceID: UUID
    public var figure: Figure
    public var from: CalendarDate
    public var to: CalendarDate
    public var asOf: CalendarDate
    public var reason: String?
    public var bucket: AgingBucket?
    public var filters: [KPIDimension: Set<String>]
    public var page: Int
    public var perPage: Int

    /// The most claims one page of the API or the claims page lists.
    public static let largestPage = 500

    public init(
        practiceID: UUID, figure: Figure, from: CalendarDate, to: CalendarDate, asOf: CalendarDate? = nil, reason: String? = nil,
        bucket: AgingBucket? = nil, filters: [KPIDimension: Set<String>] = [:], page: Int = 1, perPage: Int = 50
    ) {
        self.practiceID = practiceID
        self.figure = figure
        self.from = from
        self.to = to
        self.asOf = asOf ?? to
        self.reason = reason
        self.bucket = bucket
        self.filters = filters.filter { !$0.value.isEmpty }
        self.page = max(1, page)
        self.perPage = max(1, perPage)
    }

    /// One claim of the list.
    public struct Item: Sendable, Encodable, Equatable {
        public var claim: String
        public var originalSubmissionDate: String?
        public var charge: Money?
        public var firstAdjudication: String?
        public var firstAdjudicationClass: String?
        public var primaryReason: String?
        public var balance: Money?
        public var payer: String
        public var location: String
        public var provider: String
        public var procedure: String
    }

    /// One page of the list.
    public struct Page: Sendable, Encodable {
        public var figure: String
        public var from: String
        public var to: String
        public var asOf: String
        public var total: Int
        public var page: Int
        public var perPage: Int
        public var claims: [Item]
    }

    /// The page asked for.
    public func run(on sql: any SQLDatabase) async throws -> Page {
        let candidates = try await self.candidates(on: sql)
        let histories = try await StoredClaimFacts.histories(of: candidates, practiceID: practiceID, on: sql)
        let range = from...to
        var items: [Item] = []
        for claim in candidates.sorted() {
            guard let history = histories[claim] else { continue }
            let first = history.firstAdjudication
            let original = history.original
            var dimensions = history.claimDimensions
            switch figure {
            case .claimsSubmitted:
                guard let date = original?.date, range.contains(date) else { continue }
            case .adjudicatedClaims, .initialDenials:
                guard let first, let paid = first.paymentDate, range.contains(paid) else { continue }
                if figure == .initialDenials {
                    guard first.adjudicationClass == .denial else { continue }
                    if let reason, (first.primaryReason ?? PrimaryReason.none) != reason { continue }
                }
                dimensions = history.dimensions(of: first)
            case .openBalances:
                guard let date = original?.date, range.contains(date), date <= asOf,
                    let balance = history.balance(asOf: asOf), balance != .zero
                else { continue }
                if let bucket, AgingBucket.of(age: asOf.dayNumber - date.dayNumber) != bucket { continue }
            }
            guard filters.allSatisfy({ $0.value.contains($0.key.value(in: dimensions)) }) else { continue }
            items.append(
                Item(
                    claim: claim, originalSubmissionDate: original?.date?.description, charge: original?.charge,
                    firstAdjudication: first?.paymentDate?.description, firstAdjudicationClass: first?.adjudicationClass.rawValue,
                    primaryReason: first?.adjudicationClass == .denial ? (first?.primaryReason ?? PrimaryReason.none) : nil,
                    balance: original?.date.flatMap { $0 <= asOf ? history.balance(asOf: asOf) : nil },
                    payer: dimensions.payer, location: dimensions.location, provider: dimensions.provider, procedure: dimensions.procedure))
        }
        let start = min(items.count, Paging.offset(page: page, perPage: perPage))
        return Page(
            figure: figure.rawValue, from: from.description, to: to.description, asOf: asOf.description, total: items.count,
            page: page, perPage: perPage, claims: Array(items[start..<(start + min(items.count - start, perPage))]))
    }

    /// Claim numbers that may belong to the list, found with the fact tables' indexes; each is
    /// then checked against the rules on its whole history.
    private func candidates(on sql: any SQLDatabase) async throws -> [String] {
        var query: SQLQueryString
        switch figure {
        case .claimsSubmitted, .openBalances:
            query = "SELECT DISTINCT patient_control_number AS claim FROM claim_submissions WHERE frequency = '1' AND practice_id = "
            query.appendInterpolation(bind: practiceID)
            query.appendLiteral(" AND submission_date >= ")
            query.appendInterpolation(bind: from.description)
            query.appendLiteral(" AND submission_date <= ")
            query.appendInterpolation(bind: (figure == .openBalances ? min(to, asOf) : to).description)
        case .adjudicatedClaims, .initialDenials:
            query = "SELECT DISTINCT patient_control_number AS claim FROM adjudications WHERE practice_id = "
            query.appendInterpolation(bind: practiceID)
            query.appendLiteral(" AND payment_date >= ")
            query.appendInterpolation(bind: from.description)
            query.appendLiteral(" AND payment_date <= ")
            query.appendInterpolation(bind: to.description)
            if figure == .initialDenials {
                query.appendLiteral(" AND (status = '4' OR (paid_cents = 0 AND patient_responsibility_cents = 0))")
            }
        }
        return try await sql.raw(query).all().map { try $0.decode(column: "claim", as: String.self) }
    }
}

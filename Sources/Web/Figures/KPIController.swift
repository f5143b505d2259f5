import Domain
import Foundation
import Persistence
import Vapor

/// `GET /api/v1/kpis`: the figures of KPIS.md for the caller's practice, the same JSON as
/// `sightline kpi --json`. Parameters: `from`, `to` (required), `asOf`, `by`, and the filters
/// `payer`, `location`, `provider`, `procedure` (each repeatable, or comma-separated).
struct KPIController: RouteCollection {

    func boot(routes: any RoutesBuilder) throws {
        routes.get("kpis", use: figures)
    }

    func figures(_ request: Request) async throws -> Response {
        let caller = try request.caller
        try Policy.require(caller, .readFigures, to: "read the practice's figures")
        let kpiRequest = try Self.kpiRequest(from: QueryParameters(request.url.query), practiceID: caller.organization.id.rawValue)
        let answer = try await KPIQuery(request.tenantDB).answer(kpiRequest)
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(string: try answer.json()))
    }

    /// Reads and checks the parameters of a figures request; every problem names its parameter.
    static func kpiRequest(from query: QueryParameters, practiceID: UUID) throws -> KPIRequest {
        func date(_ name: String, required: Bool) throws -> CalendarDate? {
            guard let text = query.first(name) else {
                if required { throw APIError.invalidInput(field: name, reason: "is required (YYYY-MM-DD)") }
                return nil
            }
            guard let date = CalendarDate(text) else {
                throw APIError.invalidInput(field: name, reason: "'\(text)' is not a date (YYYY-MM-DD)")
            }
            return date
        }
        guard let from = try date("from", required: true), let to = try date("to", required: true) else {
            throw APIError.invalidInput(field: "from", reason: "is required")
        }
        if let problem = DateSpan.problem(from: from, to: to) { throw APIError.invalidInput(field: "to", reason: problem) }
        var by: KPIRequest.Grouping?
        if let text = query.first("by") {
            guard let grouping = KPIRequest.Grouping(rawValue: text) else {
                throw APIError.invalidInput(field: "by", reason: "'\(text)' is not one of month, payer, location, provider, procedure")
            }
            by = grouping
        }
        var filters: [KPIDimension: Set<String>] = [:]
        for dimension in KPIDimension.allCases { filters[dimension] = Set(query.all(dimension.rawValue)) }
        let asOf = try date("asOf", required: false)
        if let asOf, asOf < from || asOf.dayNumber - to.dayNumber >= DateSpan.longestDays {
            throw APIError.invalidInput(field: "asOf", reason: "is before from, or more than ten years after to")
        }
        return KPIRequest(practiceID: practiceID, from: from, to: to, asOf: asOf, by: by, filters: filters)
    }
}

/// A URL query read the plain way: repeated keys and comma-separated values both give lists.
struct QueryParameters {
    private var values: [String: [String]] = [:]

    init(_ query: String?) {
        for pair in (query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (text: Substring) in
                String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
            }
            let key = decode(parts[0])
            let value = parts.count > 1 ? decode(parts[1]) : ""
            values[key, default: []] += value.split(separator: ",").map(String.init).filter { !$0.isEmpty }
        }
    }

    func first(_ name: String) -> String? { values[name]?.first }
    func all(_ name: String) -> [String] { values[name] ?? [] }

    /// A whole-number parameter within `range`, or `fallback` when absent; a 422 naming it otherwise.
    func integer(_ name: String, default fallback: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let text = first(name) else { return fallback }
        return try APIError.integer(text, field: name, in: range)
    }
}

import Domain
import Fluent
import Foundation
import Persistence
import Vapor

/// `GET /api/v1/engagements/{id}/scorecard?from=&to=[&format=csv]`: the vendor's scorecard.
struct ScorecardController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("engagements", ":engagement", "scorecard", use: scorecard)
    }

    func scorecard(_ request: Request) async throws -> Response {
        let (_, engagement) = try await request.engagement()
        let query = QueryParameters(request.url.query)
        let from = try APIError.requiredDate(query.first("from"), field: "from"),
            to = try APIError.requiredDate(query.first("to"), field: "to")
        if let problem = DateSpan.problem(from: from, to: to) { throw APIError.invalidInput(field: "to", reason: problem) }
        let card = try await Self.card(engagement, from: from, to: to, asOf: request.now, on: request.tenantDB)
        if query.first("format") == "csv" {
            try await request.audit(
                AuditEntry(
                    "export", practice: engagement.practiceID.rawValue, object: "scorecard:\(engagement.id)", detail: "\(from) to \(to)"))
            return JSONBody.csv(card.csv, filename: "scorecard-\(from)-\(to).csv")
        }
        return try JSONBody.response(card)
    }

    /// The scorecard of the days `from` to `to` in the practice's time zone, clocks read now.
    static func card(
        _ engagement: Engagement, from: CalendarDate, to: CalendarDate, asOf now: Date, on database: any Database
    ) async throws -> VendorScorecard {
        let zone = try await OrganizationStore(database).find(engagement.practiceID)?.timeZone ?? "UTC"
        return try await TicketStore(database).scorecard(of: engagement.id, from: from, to: to, zone: zone, asOf: now)
    }
}

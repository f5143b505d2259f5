import Domain
import Foundation
import Persistence
import SQLKit
import Vapor

/// `GET /api/v1/claims`: the claims behind a figure (e.g. the initial denials with primary reason
/// CO-50 paid in March), paginated; `GET /api/v1/claims/{claim}`: one claim's whole timeline.
struct ClaimsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("claims", use: list)
        routes.get("claims", ":claim", use: timeline)
    }

    func list(_ request: Request) async throws -> Response {
        let access = try await PatientDataAccess.resolve(request, to: "read the practice's claims")
        let selection = try Self.selection(from: QueryParameters(request.url.query), practiceID: access.practiceID)
        let page = try await selection.run(on: try Self.sql(request))
        try await request.audit(access.record(Self.listRead(page)))
        return try await Self.json(page)
    }

    /// Reads the claims a figure's request selects; every problem names its parameter.
    static func selection(from query: QueryParameters, practiceID: UUID) throws -> ClaimSelection {
        let figures = try KPIController.kpiRequest(from: query, practiceID: practiceID)
        guard let figureText = query.first("figure") else {
            throw APIError.invalidInput(
                field: "figure", reason: "is required: one of \(ClaimSelection.Figure.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let figure = ClaimSelection.Figure(rawValue: figureText) else {
            throw APIError.invalidInput(
                field: "figure",
                reason: "'\(figureText)' is not one of \(ClaimSelection.Figure.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var bucket: AgingBucket?
        if let text = query.first("bucket") {
            // `121+` sent unencoded arrives as `121 `, since a raw `+` in a query is a space: the
            // bucket it can only mean is taken, not refused.
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard let value = AgingBucket(rawValue: trimmed) ?? (text.hasSuffix(" ") ? AgingBucket(rawValue: trimmed + "+") : nil) else {
                throw APIError.invalidInput(field: "bucket", reason: "'\(text)' is not one of 0-30, 31-60, 61-90, 91-120, 121+")
            }
            bucket = value
        }
        return ClaimSelection(
            practiceID: practiceID, figure: figure, from: figures.from, to: figures.to, asOf: figures.asOf,
            reason: query.first("reason"), bucket: bucket, filters: figures.filters,
            page: try query.integer("page", default: 1, in: 1...APIError.largestPage),
            perPage: try query.integer("perPage", default: 50, in: 1...ClaimSelection.largestPage))
    }

    func timeline(_ request: Request) async throws -> Response {
        let claim = request.parameters.get("claim") ?? ""
        return try await Self.json(try await Self.timeline(claim, request))
    }

    /// The claim's history, with the people it is for when the caller may see them; the read is
    /// on record before it is shown.
    static func timeline(_ claim: String, _ request: Request) async throws -> ClaimTimeline {
        let access = try await PatientDataAccess.resolve(request, to: "read the practice's claims")
        guard var timeline = try await ClaimTimeline.load(claim: claim, practiceID: access.practiceID, on: try sql(request)) else {
            throw Abort(.notFound, reason: "no claim \(claim) in this practice")
        }
        if access.identifiers {
            timeline.patients = try await PatientIdentityStore(request.tenantDB).identities(claim: claim, practiceID: access.practiceID)
                .map(ClaimTimeline.Patient.init)
        }
        var entry = timelineRead(claim)
        if timeline.patients?.isEmpty == false { entry.detail = "with the patient's identifiers" }
        try await request.audit(access.record(entry))
        return timeline
    }

    /// The audit record of a page of claims shown: which claims, by their ids.
    static func listRead(_ page: ClaimSelection.Page) -> AuditEntry {
        AuditEntry(
            "phi.read", object: "claims:\(page.figure)",
            detail: "page \(page.page) of \(page.total): " + page.claims.map(\.claim).joined(separator: " ").prefix(2_000))
    }

    /// The audit record of one claim's history shown, raw segments included.
    static func timelineRead(_ claim: String) -> AuditEntry {
        AuditEntry("phi.read", object: "claim:\(claim)", claim: claim)
    }

    static func sql(_ request: Request) throws -> any SQLDatabase {
        guard let sql = request.tenantDB as? any SQLDatabase else { throw Abort(.internalServerError) }
        return sql
    }

    static func json(_ value: some Encodable) async throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(data: try encoder.encode(value)))
    }
}

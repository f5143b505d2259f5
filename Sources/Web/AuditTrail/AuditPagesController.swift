import Domain
import Foundation
import Persistence
import Vapor

/// `GET /audit` and `GET /audit/export.csv`: the practice's audit trail for its compliance
/// auditor and administrator, filtered by person, patient, claim, action and period.
struct AuditPagesController: RouteCollection {
    /// Rows a page shows; the export holds up to `exportLimit`.
    static let pageLimit = 200, exportLimit = 100_000

    func boot(routes: any RoutesBuilder) throws {
        routes.get("audit", use: page)
        routes.get("audit", "export.csv", use: export)
    }

    struct Query {
        var filter = AuditFilter()
        var values: [String: String] = [:]
    }

    /// The filter the query asks for, within the caller's practice; days are the practice's.
    static func query(_ request: Request, caller: Caller) async throws -> Query {
        let query = QueryParameters(request.url.query)
        var chosen = Query()
        chosen.filter.practice = caller.organization.id.rawValue
        // The practice's vendors' people are on its trail too: their sign-ins and tokens name no practice.
        chosen.filter.alsoOrganizations = try await EngagementStore(request.tenantDB).list(visibleTo: caller).map(\.vendorID.rawValue)
        for name in ["user", "patient", "claim", "action", "from", "to"] {
            if let value = query.first(name)?.trimmingCharacters(in: .whitespaces), !value.isEmpty { chosen.values[name] = value }
        }
        if let user = chosen.values["user"] {
            if let id = UUID(uuidString: user) {
                chosen.filter.user = id
            } else {
                let address = try EmailAddress(user)
                // Nobody by that address: a filter that matches nothing rather than no filter.
                chosen.filter.user = try await UserStore(request.tenantDB).find(email: address)?.id.rawValue ?? UUID()
            }
        }
        chosen.filter.patient = chosen.values["patient"]
        chosen.filter.claim = chosen.values["claim"]
        chosen.filter.action = chosen.values["action"]
        let zone = TimeZone(identifier: caller.organization.timeZone) ?? .gmt
        if let from = try APIError.date(chosen.values["from"], field: "from") {
            chosen.filter.from = BusinessCalendar.instant(from, minute: 0, zone: zone)
        }
        if let to = try APIError.date(chosen.values["to"], field: "to"), let next = CalendarDate(dayNumber: to.dayNumber + 1) {
            chosen.filter.before = BusinessCalendar.instant(next, minute: 0, zone: zone)
        }
        return chosen
    }

    func page(_ request: Request) async throws -> Response {
        let caller = try request.caller
        try Policy.require(caller, .readAuditTrail, to: "read the audit trail")
        let chosen = try await Self.query(request, caller: caller)
        let records = try await AuditTrail(request.tenantDB).records(chosen.filter, limit: Self.pageLimit)
        let session = try request.webSession
        // Ids become the names people know (the export keeps the ids), times the practice's.
        let references = try await AuditReferences.load(for: records, caller: caller, on: request.tenantDB)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: caller.organization.timeZone) ?? .gmt
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss zzz"
        let rows = records.map { record in
            AuditPageModel.Row(
                sequence: record.sequence, at: formatter.string(from: record.at),
                user: record.userID.map { references.names[$0.uuidString.lowercased()] ?? "a former user" } ?? "Sightline",
                role: (record.role ?? "").replacingOccurrences(of: "_", with: " "), action: record.action,
                object: references.object(record.object ?? ""), claim: record.claim ?? "",
                patient: record.patient ?? "", address: record.address ?? "", outcome: record.outcome.rawValue,
                high: record.severity == .high, detail: references.plain(record.detail ?? ""))
        }
        let csv = PageLink.to("/audit/export.csv", PageLink.items(ofQuery: request.url.query ?? "").map { ($0.name, $0.value) })
        let model = AuditPageModel(
            chrome: PageChrome(caller: caller, csrf: session.csrfToken), rows: rows, values: chosen.values,
            limit: Self.pageLimit, csvLink: csv, empty: rows.isEmpty)
        return try await request.view.render("audit", model).encodeResponse(for: request)
    }

    func export(_ request: Request) async throws -> Response {
        let caller = try request.caller
        try Policy.require(caller, .readAuditTrail, to: "export the audit trail")
        let chosen = try await Self.query(request, caller: caller)
        let records = try await AuditTrail(request.tenantDB).records(chosen.filter, limit: Self.exportLimit)
        try await request.audit(AuditEntry("export", object: "audit", detail: "\(records.count) audit records"))
        return JSONBody.csv(AuditCSV.text(records), filename: "sightline-audit.csv")
    }
}

struct AuditPageModel: Encodable {
    struct Row: Encodable {
        let sequence: Int
        let at: String
        let user: String
        let role: String
        let action: String
        let object: String
        let claim: String
        let patient: String
        let address: String
        let outcome: String
        let high: Bool
        let detail: String
    }

    let chrome: PageChrome
    let rows: [Row]
    let values: [String: String]
    let limit: Int
    let csvLink: String
    let empty: Bool
}

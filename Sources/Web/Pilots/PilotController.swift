import Domain
import Foundation
import Persistence
import Vapor

/// `/api/v1/engagements/{engagement}/pilots` and `/api/v1/pilots/{pilot}`: the controlled rollout —
/// phases with their scope and gate, the gate judged now on the scope's figures, checklist
/// answers, and the practice's go or no-go with the evidence frozen.
struct PilotController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let phases = routes.grouped("engagements", ":engagement", "pilots")
        phases.get(use: list)
        phases.post(use: create)
        routes.get("pilots", ":pilot", use: show)
        routes.post("pilots", ":pilot", "checklist", ":criterion", use: answer)
        routes.post("pilots", ":pilot", "decision", use: decide)
    }

    struct CreateBody: Content {
        var name: String
        var scope: PilotScope?
        var baselineFrom: String
        var baselineTo: String
        var from: String
        var to: String
        var criteria: [GateCriterion]
    }

    struct AnswerBody: Content {
        var met: Bool
        var note: String?
    }

    struct DecisionBody: Content {
        var verdict: String
        var note: String
    }

    /// A phase with its gate judged now (while open) or as it was decided.
    struct PilotDTO: Encodable {
        let pilot: Pilot
        let evaluation: GateEvaluation?
    }

    static func pilot(_ request: Request) async throws -> (Caller, Pilot, Engagement) {
        let caller = try request.caller
        let text = request.parameters.get("pilot") ?? ""
        guard let id = Pilot.ID(string: text) else { throw StoreError.notFound(kind: "pilot", id: text) }
        let (pilot, engagement) = try await PilotStore(request.tenantDB).find(id, visibleTo: caller)
        return (caller, pilot, engagement)
    }

    func list(_ request: Request) async throws -> Response {
        let (_, engagement) = try await request.engagement()
        return try JSONBody.response(["pilots": try await PilotStore(request.tenantDB).list(in: engagement.id)])
    }

    func create(_ request: Request) async throws -> Response {
        let (caller, engagement) = try await request.engagement()
        let body = try JSONBody.decode(CreateBody.self, from: request)
        let draft = Pilot(
            engagementID: engagement.id, phase: 0, name: body.name, scope: body.scope ?? PilotScope(),
            baselineFrom: try Self.day(body.baselineFrom, "baselineFrom"), baselineTo: try Self.day(body.baselineTo, "baselineTo"),
            from: try Self.day(body.from, "from"), to: try Self.day(body.to, "to"), criteria: body.criteria, createdAt: request.now)
        let pilot = try await PilotStore(request.tenantDB).create(draft, in: engagement, by: caller, now: request.now)
        return try JSONBody.response(pilot, status: .created)
    }

    func show(_ request: Request) async throws -> Response {
        let (_, pilot, engagement) = try await Self.pilot(request)
        let evaluation =
            pilot.decision == nil ? try await PilotStore(request.tenantDB).evaluate(pilot, in: engagement, at: request.now) : nil
        return try JSONBody.response(PilotDTO(pilot: pilot, evaluation: evaluation))
    }

    func answer(_ request: Request) async throws -> Response {
        let (caller, pilot, _) = try await Self.pilot(request)
        let body = try JSONBody.decode(AnswerBody.self, from: request)
        let updated = try await PilotStore(request.tenantDB).answer(
            pilot.id, criterion: request.parameters.get("criterion") ?? "", met: body.met, note: body.note ?? "", by: caller,
            now: request.now)
        return try JSONBody.response(updated)
    }

    func decide(_ request: Request) async throws -> Response {
        let (caller, pilot, engagement) = try await Self.pilot(request)
        let body = try JSONBody.decode(DecisionBody.self, from: request)
        guard let verdict = GateDecision.Verdict(rawValue: body.verdict) else { throw PilotError.field("verdict", "go or no_go") }
        let store = PilotStore(request.tenantDB)
        let now = request.now
        let decided = try await store.decide(
            pilot.id, verdict: verdict, note: body.note, evidence: try await store.evaluate(pilot, in: engagement, at: now),
            by: caller, now: now)
        return try JSONBody.response(decided)
    }

    static func day(_ text: String, _ field: String) throws -> CalendarDate {
        guard let day = CalendarDate(text) else { throw PilotError.field(field, "'\(text)' is not a day (YYYY-MM-DD)") }
        return day
    }
}

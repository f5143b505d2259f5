import Domain
import Foundation
import Persistence
import Vapor

/// `/api/v1/engagements/{engagement}/change-requests`: proposals against the contract in force,
/// their discussion, and each party's decision.
struct ChangeRequestController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let requests = routes.grouped("engagements", ":engagement", "change-requests")
        requests.get(use: list)
        requests.post(use: propose)
        let one = requests.grouped(":request")
        one.get(use: show)
        one.post("comments", use: comment)
        one.post("approve", use: approve)
        one.post("reject", use: reject)
        one.post("withdraw", use: withdraw)
    }

    struct ProposeBody: Decodable {
        var kind: ChangeRequest.Kind
        var title: String
        var reason: String
        var changes: [ContractEdit]
        var budgetImpactMonthly: Money?
        var timelineImpact: String?
        var effectiveFrom: String?
    }

    func propose(_ request: Request) async throws -> Response {
        let (caller, engagement) = try await request.engagement()
        try Policy.require(caller, .discussChangeRequests, to: "propose change requests")
        let body = try JSONBody.decode(ProposeBody.self, from: request)
        let effective = try APIError.date(body.effectiveFrom, field: "effectiveFrom")
        let proposal = ChangeProposal(
            kind: body.kind, title: body.title, reason: body.reason, edits: body.changes,
            budgetImpactMonthly: body.budgetImpactMonthly, timelineImpact: body.timelineImpact ?? "",
            requestedEffectiveFrom: effective)
        let created = try await ChangeRequestStore(request.tenantDB).propose(proposal, in: engagement, by: caller, now: request.now)
        return try JSONBody.response(try await detail(created, engagement: engagement, on: request), status: .created)
    }

    func list(_ request: Request) async throws -> Response {
        let (_, engagement) = try await request.engagement()
        let query = QueryParameters(request.url.query)
        let status = try query.first("status").map { text in
            guard let status = ChangeRequest.Status(rawValue: text) else {
                throw APIError.invalidInput(
                    field: "status",
                    reason: "'\(text)' is not one of \(ChangeRequest.Status.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return status
        }
        return try JSONBody.response([
            "changeRequests": try await ChangeRequestStore(request.tenantDB).list(in: engagement.id, status: status)
        ])
    }

    /// A change request with its discussion and the diff it makes against the version it was proposed on.
    struct DetailDTO: Encodable {
        let changeRequest: ChangeRequest
        let reference: String
        let awaiting: [Party]
        let comments: [ChangeRequestComment]
        let diff: [ContractDiff.Change]
    }

    private func detail(_ changeRequest: ChangeRequest, engagement: Engagement, on request: Request) async throws -> DetailDTO {
        let base = try await EngagementStore(request.tenantDB).version(changeRequest.baseVersion, of: engagement.id)
        let proposed = (try? base.contract.applying(changeRequest.edits)) ?? base.contract
        return DetailDTO(
            changeRequest: changeRequest, reference: changeRequest.reference,
            awaiting: changeRequest.status == .proposed ? changeRequest.awaiting : [],
            comments: try await ChangeRequestStore(request.tenantDB).comments(on: changeRequest.id),
            diff: ContractDiff(from: base.contract, to: proposed).changes)
    }

    private func target(_ request: Request) async throws -> (Caller, Engagement, ChangeRequest.ID) {
        let (caller, engagement) = try await request.engagement()
        let text = request.parameters.get("request") ?? ""
        guard let id = ChangeRequest.ID(string: text) else { throw StoreError.notFound(kind: "change request", id: text) }
        return (caller, engagement, id)
    }

    func show(_ request: Request) async throws -> Response {
        let (_, engagement, id) = try await target(request)
        return try JSONBody.response(
            try await detail(
                try await ChangeRequestStore(request.tenantDB).find(id, in: engagement.id), engagement: engagement, on: request))
    }

    struct CommentBody: Decodable {
        var body: String
    }

    func comment(_ request: Request) async throws -> Response {
        let (caller, engagement, id) = try await target(request)
        try Policy.require(caller, .discussChangeRequests, to: "discuss change requests")
        let body = try JSONBody.decode(CommentBody.self, from: request)
        let comment = try await ChangeRequestStore(request.tenantDB).comment(
            on: id, in: engagement, by: caller, body: body.body, now: request.now)
        return try JSONBody.response(comment, status: .created)
    }

    struct DecisionBody: Decodable {
        var party: Party?
        var note: String?
    }

    private func decision(_ request: Request) throws -> DecisionBody {
        request.body.data == nil ? DecisionBody() : try JSONBody.decode(DecisionBody.self, from: request)
    }

    /// Approves for the caller's party; the second party's approval creates the next version.
    func approve(_ request: Request) async throws -> Response {
        let (caller, engagement, id) = try await target(request)
        let body = try decision(request)
        let outcome = try await ChangeRequestStore(request.tenantDB).approve(
            id, in: engagement, by: caller, for: body.party, note: body.note, now: request.now)
        return try JSONBody.response(OutcomeDTO(outcome))
    }

    func reject(_ request: Request) async throws -> Response {
        let (caller, engagement, id) = try await target(request)
        let body = try decision(request)
        let outcome = try await ChangeRequestStore(request.tenantDB).reject(
            id, in: engagement, by: caller, for: body.party, note: body.note ?? "", now: request.now)
        return try JSONBody.response(OutcomeDTO(outcome))
    }

    func withdraw(_ request: Request) async throws -> Response {
        let (caller, engagement, id) = try await target(request)
        let body = try decision(request)
        let outcome = try await ChangeRequestStore(request.tenantDB).withdraw(
            id, in: engagement, by: caller, note: body.note, now: request.now)
        return try JSONBody.response(OutcomeDTO(outcome))
    }

    struct OutcomeDTO: Encodable {
        let changeRequest: ChangeRequest
        let newVersion: VersionSummaryDTO?

        init(_ outcome: ChangeRequestStore.Outcome) {
            changeRequest = outcome.request
            newVersion = outcome.newVersion.map(VersionSummaryDTO.init)
        }
    }
}

import Domain
import Foundation
import Persistence
import Vapor

/// The change-request pages of an engagement: the proposal form, one request with its diff and
/// discussion, and the approvals (routes registered by ``EngagementPagesController``).
extension EngagementPagesController {
    func newRequest(_ request: Request) async throws -> Response {
        let (caller, engagement) = try await request.engagement()
        let form = (try? request.query.decode(ChangeRequestFormModel.Form.self)) ?? .init()
        return try await proposalForm(request, caller: caller, engagement: engagement, form: form, error: nil, status: .ok)
    }

    private func proposalForm(
        _ request: Request, caller: Caller, engagement: Engagement, form: ChangeRequestFormModel.Form, error: String?,
        status: HTTPResponseStatus
    ) async throws -> Response {
        guard let base = ContractVersion.latestAccepted(among: try await EngagementStore(request.tenantDB).versions(of: engagement.id))
        else {
            throw ChangeRequestError.noContractInForce
        }
        let model = ChangeRequestFormModel(
            caller: caller, csrf: try request.webSession.csrfToken, engagementID: engagement.id, base: base, form: form, error: error)
        return try await render(request, "change-request-new", model, status: status)
    }

    func propose(_ request: Request) async throws -> Response {
        let form = try request.content.decode(ChangeRequestFormModel.Form.self)
        let (caller, engagement) = try await request.engagement()
        try Policy.require(caller, .discussChangeRequests, to: "propose change requests")
        do {
            let read = try ChangeRequestFormModel.proposal(from: form)
            let proposal = ChangeProposal(
                kind: read.kind, title: form.title ?? "", reason: form.reason ?? "", edits: read.edits,
                budgetImpactMonthly: read.budget, timelineImpact: form.timelineImpact ?? "", requestedEffectiveFrom: read.effective)
            let created = try await ChangeRequestStore(request.tenantDB).propose(proposal, in: engagement, by: caller, now: request.now)
            return seeOther(request, "/engagements/\(engagement.id)/change-requests/\(created.id)")
        } catch let error as ProposalFormError {
            return try await proposalForm(
                request, caller: caller, engagement: engagement, form: form, error: error.description, status: .unprocessableEntity)
        } catch let error as ChangeRequestError {
            return try await proposalForm(
                request, caller: caller, engagement: engagement, form: form, error: error.description, status: .unprocessableEntity)
        }
    }

    func request(_ request: Request) async throws -> Response {
        try await requestPage(request, error: nil, status: .ok)
    }

    private func requestPage(_ request: Request, error: String?, status: HTTPResponseStatus) async throws -> Response {
        let (caller, engagement) = try await request.engagement()
        let text = request.parameters.get("request") ?? ""
        guard let id = ChangeRequest.ID(string: text) else { throw StoreError.notFound(kind: "change request", id: text) }
        let changeRequest = try await ChangeRequestStore(request.tenantDB).find(id, in: engagement.id)
        let base = try await EngagementStore(request.tenantDB).version(changeRequest.baseVersion, of: engagement.id)
        let proposed = (try? base.contract.applying(changeRequest.edits)) ?? base.contract
        let comments = try await ChangeRequestStore(request.tenantDB).comments(on: id)
        var names: [User.ID: String] = [:]
        for organization in [engagement.practiceID, engagement.vendorID] {
            for user in try await UserStore(request.tenantDB).list(organizationID: organization) { names[user.id] = user.email.value }
        }
        let practice = try await OrganizationStore(request.tenantDB).find(engagement.practiceID)
        let model = ChangeRequestPageModel(
            .init(
                caller: caller, csrf: try request.webSession.csrfToken, engagementID: engagement.id, request: changeRequest,
                diff: ContractDiff(from: base.contract, to: proposed), comments: comments, names: names,
                timeZone: practice?.timeZone ?? "UTC", error: error))
        return try await render(request, "change-request", model, status: status)
    }

    struct ActionForm: Content {
        var csrf: String?
        var note: String?
        var body: String?
    }

    /// Approve, reject, withdraw or comment; a refusal shows the request again with the reason.
    func act(_ request: Request, _ action: String) async throws -> Response {
        let form = try request.content.decode(ActionForm.self)
        let (caller, engagement) = try await request.engagement()
        let text = request.parameters.get("request") ?? ""
        guard let id = ChangeRequest.ID(string: text) else { throw StoreError.notFound(kind: "change request", id: text) }
        let store = ChangeRequestStore(request.tenantDB)
        let note = form.note.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
        do {
            switch action {
            case "approve": _ = try await store.approve(id, in: engagement, by: caller, for: nil, note: note, now: request.now)
            case "reject": _ = try await store.reject(id, in: engagement, by: caller, for: nil, note: note ?? "", now: request.now)
            case "withdraw": _ = try await store.withdraw(id, in: engagement, by: caller, note: note, now: request.now)
            case "comments":
                try Policy.require(caller, .discussChangeRequests, to: "discuss change requests")
                _ = try await store.comment(on: id, in: engagement, by: caller, body: form.body ?? "", now: request.now)
            default: throw Abort(.notFound)
            }
        } catch let error as ChangeRequestError {
            let status = SightlineErrorMiddleware.map(error).status
            return try await requestPage(request, error: error.description, status: status)
        } catch let error as ChangeRequestStoreError {
            return try await requestPage(request, error: error.description, status: .unprocessableEntity)
        }
        return seeOther(request, "/engagements/\(engagement.id)/change-requests/\(id)")
    }
}

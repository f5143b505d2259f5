import Domain
import Foundation
import Persistence
import Vapor

/// The pages of engagements, contracts, change requests and scope, behind browser sign-in. They
/// call the same stores as the API, so the same roles and tenant walls hold.
struct EngagementPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("engagements", use: list)
        routes.post("engagements", use: create)
        let one = routes.grouped("engagements", ":engagement")
        one.get(use: show)
        one.get("diff", use: diff)
        one.post("acceptance", use: accept)
        one.post("contacts", use: addContact)
        one.post("reported-figures", use: reportFigures)
        one.post("draft", use: editDraft)
        one.post("work-records", use: recordWork)
        one.get("change-requests", "new", use: newRequest)
        one.post("change-requests", use: propose)
        one.get("change-requests", ":request", use: request)
        for action in ["approve", "reject", "withdraw", "comments"] {
            one.post("change-requests", ":request", PathComponent(stringLiteral: action)) { request in try await act(request, action) }
        }
        routes.get("scope", use: scope)
        routes.post("periods", "close", use: close)
    }

    private func chrome(_ request: Request) throws -> PageChrome {
        let session = try request.webSession
        return PageChrome(caller: session.caller, csrf: session.csrfToken)
    }

    private func render(_ request: Request, _ template: String, _ model: some Encodable, status: HTTPResponseStatus = .ok) async throws -> Response {
        try await request.view.render(template, model).encodeResponse(status: status, for: request)
    }

    private func seeOther(_ request: Request, _ path: String) -> Response { request.redirect(to: path, redirectType: .normal) }

    func list(_ request: Request) async throws -> Response {
        try await listPage(request, error: nil, status: .ok)
    }

    private func listPage(_ request: Request, error: String?, status: HTTPResponseStatus) async throws -> Response {
        let caller = try request.caller
        let organizations = OrganizationStore(request.tenantDB)
        var rows: [EngagementListPageModel.Row] = []
        for engagement in try await EngagementStore(request.tenantDB).list(visibleTo: caller) {
            let practice = try await organizations.find(engagement.practiceID)
            let versions = try await EngagementStore(request.tenantDB).versions(of: engagement.id)
            let today = CalendarDate.on(Date(), in: practice?.timeZone ?? "UTC")
            rows.append(.init(
                id: engagement.id.description, practice: practice?.name ?? "", vendor: try await organizations.find(engagement.vendorID)?.name ?? "",
                status: engagement.status.rawValue, contract: EngagementListPageModel.contractLabel(versions: versions, today: today),
                openChangeRequests: try await ChangeRequestStore(request.tenantDB).list(in: engagement.id, status: .proposed).count,
                openTickets: try await TicketStore(request.tenantDB).list(in: engagement.id).filter { $0.status != .resolved && $0.status != .closed }.count))
        }
        let canEngage = caller.user.role == .practiceAdmin
        let vendors = canEngage ? try await organizations.all().filter { $0.kind == .vendor }.map { EngagementListPageModel.VendorChoice(id: $0.id.description, name: $0.name) } : []
        let model = EngagementListPageModel(chrome: try chrome(request), rows: rows, vendors: vendors, canEngage: canEngage, error: error)
        return try await render(request, "engagements", model, status: status)
    }

    struct CreateForm: Content {
        var csrf: String?
        var vendor: String?
        var signedOn: String?
    }

    func create(_ request: Request) async throws -> Response {
        let form = try request.content.decode(CreateForm.self)
        try request.requireCSRF(form.csrf)
        let caller = try request.caller
        try EngagementController.require(caller, in: EngagementController.Permission.create, to: "engage a vendor")
        do {
            guard let vendor = Organization.ID(string: form.vendor ?? "") else { throw APIError.invalidInput(field: "vendor", reason: "choose a vendor") }
            let signed = try APIError.date(form.signedOn, field: "signedOn", emptyIsAbsent: true)
            let engagement = try await EngagementStore(request.tenantDB).create(practice: caller.organization.id, vendor: vendor, template: .medicalBilling, signedOn: signed, now: Date())
            return seeOther(request, "/engagements/\(engagement.id)")
        } catch let error as APIError {
            return try await listPage(request, error: error.description, status: .unprocessableEntity)
        } catch let error as EngagementError {
            return try await listPage(request, error: error.description, status: .unprocessableEntity)
        }
    }

    func show(_ request: Request) async throws -> Response {
        let (caller, engagement) = try await EngagementController.engagement(request)
        let store = EngagementStore(request.tenantDB)
        let practice = try await OrganizationStore(request.tenantDB).find(engagement.practiceID)
        let vendor = try await OrganizationStore(request.tenantDB).find(engagement.vendorID)
        let asked = try APIError.date(try? request.query.get(String.self, at: "on"), field: "on", emptyIsAbsent: true)
        guard let day = asked ?? CalendarDate.on(Date(), in: practice?.timeZone ?? "UTC") else { throw Abort(.internalServerError) }
        let shown = try await store.version(of: engagement, number: nil, on: asked, now: Date())
        var figuresMonth = CalendarMonth(day).adding(months: -1) ?? CalendarMonth(day)
        if let text = try? request.query.get(String.self, at: "figuresMonth"), let month = CalendarMonth(text) { figuresMonth = month }
        let input = EngagementPageModel.Input(
            caller: caller, csrf: try request.webSession.csrfToken, engagement: engagement, practiceName: practice?.name ?? "",
            vendorName: vendor?.name ?? "", versions: try await store.versions(of: engagement.id), shown: shown, day: day,
            contacts: try await ContactStore(request.tenantDB).contacts(of: engagement.id),
            changeRequests: try await ChangeRequestStore(request.tenantDB).list(in: engagement.id),
            tickets: try await TicketStore(request.tenantDB).list(in: engagement.id),
            fragmentation: try await store.fragmentation(practice: engagement.practiceID).filter { [$0.firstEngagement, $0.secondEngagement].contains(engagement.id) },
            reported: try await ReportedFigureStore(request.tenantDB).comparison(month: figuresMonth, in: engagement),
            members: try await MembershipStore(request.tenantDB).members(of: engagement))
        return try await render(request, "engagement", EngagementPageModel(input))
    }

    func diff(_ request: Request) async throws -> Response {
        let (_, engagement) = try await EngagementController.engagement(request)
        guard let from = try? request.query.get(Int.self, at: "from"), let to = try? request.query.get(Int.self, at: "to") else {
            throw APIError.invalidInput(field: "from", reason: "from and to are version numbers")
        }
        let store = EngagementStore(request.tenantDB)
        let diff = ContractDiff(from: try await store.version(from, of: engagement.id).contract, to: try await store.version(to, of: engagement.id).contract)
        struct Model: Encodable {
            let chrome: PageChrome
            let engagementLink: String
            let from: Int
            let to: Int
            let changes: [ChangeRequestPageModel.Change]
        }
        let changes = diff.changes.map { ChangeRequestPageModel.Change(path: $0.path.description, before: $0.before?.description ?? "—", after: $0.after?.description ?? "(removed)") }
        return try await render(request, "contract-diff", Model(chrome: try chrome(request), engagementLink: "/engagements/\(engagement.id)", from: from, to: to, changes: changes))
    }

    struct CSRFForm: Content {
        var csrf: String?
    }

    func accept(_ request: Request) async throws -> Response {
        try request.requireCSRF(try request.content.decode(CSRFForm.self).csrf)
        let (caller, engagement) = try await EngagementController.engagement(request)
        _ = try await EngagementStore(request.tenantDB).acceptDraft(of: engagement, by: caller, effectiveFrom: nil, now: Date())
        return seeOther(request, "/engagements/\(engagement.id)")
    }

    struct ContactForm: Content {
        var csrf: String?
        var purpose: String?
        var name: String?
        var channel: String?
        var address: String?
        var hours: String?
        var isPrimary: String?
    }

    func addContact(_ request: Request) async throws -> Response {
        let form = try request.content.decode(ContactForm.self)
        try request.requireCSRF(form.csrf)
        let (caller, engagement) = try await EngagementController.engagement(request)
        try EngagementController.require(caller, in: EngagementController.Permission.contacts, to: "name points of contact")
        guard let purpose = PointOfContact.Purpose(rawValue: form.purpose ?? "") else { throw APIError.invalidInput(field: "purpose", reason: "choose a purpose") }
        guard let channel = PointOfContact.Channel(rawValue: form.channel ?? "") else { throw APIError.invalidInput(field: "channel", reason: "choose a channel") }
        let party = caller.user.role.party
        let contact = PointOfContact(engagementID: engagement.id, party: party, purpose: purpose, name: form.name ?? "", channel: channel,
                                     address: form.address ?? "", hours: form.hours ?? "", isPrimary: form.isPrimary == "on")
        _ = try await ContactStore(request.tenantDB).save(contact, in: engagement, as: party)
        return seeOther(request, "/engagements/\(engagement.id)#contacts")
    }

    struct DraftForm: Content {
        var csrf: String?
        var changes: String?
    }

    /// Edits the draft with the same change lines a change request uses; the acceptances given so far lapse.
    func editDraft(_ request: Request) async throws -> Response {
        let form = try request.content.decode(DraftForm.self)
        try request.requireCSRF(form.csrf)
        let (caller, engagement) = try await EngagementController.engagement(request)
        let store = EngagementStore(request.tenantDB)
        guard let draft = try await store.versions(of: engagement.id).last, draft.status == .draft else {
            throw ContractVersionError.notADraft(1)
        }
        let edits: [ContractEdit]
        do { edits = try ChangeLines.parse(form.changes ?? "") } catch { throw APIError.invalidInput(field: "changes", reason: error.description) }
        _ = try await store.editDraft(of: engagement, contract: try draft.contract.applying(edits), by: caller.user.role)
        return seeOther(request, "/engagements/\(engagement.id)")
    }

    struct WorkForm: Content {
        var csrf: String?
        var gridTask: String?
        var date: String?
        var quantity: Int?
        var minutes: Int?
        var description: String?
    }

    /// Logs vendor work against a grid task (or none, which the scope report flags).
    func recordWork(_ request: Request) async throws -> Response {
        let form = try request.content.decode(WorkForm.self)
        try request.requireCSRF(form.csrf)
        let (caller, engagement) = try await EngagementController.engagement(request)
        let date = try APIError.requiredDate(form.date, field: "date")
        _ = try await ScopeStore(request.tenantDB).record(in: engagement, by: caller, task: form.gridTask, date: date, quantity: form.quantity ?? 0,
                                                    minutes: form.minutes ?? 0, description: form.description ?? "", now: Date())
        return seeOther(request, "/engagements/\(engagement.id)#tickets")
    }

    struct ReportForm: Content {
        var csrf: String?
        var month: String?
        var figures: String?
    }

    func reportFigures(_ request: Request) async throws -> Response {
        let form = try request.content.decode(ReportForm.self)
        try request.requireCSRF(form.csrf)
        let (caller, engagement) = try await EngagementController.engagement(request)
        let month = try APIError.month(form.month)
        try await ReportedFigureStore(request.tenantDB).record(try ReportedFigureError.parse(form.figures ?? ""), month: month, in: engagement, by: caller, now: Date())
        return seeOther(request, "/engagements/\(engagement.id)?figuresMonth=\(month)#reported")
    }

    func newRequest(_ request: Request) async throws -> Response {
        let (caller, engagement) = try await EngagementController.engagement(request)
        let form = (try? request.query.decode(ChangeRequestFormModel.Form.self)) ?? .init()
        return try await proposalForm(request, caller: caller, engagement: engagement, form: form, error: nil, status: .ok)
    }

    private func proposalForm(_ request: Request, caller: Caller, engagement: Engagement, form: ChangeRequestFormModel.Form, error: String?, status: HTTPResponseStatus) async throws -> Response {
        guard let base = ContractVersion.latestAccepted(among: try await EngagementStore(request.tenantDB).versions(of: engagement.id)) else {
            throw ChangeRequestError.noContractInForce
        }
        let model = ChangeRequestFormModel(caller: caller, csrf: try request.webSession.csrfToken, engagementID: engagement.id, base: base, form: form, error: error)
        return try await render(request, "change-request-new", model, status: status)
    }

    func propose(_ request: Request) async throws -> Response {
        let form = try request.content.decode(ChangeRequestFormModel.Form.self)
        try request.requireCSRF(form.csrf)
        let (caller, engagement) = try await EngagementController.engagement(request)
        try EngagementController.require(caller, in: ChangeRequestController.participants, to: "propose change requests")
        do {
            let read = try ChangeRequestFormModel.proposal(from: form)
            let proposal = ChangeProposal(kind: read.kind, title: form.title ?? "", reason: form.reason ?? "", edits: read.edits,
                                          budgetImpactMonthly: read.budget, timelineImpact: form.timelineImpact ?? "", requestedEffectiveFrom: read.effective)
            let created = try await ChangeRequestStore(request.tenantDB).propose(proposal, in: engagement, by: caller, now: Date())
            return seeOther(request, "/engagements/\(engagement.id)/change-requests/\(created.id)")
        } catch let error as ProposalFormError {
            return try await proposalForm(request, caller: caller, engagement: engagement, form: form, error: error.description, status: .unprocessableEntity)
        } catch let error as ChangeRequestError {
            return try await proposalForm(request, caller: caller, engagement: engagement, form: form, error: error.description, status: .unprocessableEntity)
        }
    }

    func request(_ request: Request) async throws -> Response {
        try await requestPage(request, error: nil, status: .ok)
    }

    private func requestPage(_ request: Request, error: String?, status: HTTPResponseStatus) async throws -> Response {
        let (caller, engagement) = try await EngagementController.engagement(request)
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
        let model = ChangeRequestPageModel(.init(
            caller: caller, csrf: try request.webSession.csrfToken, engagementID: engagement.id, request: changeRequest,
            diff: ContractDiff(from: base.contract, to: proposed), comments: comments, names: names, timeZone: practice?.timeZone ?? "UTC", error: error))
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
        try request.requireCSRF(form.csrf)
        let (caller, engagement) = try await EngagementController.engagement(request)
        let text = request.parameters.get("request") ?? ""
        guard let id = ChangeRequest.ID(string: text) else { throw StoreError.notFound(kind: "change request", id: text) }
        let store = ChangeRequestStore(request.tenantDB)
        let note = form.note.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
        do {
            switch action {
            case "approve": _ = try await store.approve(id, in: engagement, by: caller, for: nil, note: note, now: Date())
            case "reject": _ = try await store.reject(id, in: engagement, by: caller, for: nil, note: note ?? "", now: Date())
            case "withdraw": _ = try await store.withdraw(id, in: engagement, by: caller, note: note, now: Date())
            case "comments":
                try EngagementController.require(caller, in: ChangeRequestController.participants, to: "discuss change requests")
                _ = try await store.comment(on: id, in: engagement, by: caller, body: form.body ?? "", now: Date())
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

    func scope(_ request: Request) async throws -> Response {
        let caller = try request.caller
        var month = CalendarDate.on(Date(), in: caller.organization.timeZone).flatMap { CalendarMonth($0).adding(months: -1) }
        if let text = try? request.query.get(String.self, at: "month"), !text.isEmpty {
            month = try APIError.month(text)
        }
        guard let month else { throw Abort(.internalServerError) }
        let report = try await ScopeStore(request.tenantDB).report(month: month, visibleTo: caller)
        return try await render(request, "scope", ScopePageModel(chrome: try chrome(request), report: report))
    }

    struct CloseForm: Content {
        var csrf: String?
        var month: String?
        var engagement: String?
    }

    func close(_ request: Request) async throws -> Response {
        let form = try request.content.decode(CloseForm.self)
        try request.requireCSRF(form.csrf)
        let caller = try request.caller
        guard caller.organization.kind == .practice else { throw Abort(.forbidden, reason: "months are closed by the practice") }
        try EngagementController.require(caller, in: ServiceLevelController.closers, to: "close a month")
        let month = try APIError.month(form.month)
        _ = try await PeriodCloser(request.tenantDB).close(practice: caller.organization.id, month: month, trigger: .manual, by: caller.user.id, now: Date())
        let back = form.engagement.flatMap { Engagement.ID(string: $0) }.map { "/engagements/\($0)#tickets" } ?? "/engagements"
        return seeOther(request, back)
    }
}

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
        for action in ["accept", "refuse", "withdraw"] {
            routes.post("invitations", ":invitation", PathComponent(stringLiteral: action)) { request in try await answer(request, action) }
        }
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
    }

    func chrome(_ request: Request) throws -> PageChrome {
        let session = try request.webSession
        return PageChrome(caller: session.caller, csrf: session.csrfToken)
    }

    func render(
        _ request: Request, _ template: String, _ model: some Encodable, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        try await request.view.render(template, model).encodeResponse(status: status, for: request)
    }

    func seeOther(_ request: Request, _ path: String) -> Response { request.redirect(to: path, redirectType: .normal) }

    func list(_ request: Request) async throws -> Response {
        var page = ListPage()
        if (try? request.query.get(String.self, at: "invited")) != nil {
            page.notice =
                "Invitation recorded. If the address is a vendor's lead in Sightline, they see it when they sign in and answer it there; the vendor joins only when they accept."
        }
        return try await listPage(request, page)
    }

    /// What the list page shows besides the data: the invitation form as typed, errors by field, a notice.
    struct ListPage {
        var form: [String: String] = [:]
        var errors: [String: String] = [:]
        var answerErrors: [String: String] = [:]
        var notice: String?
        var error: String?
        var status: HTTPResponseStatus = .ok
    }

    private func listPage(_ request: Request, _ page: ListPage) async throws -> Response {
        let caller = try request.caller
        let organizations = OrganizationStore(request.tenantDB)
        var rows: [EngagementListPageModel.Row] = []
        for engagement in try await EngagementStore(request.tenantDB).list(visibleTo: caller) {
            let practice = try await organizations.find(engagement.practiceID)
            let versions = try await EngagementStore(request.tenantDB).versions(of: engagement.id)
            let today = CalendarDate.on(request.now, in: practice?.timeZone ?? "UTC")
            rows.append(
                .init(
                    id: engagement.id.description, practice: practice?.name ?? "",
                    vendor: try await organizations.find(engagement.vendorID)?.name ?? "",
                    status: engagement.status.rawValue, contract: EngagementListPageModel.contractLabel(versions: versions, today: today),
                    openChangeRequests: try await ChangeRequestStore(request.tenantDB).list(in: engagement.id, status: .proposed).count,
                    openTickets: try await TicketStore(request.tenantDB).list(in: engagement.id).filter {
                        $0.status != .resolved && $0.status != .closed
                    }.count))
        }
        let role = caller.user.role
        let readsInvitations =
            caller.organization.kind == .practice ? Policy.allows(role, .readInvitations) : Policy.allows(role, .answerInvitation)
        let invitations = readsInvitations ? try await InvitationStore(request.tenantDB).list(visibleTo: caller, now: request.now) : []
        let model = EngagementListPageModel(
            .init(
                chrome: try chrome(request), caller: caller, rows: rows, invitations: invitations, showsInvitations: readsInvitations,
                now: request.now,
                form: page.form, errors: page.errors, answerErrors: page.answerErrors, notice: page.notice, error: page.error))
        return try await render(request, "engagements", model, status: page.status)
    }

    struct CreateForm: Content {
        var csrf: String?
        var email: String?
        var signedOn: String?
    }

    /// The practice's administrator invites a vendor by its lead's address: the page answers the
    /// same whether or not anyone has that address.
    func create(_ request: Request) async throws -> Response {
        let form = try request.content.decode(CreateForm.self)
        let caller = try request.caller
        guard Policy.allows(caller.user.role, .inviteVendor), caller.organization.kind == .practice else {
            throw InvitationError.notAllowed(caller.user.role, "invite vendors")
        }
        let kept = ["email": String((form.email ?? "").prefix(254)), "signedOn": String((form.signedOn ?? "").prefix(10))]
        do {
            let email = try InvitationController.address(form.email)
            let signed = try APIError.date(form.signedOn?.trimmingCharacters(in: .whitespaces), field: "signedOn", emptyIsAbsent: true)
            _ = try await InvitationStore(request.tenantDB).invite(
                email, signedOn: signed, template: .medicalBilling, by: caller, now: request.now)
            return seeOther(request, "/engagements?invited=1#invitations")
        } catch APIError.invalidInput(let field, let reason) {
            return try await listPage(request, ListPage(form: kept, errors: [field: Self.sentence(reason)], status: .unprocessableEntity))
        } catch InvitationError.alreadyInvited {
            return try await listPage(
                request,
                ListPage(
                    form: kept, errors: ["email": "This address has been invited already; its answer is still awaited."],
                    status: .conflict))
        }
    }

    /// A reason as a sentence on its own line by the field.
    static func sentence(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst() + (text.hasSuffix(".") ? "" : ".")
    }

    struct AnswerForm: Content {
        var csrf: String?
        var confirmSignedOn: String?
        var reason: String?
    }

    /// The vendor's lead accepts (on to the new engagement), refuses, or the practice's administrator withdraws.
    func answer(_ request: Request, _ action: String) async throws -> Response {
        let form = try request.content.decode(AnswerForm.self)
        let caller = try request.caller
        let id = try InvitationController.invitation(request)
        let store = InvitationStore(request.tenantDB)
        do {
            switch action {
            case "accept":
                let engagement = try await store.accept(
                    id, confirmsSignedOn: ["yes", "on", "true"].contains(form.confirmSignedOn ?? ""), by: caller, now: request.now)
                return seeOther(request, "/engagements/\(engagement.id)")
            case "refuse": _ = try await store.refuse(id, reason: form.reason, by: caller, now: request.now)
            default: _ = try await store.withdraw(id, by: caller, now: request.now)
            }
            return seeOther(request, "/engagements#invitations")
        } catch let error as InvitationError {
            guard case .notAllowed = error else {
                let reason: String
                if case .signatureNotConfirmed(let date) = error {
                    reason = "Tick the box to confirm the agreement was signed on \(date), or refuse the invitation and say why."
                } else {
                    reason = Self.sentence(error.description)
                }
                return try await listPage(request, ListPage(answerErrors: [id.description: reason], status: error.status))
            }
            throw error
        } catch let error as EngagementError {
            return try await listPage(
                request, ListPage(answerErrors: [id.description: Self.sentence(error.description)], status: .conflict))
        }
    }

    func show(_ request: Request) async throws -> Response {
        let (caller, engagement) = try await request.engagement()
        let store = EngagementStore(request.tenantDB)
        let practice = try await OrganizationStore(request.tenantDB).find(engagement.practiceID)
        let vendor = try await OrganizationStore(request.tenantDB).find(engagement.vendorID)
        let asked = try APIError.date(try? request.query.get(String.self, at: "on"), field: "on", emptyIsAbsent: true)
        guard let day = asked ?? CalendarDate.on(request.now, in: practice?.timeZone ?? "UTC") else { throw Abort(.internalServerError) }
        let shown = try await store.version(of: engagement, number: nil, on: asked, now: request.now)
        var figuresMonth = CalendarMonth(day).adding(months: -1) ?? CalendarMonth(day)
        if let text = try? request.query.get(String.self, at: "figuresMonth"), let month = CalendarMonth(text) { figuresMonth = month }
        let input = EngagementPageModel.Input(
            caller: caller, csrf: try request.webSession.csrfToken, engagement: engagement, practiceName: practice?.name ?? "",
            vendorName: vendor?.name ?? "", versions: try await store.versions(of: engagement.id), shown: shown, day: day,
            contacts: try await ContactStore(request.tenantDB).contacts(of: engagement.id),
            changeRequests: try await ChangeRequestStore(request.tenantDB).list(in: engagement.id),
            tickets: try await TicketStore(request.tenantDB).list(in: engagement.id),
            fragmentation: try await store.fragmentation(practice: engagement.practiceID).filter {
                [$0.firstEngagement, $0.secondEngagement].contains(engagement.id)
            },
            reported: try await ReportedFigureStore(request.tenantDB).comparison(month: figuresMonth, in: engagement),
            members: try await MembershipStore(request.tenantDB).members(of: engagement))
        return try await render(request, "engagement", EngagementPageModel(input))
    }

    func diff(_ request: Request) async throws -> Response {
        let (_, engagement) = try await request.engagement()
        let query = QueryParameters(request.url.query)
        guard query.first("from") != nil, query.first("to") != nil else {
            throw APIError.invalidInput(field: "from", reason: "from and to are version numbers")
        }
        let from = try query.integer("from", default: 1, in: 1...APIError.largestPage),
            to = try query.integer("to", default: 1, in: 1...APIError.largestPage)
        let store = EngagementStore(request.tenantDB)
        let diff = ContractDiff(
            from: try await store.version(from, of: engagement.id).contract, to: try await store.version(to, of: engagement.id).contract)
        struct Model: Encodable {
            let chrome: PageChrome
            let engagementLink: String
            let from: Int
            let to: Int
            let changes: [ChangeRequestPageModel.Change]
        }
        let changes = diff.changes.map {
            ChangeRequestPageModel.Change(
                path: $0.path.description, before: $0.before?.description ?? "—", after: $0.after?.description ?? "(removed)")
        }
        return try await render(
            request, "contract-diff",
            Model(chrome: try chrome(request), engagementLink: "/engagements/\(engagement.id)", from: from, to: to, changes: changes))
    }

    func accept(_ request: Request) async throws -> Response {
        let (caller, engagement) = try await request.engagement()
        _ = try await EngagementStore(request.tenantDB).acceptDraft(of: engagement, by: caller, effectiveFrom: nil, now: request.now)
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
        let (caller, engagement) = try await request.engagement()
        try Policy.require(caller, .maintainContacts, to: "name points of contact")
        guard let purpose = PointOfContact.Purpose(rawValue: form.purpose ?? "") else {
            throw APIError.invalidInput(field: "purpose", reason: "choose a purpose")
        }
        guard let channel = PointOfContact.Channel(rawValue: form.channel ?? "") else {
            throw APIError.invalidInput(field: "channel", reason: "choose a channel")
        }
        let party = caller.user.role.party
        let contact = PointOfContact(
            engagementID: engagement.id, party: party, purpose: purpose, name: form.name ?? "", channel: channel,
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
        let (caller, engagement) = try await request.engagement()
        let store = EngagementStore(request.tenantDB)
        guard let draft = try await store.versions(of: engagement.id).last, draft.status == .draft else {
            throw ContractVersionError.notADraft(1)
        }
        let edits: [ContractEdit]
        do { edits = try ChangeLines.parse(form.changes ?? "") } catch {
            throw APIError.invalidInput(field: "changes", reason: error.description)
        }
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
        let (caller, engagement) = try await request.engagement()
        let date = try APIError.requiredDate(form.date, field: "date")
        _ = try await ScopeStore(request.tenantDB).record(
            in: engagement, by: caller, task: form.gridTask, date: date, quantity: form.quantity ?? 0,
            minutes: form.minutes ?? 0, description: form.description ?? "", now: request.now)
        return seeOther(request, "/engagements/\(engagement.id)#tickets")
    }

    struct ReportForm: Content {
        var csrf: String?
        var month: String?
        var figures: String?
    }

    func reportFigures(_ request: Request) async throws -> Response {
        let form = try request.content.decode(ReportForm.self)
        let (caller, engagement) = try await request.engagement()
        let month = try APIError.month(form.month)
        try await ReportedFigureStore(request.tenantDB).record(
            try ReportedFigureError.parse(form.figures ?? ""), month: month, in: engagement, by: caller, now: request.now)
        return seeOther(request, PageLink.to("/engagements/\(engagement.id)", [("figuresMonth", month)], fragment: "reported"))
    }
}

import Domain
import Foundation
import Persistence
import Vapor

/// `/api/v1/engagements`: engagements, their contract versions and points of contact. Every
/// route answers only for engagements the caller's organisation is a party to; any other id
/// answers 404 exactly like a missing one. A practice does not make an engagement here: it
/// invites the vendor's lead (`/api/v1/invitations`, ``InvitationController``), whose acceptance makes it.
struct EngagementController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let engagements = routes.grouped("engagements")
        engagements.get(use: list)
        try routes.register(collection: InvitationController())
        let one = engagements.grouped(":engagement")
        one.get(use: show)
        one.get("contract", use: contract)
        one.get("contract", "versions", use: versions)
        one.get("contract", "diff", use: diff)
        one.put("contract", "draft", use: editDraft)
        one.post("contract", "draft", "acceptance", use: acceptDraft)
        one.get("contacts", use: contacts)
        one.post("contacts", use: addContact)
        one.put("contacts", ":contact", use: replaceContact)
        one.delete("contacts", ":contact", use: removeContact)
    }

    func list(_ request: Request) async throws -> Response {
        let caller = try request.caller
        var list: [EngagementDTO] = []
        for engagement in try await EngagementStore(request.tenantDB).list(visibleTo: caller) {
            list.append(try await EngagementDTO.make(engagement, now: request.now, on: request.tenantDB))
        }
        return try JSONBody.response(["engagements": list])
    }

    func show(_ request: Request) async throws -> Response {
        let (_, engagement) = try await request.engagement()
        return try JSONBody.response(try await EngagementDTO.make(engagement, now: request.now, on: request.tenantDB, detailed: true))
    }

    func contract(_ request: Request) async throws -> Response {
        let (_, engagement) = try await request.engagement()
        let query = QueryParameters(request.url.query)
        let number = try query.first("version").map { try APIError.integer($0, field: "version", in: 1...APIError.largestPage) }
        let day = try APIError.date(query.first("on"), field: "on")
        let version = try await EngagementStore(request.tenantDB).version(of: engagement, number: number, on: day, now: request.now)
        return try JSONBody.response(ContractVersionDTO(version))
    }

    func versions(_ request: Request) async throws -> Response {
        let (_, engagement) = try await request.engagement()
        let versions = try await EngagementStore(request.tenantDB).versions(of: engagement.id)
        return try JSONBody.response(["versions": versions.map(VersionSummaryDTO.init)])
    }

    func diff(_ request: Request) async throws -> Response {
        let (_, engagement) = try await request.engagement()
        let query = QueryParameters(request.url.query)
        func number(_ name: String) throws -> Int {
            guard let text = query.first(name) else { throw APIError.invalidInput(field: name, reason: "is required (a version number)") }
            return try APIError.integer(text, field: name, in: 1...APIError.largestPage)
        }
        let store = EngagementStore(request.tenantDB)
        let from = try number("from"), to = try number("to")
        let diff = ContractDiff(
            from: try await store.version(from, of: engagement.id).contract, to: try await store.version(to, of: engagement.id).contract)
        return try JSONBody.response(DiffDTO(from: from, to: to, changes: diff.changes))
    }

    func editDraft(_ request: Request) async throws -> Response {
        let (caller, engagement) = try await request.engagement()
        guard caller.user.role.party == .practice else { throw ContractVersionError.notAnEditor(caller.user.role) }
        let contract = try JSONBody.decode(Contract.self, from: request)
        let version = try await EngagementStore(request.tenantDB).editDraft(of: engagement, contract: contract, by: caller.user.role)
        return try JSONBody.response(ContractVersionDTO(version))
    }

    struct AcceptBody: Content {
        var effectiveFrom: String?
    }

    func acceptDraft(_ request: Request) async throws -> Response {
        let (caller, engagement) = try await request.engagement()
        let body = request.body.data == nil ? AcceptBody() : try request.content.decode(AcceptBody.self)
        let effective = try APIError.date(body.effectiveFrom, field: "effectiveFrom")
        let version = try await EngagementStore(request.tenantDB).acceptDraft(
            of: engagement, by: caller, effectiveFrom: effective, now: request.now)
        return try JSONBody.response(ContractVersionDTO(version))
    }

    func contacts(_ request: Request) async throws -> Response {
        let (_, engagement) = try await request.engagement()
        let contacts = try await ContactStore(request.tenantDB).contacts(of: engagement.id)
        return try JSONBody.response(ContactsDTO(contacts: contacts, problems: ContactDirectory.primaryProblems(contacts).map(\.message)))
    }

    struct ContactBody: Content {
        var purpose: PointOfContact.Purpose
        var userId: String?
        var name: String
        var channel: PointOfContact.Channel
        var address: String
        var hours: String
        var isPrimary: Bool?
    }

    func addContact(_ request: Request) async throws -> Response {
        try await saveContact(request, id: PointOfContact.ID(), status: .created)
    }

    func replaceContact(_ request: Request) async throws -> Response {
        let text = request.parameters.get("contact") ?? ""
        guard let id = PointOfContact.ID(string: text) else { throw StoreError.notFound(kind: "point of contact", id: text) }
        let (_, engagement) = try await request.engagement()
        guard try await ContactStore(request.tenantDB).contacts(of: engagement.id).contains(where: { $0.id == id }) else {
            throw StoreError.notFound(kind: "point of contact", id: text)
        }
        return try await saveContact(request, id: id, status: .ok)
    }

    private func saveContact(_ request: Request, id: PointOfContact.ID, status: HTTPResponseStatus) async throws -> Response {
        let (caller, engagement) = try await request.engagement()
        try Policy.require(caller, .maintainContacts, to: "name points of contact")
        let body = try request.content.decode(ContactBody.self)
        let user = try body.userId.map { text in
            guard let id = User.ID(string: text) else { throw APIError.invalidInput(field: "userId", reason: "is not an id") }
            return id
        }
        let party = caller.user.role.party
        let contact = PointOfContact(
            id: id, engagementID: engagement.id, party: party, purpose: body.purpose, userID: user, name: body.name,
            channel: body.channel, address: body.address, hours: body.hours, isPrimary: body.isPrimary ?? false)
        let saved = try await ContactStore(request.tenantDB).save(contact, in: engagement, as: party)
        return try JSONBody.response(saved, status: status)
    }

    func removeContact(_ request: Request) async throws -> HTTPStatus {
        let (caller, engagement) = try await request.engagement()
        let text = request.parameters.get("contact") ?? ""
        guard let id = PointOfContact.ID(string: text) else { throw StoreError.notFound(kind: "point of contact", id: text) }
        try Policy.require(caller, .maintainContacts, to: "name points of contact")
        try await ContactStore(request.tenantDB).remove(id, in: engagement, as: caller.user.role.party)
        return .noContent
    }
}

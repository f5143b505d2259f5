import Domain
import Foundation
import Persistence
import Vapor

/// `/api/v1/tickets/{ticket}/…`: who works a ticket, who watches it, and the files attached to it.
struct TicketPeopleController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let one = routes.grouped("tickets", ":ticket")
        one.post("assignee", use: assign)
        one.get("watchers", use: watchers)
        one.post("watchers", use: watch)
        one.delete("watchers", ":user", use: unwatch)
        one.get("attachments", use: attachments)
        // The body is the file itself: room for the largest one taken, and a little more to say it is too large.
        one.on(.POST, "attachments", body: .collect(maxSize: ByteCount(value: AttachmentPolicy.maximumBytes + 1_024)), use: attach)
        one.get("attachments", ":attachment", use: download)
    }

    struct PersonBody: Content {
        var userId: String?
    }

    /// Who may change a ticket's people and files: everyone but the compliance auditor, who reads.
    static func requireWriter(_ caller: Caller) throws {
        try Policy.require(caller, .write, to: "change tickets")
    }

    private func target(_ request: Request) async throws -> (Caller, Ticket.ID) {
        let caller = try request.caller
        return (caller, try await TicketStore(request.tenantDB).resolve(request.parameters.get("ticket") ?? "", visibleTo: caller))
    }

    private func user(_ text: String?, field: String = "userId") throws -> User.ID {
        guard let text, let id = User.ID(string: text) else { throw APIError.invalidInput(field: field, reason: "is not a user id") }
        return id
    }

    /// `{userId}` names the person of the assigned party who works the ticket; `{userId: null}` clears it.
    func assign(_ request: Request) async throws -> Response {
        let (caller, id) = try await target(request)
        try Self.requireWriter(caller)
        let body = try JSONBody.decode(PersonBody.self, from: request)
        let person = try body.userId.map { try user($0) }
        let ticket = try await TicketStore(request.tenantDB).assign(id, to: person, by: caller, now: request.now)
        return try JSONBody.response(try await TicketDTO.make(ticket, store: TicketStore(request.tenantDB), asOf: request.now))
    }

    func watchers(_ request: Request) async throws -> Response {
        let (caller, id) = try await target(request)
        let store = TicketStore(request.tenantDB)
        _ = try await store.find(id, visibleTo: caller)
        return try JSONBody.response(try await store.watchers(of: id))
    }

    /// `{userId}`: a person of either party follows the ticket and is told of its escalations.
    func watch(_ request: Request) async throws -> Response {
        let (caller, id) = try await target(request)
        try Self.requireWriter(caller)
        let body = try JSONBody.decode(PersonBody.self, from: request)
        return try JSONBody.response(
            try await TicketStore(request.tenantDB).watch(id, user: try user(body.userId), watching: true, by: caller, now: request.now))
    }

    func unwatch(_ request: Request) async throws -> Response {
        let (caller, id) = try await target(request)
        try Self.requireWriter(caller)
        let person = try user(request.parameters.get("user"), field: "user")
        return try JSONBody.response(
            try await TicketStore(request.tenantDB).watch(id, user: person, watching: false, by: caller, now: request.now))
    }

    func attachments(_ request: Request) async throws -> Response {
        let (caller, id) = try await target(request)
        let store = TicketStore(request.tenantDB)
        _ = try await store.find(id, visibleTo: caller)
        return try JSONBody.response(try await store.attachments(of: id))
    }

    /// `POST …/attachments?name=FILE` with the file as the body.
    func attach(_ request: Request) async throws -> Response {
        let (caller, id) = try await target(request)
        try Self.requireWriter(caller)
        guard let name = QueryParameters(request.url.query).first("name") else {
            throw APIError.invalidInput(field: "name", reason: "is required: the file's name")
        }
        let bytes = request.body.data.map { Array($0.readableBytesView) } ?? []
        let attachment = try await TicketStore(request.tenantDB).attach(id, name: name, bytes: bytes, by: caller, now: request.now)
        return try JSONBody.response(attachment, status: .created)
    }

    /// The file, as a download whatever its type, so a browser never renders it in Sightline's origin.
    func download(_ request: Request) async throws -> Response {
        let (caller, id) = try await target(request)
        let text = request.parameters.get("attachment") ?? ""
        guard let attachmentID = UUID(uuidString: text) else { throw StoreError.notFound(kind: "attachment", id: text) }
        let (attachment, content) = try await TicketStore(request.tenantDB).attachment(attachmentID, of: id, visibleTo: caller)
        return JSONBody.download(
            ByteBuffer(data: content), contentType: JSONBody.mediaType(attachment.contentType), filename: attachment.name)
    }
}

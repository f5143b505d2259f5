import Domain
import Foundation
import Persistence
import Vapor

/// The ticket page's people and files: naming who works it, watching it, attaching and downloading files.
struct TicketFilesPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(
            .POST, "tickets", ":ticket", "attachments",
            body: .collect(maxSize: ByteCount(value: AttachmentPolicy.maximumBytes + 64 * 1_024)), use: attach)
        routes.get("tickets", ":ticket", "attachments", ":attachment", use: download)
        routes.post("tickets", ":ticket", "assignee", use: assign)
        routes.post("tickets", ":ticket", "watch", use: watch)
    }

    private func ticket(_ request: Request) async throws -> Ticket.ID {
        try await TicketStore(request.tenantDB).resolve(request.parameters.get("ticket") ?? "", visibleTo: try request.caller)
    }

    struct UploadForm: Content {
        var csrf: String?
        var file: File?
    }

    func attach(_ request: Request) async throws -> Response {
        let form = try request.content.decode(UploadForm.self)
        let caller = try request.caller
        try TicketPeopleController.requireWriter(caller)
        let id = try await ticket(request)
        guard let file = form.file else { throw APIError.invalidInput(field: "file", reason: "choose a file") }
        _ = try await TicketStore(request.tenantDB).attach(
            id, name: file.filename, bytes: Array(file.data.readableBytesView), by: caller, now: request.now)
        return request.redirect(to: "/tickets/\(id)#files", redirectType: .normal)
    }

    func download(_ request: Request) async throws -> Response {
        let caller = try request.caller
        let id = try await ticket(request)
        let text = request.parameters.get("attachment") ?? ""
        guard let attachmentID = UUID(uuidString: text) else { throw StoreError.notFound(kind: "attachment", id: text) }
        let (attachment, content) = try await TicketStore(request.tenantDB).attachment(attachmentID, of: id, visibleTo: caller)
        return JSONBody.download(
            ByteBuffer(data: content), contentType: JSONBody.mediaType(attachment.contentType), filename: attachment.name)
    }

    struct PersonForm: Content {
        var csrf: String?
        var user: String?
        var watching: String?
    }

    func assign(_ request: Request) async throws -> Response {
        let form = try request.content.decode(PersonForm.self)
        try TicketPeopleController.requireWriter(try request.caller)
        let id = try await ticket(request)
        let person = (form.user ?? "").isEmpty ? nil : User.ID(string: form.user ?? "")
        _ = try await TicketStore(request.tenantDB).assign(id, to: person, by: try request.caller, now: request.now)
        return request.redirect(to: "/tickets/\(id)#files", redirectType: .normal)
    }

    /// The signed-in person starts or stops watching.
    func watch(_ request: Request) async throws -> Response {
        let form = try request.content.decode(PersonForm.self)
        let caller = try request.caller
        try TicketPeopleController.requireWriter(caller)
        let id = try await ticket(request)
        _ = try await TicketStore(request.tenantDB).watch(
            id, user: caller.user.id, watching: form.watching != "false", by: caller, now: request.now)
        return request.redirect(to: "/tickets/\(id)#files", redirectType: .normal)
    }
}

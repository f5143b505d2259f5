import Domain
import Foundation
import Persistence
import Vapor

/// The practice's identity: the NPIs and TINs it bills under. `/settings/practice` for people and
/// `/api/v1/practice/identifiers` for programs; only a practice administrator changes them.
struct PracticeSettingsController {

    /// The identifier a form or body names; a 422 naming the field when it is not one.
    static func identifier(kind: String?, value: String?, checked: Bool) throws -> PracticeIdentifier {
        guard let raw = kind?.trimmingCharacters(in: .whitespaces).lowercased(), let kind = PracticeIdentifier.Kind(rawValue: raw) else {
            throw APIError.invalidInput(field: "kind", reason: PracticeIdentifierError.unknownKind(kind ?? "").description)
        }
        guard checked else { return PracticeIdentifier(kind: kind, value: value ?? "") }
        do throws(PracticeIdentifierError) {
            return try PracticeIdentifier.validated(kind: kind, value ?? "")
        } catch {
            throw APIError.invalidInput(field: "value", reason: error.description)
        }
    }

    /// What the store refused, as the status it means.
    static func mapped(_ error: PracticeIdentifierStoreError) -> any Error {
        switch error {
        case .alreadyPresent: Abort(.conflict, reason: error.description)
        case .notPresent(let identifier): StoreError.notFound(kind: "identifier of this practice", id: identifier.description)
        }
    }

    struct IdentifierBody: Content {
        var kind: String?
        var value: String?
    }

    struct IdentifierDTO: Content, Equatable {
        let kind: String
        let value: String
        let origin: String
        let fileName: String?
        let addedAt: Date

        init(_ entry: PracticeIdentifierStore.Entry) {
            kind = entry.identifier.kind.rawValue
            value = entry.identifier.value
            origin = entry.origin.rawValue
            fileName = entry.fileName
            addedAt = entry.addedAt
        }
    }

    /// `/api/v1/practice/identifiers`.
    struct API: RouteCollection {
        func boot(routes: any RoutesBuilder) throws {
            routes.get("practice", "identifiers", use: list)
            routes.post("practice", "identifiers", use: add)
            routes.post("practice", "identifiers", "remove", use: remove)
        }

        func list(_ request: Request) async throws -> Response {
            let caller = try request.caller
            try Policy.require(caller, .readPracticeIdentifiers, to: "read the practice's identifiers")
            let entries = try await PracticeIdentifierStore(request.tenantDB).list(practice: caller.organization.id)
            return try JSONBody.response(["identifiers": entries.map(IdentifierDTO.init)])
        }

        func add(_ request: Request) async throws -> Response {
            let caller = try request.caller
            try Policy.require(caller, .editPracticeIdentifiers, to: "change the practice's identifiers")
            let body = try request.content.decode(IdentifierBody.self)
            let identifier = try PracticeSettingsController.identifier(kind: body.kind, value: body.value, checked: true)
            do {
                let entry = try await PracticeIdentifierStore(request.tenantDB).add(
                    identifier, practice: caller.organization.id, by: caller.user.id, now: request.now)
                return try JSONBody.response(IdentifierDTO(entry), status: .created)
            } catch let error as PracticeIdentifierStoreError {
                throw PracticeSettingsController.mapped(error)
            }
        }

        func remove(_ request: Request) async throws -> Response {
            let caller = try request.caller
            try Policy.require(caller, .editPracticeIdentifiers, to: "change the practice's identifiers")
            let body = try request.content.decode(IdentifierBody.self)
            let identifier = try PracticeSettingsController.identifier(kind: body.kind, value: body.value, checked: false)
            do {
                try await PracticeIdentifierStore(request.tenantDB).remove(identifier, practice: caller.organization.id, now: request.now)
            } catch let error as PracticeIdentifierStoreError {
                throw PracticeSettingsController.mapped(error)
            }
            let entries = try await PracticeIdentifierStore(request.tenantDB).list(practice: caller.organization.id)
            return try JSONBody.response(["identifiers": entries.map(IdentifierDTO.init)])
        }
    }

    /// `/settings/practice`.
    struct Pages: RouteCollection {
        func boot(routes: any RoutesBuilder) throws {
            routes.get("settings", "practice", use: page)
            routes.post("settings", "practice", "identifiers", use: add)
            routes.post("settings", "practice", "identifiers", "remove", use: remove)
            routes.post("settings", "practice", "ticket-prefix", use: setPrefix)
        }

        struct PrefixForm: Content {
            var csrf: String?
            var prefix: String?
        }

        struct Form: Content {
            var csrf: String?
            var kind: String?
            var value: String?
        }

        func page(_ request: Request) async throws -> Response {
            try await render(request)
        }

        func render(
            _ request: Request, status: HTTPStatus = .ok, error: String? = nil, notice: String? = nil, typed: Form? = nil,
            typedPrefix: String? = nil, prefixError: String? = nil
        ) async throws -> Response {
            let session = try request.webSession
            let caller = session.caller
            try Policy.require(caller, .readPracticeIdentifiers, to: "read the practice's settings")
            let entries = try await PracticeIdentifierStore(request.tenantDB).list(practice: caller.organization.id)
            var people: [UUID: String] = [:]
            if entries.contains(where: { $0.addedBy != nil }) {
                for user in try await UserStore(request.tenantDB).list(organizationID: caller.organization.id) {
                    people[user.id.rawValue] = user.email.value
                }
            }
            let model = PracticeSettingsPageModel(
                chrome: PageChrome(caller: caller, csrf: session.csrfToken), practice: caller.organization, entries: entries,
                people: people,
                canEdit: Policy.allows(caller.user.role, .editPracticeIdentifiers), error: error, notice: notice,
                typedKind: typed?.kind == "tin" ? "tin" : "npi", typedValue: error == nil ? "" : String((typed?.value ?? "").prefix(40)),
                ticketPrefix: try await OrganizationStore(request.tenantDB).ticketPrefix(of: caller.organization.id),
                typedPrefix: typedPrefix.map { String($0.prefix(20)) }, prefixError: prefixError)
            return try await request.view.render("practice-settings", model).encodeResponse(status: status, for: request)
        }

        func add(_ request: Request) async throws -> Response {
            let (form, caller) = try editorForm(Form.self, csrf: \.csrf, request, to: "change the practice's identifiers")
            let identifier: PracticeIdentifier
            do {
                identifier = try PracticeSettingsController.identifier(kind: form.kind, value: form.value, checked: true)
                try await PracticeIdentifierStore(request.tenantDB).add(
                    identifier, practice: caller.organization.id, by: caller.user.id, now: request.now)
            } catch let error as APIError {
                return try await render(request, status: .unprocessableEntity, error: Self.sentence(error), typed: form)
            } catch let error as PracticeIdentifierStoreError {
                return try await render(
                    request, status: .unprocessableEntity, error: Self.capitalized(error.description) + ".", typed: form)
            }
            return try await render(
                request, notice: "Added \(identifier). Files whose billing provider or payee carries it are now accepted.")
        }

        func remove(_ request: Request) async throws -> Response {
            let (form, caller) = try editorForm(Form.self, csrf: \.csrf, request, to: "change the practice's identifiers")
            let identifier: PracticeIdentifier
            do {
                identifier = try PracticeSettingsController.identifier(kind: form.kind, value: form.value, checked: false)
                try await PracticeIdentifierStore(request.tenantDB).remove(identifier, practice: caller.organization.id, now: request.now)
            } catch let error as APIError {
                return try await render(request, status: .unprocessableEntity, error: Self.sentence(error))
            } catch let error as PracticeIdentifierStoreError {
                return try await render(request, status: .unprocessableEntity, error: Self.capitalized(error.description) + ".")
            }
            return try await render(request, notice: "Removed \(identifier).")
        }

        /// A form of the administrator's: decoded and the caller's role checked (``CSRFMiddleware`` checked its token).
        func editorForm<F: Content>(_ type: F.Type, csrf: KeyPath<F, String?>, _ request: Request, to action: String) throws -> (F, Caller)
        {
            let form = try request.content.decode(F.self)
            let caller = try request.caller
            try Policy.require(caller, .editPracticeIdentifiers, to: action)
            return (form, caller)
        }

        /// Gives the practice's tickets a new prefix; their old keys' numbers still open them.
        func setPrefix(_ request: Request) async throws -> Response {
            let (form, caller) = try editorForm(
                PrefixForm.self, csrf: \.csrf, request, to: "change the prefix of the practice's ticket keys")
            let prefix: String
            do {
                prefix = try await OrganizationStore(request.tenantDB).setTicketPrefix(
                    form.prefix ?? "", of: caller.organization.id, now: request.now)
            } catch let error as TicketKeyError {
                return try await render(
                    request, status: .unprocessableEntity, typedPrefix: form.prefix ?? "",
                    prefixError: Self.capitalized(error.description) + ".")
            }
            return try await render(
                request, notice: "Tickets are now \(prefix)-1, \(prefix)-2, …; links with an old key's number still open them.")
        }

        static func sentence(_ error: APIError) -> String {
            switch error {
            case .invalidInput(_, let reason), .unauthenticated(let reason): capitalized(reason) + "."
            }
        }

        static func capitalized(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }
    }
}

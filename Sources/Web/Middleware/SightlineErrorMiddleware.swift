import Domain
import LeafKit
import Persistence
import Vapor

/// The one place errors become HTTP responses: a status that fits, and a body that names the
/// problem — JSON under `/api`, a small page elsewhere. Unknown errors answer 500 without detail,
/// so nothing internal (or about a patient) reaches the client.
struct SightlineErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let mapped = Self.map(error)
            if mapped.status == .internalServerError {
                // Template errors name only templates; any other unexpected error is logged by type
                // alone, because its text may carry row values.
                let detail = error is LeafError ? ": \(error)" : ""
                request.logger.error("unhandled \(String(reflecting: type(of: error))) on \(request.method) \(request.url.path)\(detail)")
            }
            let response = Self.response(for: mapped, request: request)
            if !Self.wantsJSON(request), let page = await Self.page(for: mapped, request: request) { response.body = .init(buffer: page) }
            return response
        }
    }

    /// The error page in the app's layout (with the navigation when someone is signed in); `nil`
    /// when the template cannot render, and the self-contained page stays.
    static func page(for mapped: Mapped, request: Request) async -> ByteBuffer? {
        let chrome = (try? request.webSession).map { PageChrome(caller: $0.caller, csrf: $0.csrfToken) }
        let model = ErrorPageModel(status: mapped.status, reason: mapped.reason, chrome: chrome,
                                   referer: request.headers.first(name: .referer), host: request.headers.first(name: .host))
        do {
            return try await request.view.render("error", model).data
        } catch {
            request.logger.error("the error page did not render: \(error is LeafError ? "\(error)" : String(reflecting: type(of: error)))")
            return nil
        }
    }

    /// A mapped error: status, stable code and a sentence for people.
    struct Mapped: Equatable {
        let status: HTTPResponseStatus
        let code: String
        let reason: String
        /// Seconds to wait before trying again (429).
        var retryAfter: String?
    }

    static func map(_ error: any Error) -> Mapped {
        switch error {
        case let error as APIError:
            let code = error.status == .unauthorized ? "unauthorized" : "invalid_input"
            return Mapped(status: error.status, code: code, reason: error.description)
        case let error as StoreError:
            switch error {
            case .organizationNotFound, .userNotFound, .notFound: return Mapped(status: .notFound, code: "not_found", reason: error.description)
            case .emailTaken, .alreadySetUp: return Mapped(status: .conflict, code: "conflict", reason: error.description)
            case .practiceRequired: return Mapped(status: .badRequest, code: "practice_required", reason: error.description)
            case .userDeactivated: return Mapped(status: .forbidden, code: "forbidden", reason: error.description)
            case .corruptRow: return Mapped(status: .internalServerError, code: "internal_error", reason: "internal error")
            }
        case let error as OrganizationError: return invalid(error.description)
        case let error as EmailAddressError: return invalid(error.description)
        case let error as PasswordPolicyError: return invalid(error.description)
        case let error as RoleError: return invalid(error.description)
        case let error as TokenLifetimeError: return invalid(error.description)
        case let error as EngagementError:
            if case .alreadyEngaged = error { return conflict(error.description) }
            return invalid(error.description)
        case let error as ContactError:
            switch error {
            case .otherParty: return forbidden(error.description)
            case .lastPrimary: return conflict(error.description)
            case .missing, .tooLong: return invalid(error.description)
            }
        case let error as ContractVersionError:
            switch error {
            case .notAnEditor, .notASigner: return forbidden(error.description)
            case .notADraft, .alreadyAccepted: return conflict(error.description)
            case .invalid: return invalid(error.description)
            case .noneInForce: return Mapped(status: .notFound, code: "not_found", reason: error.description)
            }
        case let error as ChangeRequestError:
            switch error {
            case .notAnApprover, .wrongParty, .notTheProposer: return forbidden(error.description)
            case .alreadyApproved, .closed, .conflict, .noContractInForce: return conflict(error.description)
            case .reasonRequired, .badTitle, .cannotApply: return invalid(error.description)
            }
        case let error as ContractEditError: return invalid(error.description)
        case let error as ChangeRequestStoreError: return invalid(error.description)
        case let error as TicketKeyError:
            switch error {
            case .ambiguous: return Mapped(status: .notFound, code: "not_found", reason: error.description)
            case .prefixTaken: return conflict(error.description)
            case .prefixLength, .prefixCharacters: return invalid(error.description)
            }
        case let error as TicketError:
            if case .badTransition = error { return conflict(error.description) }
            return invalid(error.description)
        case let error as TicketPeopleError:
            switch error {
            case .attachment(.tooLarge): return Mapped(status: .payloadTooLarge, code: "payload_too_large", reason: error.description)
            case .otherPartyAssigns, .onlyYourself: return forbidden(error.description)
            case .notInParty, .attachment: return invalid(error.description)
            }
        case let error as ScopeError:
            if case .vendorOnly = error { return forbidden(error.description) }
            return invalid(error.description)
        case let error as PeriodCloseError: return invalid(error.description)
        case let error as MembershipError:
            switch error {
            case .notAllowed: return forbidden(error.description)
            case .already, .notPending: return conflict(error.description)
            case .notOfVendor, .reason: return invalid(error.description)
            }
        case let error as RoleChangeError:
            switch error {
            case .notAllowed, .ownRequest: return forbidden(error.description)
            case .notPending, .stale: return conflict(error.description)
            case .sameRole, .freshCodeNeeded, .reason: return invalid(error.description)
            }
        case let error as AccessReviewError:
            if case .notAllowed = error { return forbidden(error.description) }
            return error.isConflict ? conflict(error.description) : invalid(error.description)
        case let error as PilotError:
            switch error {
            case .notAllowed: return forbidden(error.description)
            case .decided: return conflict(error.description)
            case .field, .unknownCriterion: return invalid(error.description)
            }
        case let error as GovernanceError:
            switch error {
            case .notAllowed: return forbidden(error.description)
            case .closed, .conflict: return conflict(error.description)
            case .field: return invalid(error.description)
            }
        case let error as BreakGlassError:
            if case .notEligible = error { return forbidden(error.description) }
            return invalid(error.description)
        case let error as ReportedFigureError:
            if case .vendorOnly = error { return forbidden(error.description) }
            return invalid(error.description)
        case let error as AuditTextError: return invalid(error.description)
        case let error where DatabaseBusy.matches(error):
            return Mapped(status: .serviceUnavailable, code: "busy", reason: "the database is busy with other work; try again in a few seconds",
                          retryAfter: String(DatabaseBusy.retryAfterSeconds))
        case is DecodingError:
            return Mapped(status: .badRequest, code: "bad_request", reason: "the request body is not in the expected form")
        case let error as DatabaseStartupError:
            return Mapped(status: .serviceUnavailable, code: "database_unavailable", reason: error.description)
        case let error as any AbortError where error.status.code < 500:
            let code = error.status.reasonPhrase.lowercased().replacingOccurrences(of: " ", with: "_")
            return Mapped(status: error.status, code: code, reason: error.reason, retryAfter: error.headers.first(name: "Retry-After"))
        default:
            return Mapped(status: .internalServerError, code: "internal_error", reason: "internal error")
        }
    }

    private static func forbidden(_ reason: String) -> Mapped { Mapped(status: .forbidden, code: "forbidden", reason: reason) }
    private static func conflict(_ reason: String) -> Mapped { Mapped(status: .conflict, code: "conflict", reason: reason) }

    private static func invalid(_ reason: String) -> Mapped {
        Mapped(status: .unprocessableEntity, code: "invalid_input", reason: reason)
    }

    private struct Body: Content {
        let error: String
        let reason: String
    }

    /// The API and the health check answer JSON; pages answer HTML.
    static func wantsJSON(_ request: Request) -> Bool {
        request.url.path.hasPrefix("/api/") || request.url.path == "/healthz"
    }

    static func response(for mapped: Mapped, request: Request) -> Response {
        let response = Response(status: mapped.status)
        if mapped.status == .unauthorized {
            response.headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer realm=\"sightline\"")
        }
        if let retryAfter = mapped.retryAfter { response.headers.replaceOrAdd(name: "Retry-After", value: retryAfter) }
        if wantsJSON(request) {
            // Sorted keys: the same error always gives the same bytes, so another tenant's object
            // answers byte for byte like a missing one.
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            response.headers.contentType = .json
            response.body = .init(data: (try? encoder.encode(Body(error: mapped.code, reason: mapped.reason))) ?? Data())
        } else {
            response.headers.contentType = .html
            response.body = .init(string: HTMLPage.errorPage(status: mapped.status, reason: mapped.reason))
        }
        return response
    }
}

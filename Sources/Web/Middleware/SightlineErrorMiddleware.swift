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
        let model = ErrorPageModel(
            status: mapped.status, reason: mapped.reason, chrome: chrome,
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

    /// The failure an error is, from the one catalogue (``Failure/of(_:adapters:)``), as a status,
    /// a stable code and a sentence. Errors of the libraries the web layer uses (a body that does
    /// not decode, the framework's own aborts) and a busy database are told here.
    static func map(_ error: any Error) -> Mapped {
        if let error = error as? any AbortError, !(error is any CataloguedError), error.status.code < 500 {
            let code = error.status.reasonPhrase.lowercased().replacingOccurrences(of: " ", with: "_")
            return Mapped(status: error.status, code: code, reason: error.reason, retryAfter: error.headers.first(name: "Retry-After"))
        }
        let failure = Failure.of(error, adapters: failureAdapters)
        return Mapped(
            status: HTTPResponseStatus(statusCode: failure.kind.httpStatus), code: failure.kind.wireCode, reason: failure.message,
            retryAfter: failure.kind == .busy ? String(DatabaseBusy.retryAfterSeconds) : nil)
    }

    /// What the web layer knows of errors that do not say their kind themselves.
    static let failureAdapters: [@Sendable (any Error) -> Failure?] =
        Failure.persistenceAdapters + [
            { error in error is DecodingError ? Failure(kind: .badRequest, message: "the request body is not in the expected form") : nil }
        ]

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

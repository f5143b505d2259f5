/// What kind of failure an error is. The one catalogue of how a failure reaches people: the HTTP
/// status the API and the pages answer, the exit code of the command line (sysexits(3)) and the
/// stable code in the JSON body. Every error type says its kind next to its cases
/// (``CataloguedError``); the web's error middleware and the CLI both ask here and nowhere else.
public enum FailureKind: String, Sendable, CaseIterable {
    /// The input cannot be used: a field out of range, a rule the value breaks.
    case invalid
    /// The request itself is malformed (a body not in the expected form, a required choice missing).
    case badRequest
    /// No such thing here — or one the caller may not know exists.
    case notFound
    /// The thing is not in a state that allows this (already decided, taken, closed).
    case conflict
    /// The caller is known but may not do this.
    case forbidden
    /// The caller is not known: no or bad credentials.
    case unauthorized
    /// More than the limit.
    case tooLarge
    /// Another writer holds the database; nothing changed, try again shortly.
    case busy
    /// A service Sightline needs (its database, its port) cannot be reached.
    case unavailable
    /// The configuration cannot be used.
    case configuration
    /// Sightline's own fault; no detail reaches the caller.
    case `internal`

    /// The HTTP status code.
    public var httpStatus: Int {
        switch self {
        case .invalid: 422
        case .badRequest: 400
        case .notFound: 404
        case .conflict: 409
        case .forbidden: 403
        case .unauthorized: 401
        case .tooLarge: 413
        case .busy, .unavailable: 503
        case .configuration, .internal: 500
        }
    }

    /// The command line's exit code, from sysexits(3).
    public var exitCode: Int32 {
        switch self {
        case .invalid, .conflict, .tooLarge: 65  // EX_DATAERR
        case .badRequest: 64  // EX_USAGE
        case .notFound: 66  // EX_NOINPUT
        case .forbidden, .unauthorized: 77  // EX_NOPERM
        case .busy, .unavailable: 69  // EX_UNAVAILABLE
        case .configuration: 78  // EX_CONFIG
        case .internal: 70  // EX_SOFTWARE
        }
    }

    /// The stable code in an API error body (`{"error": code, "reason": …}`).
    public var wireCode: String {
        switch self {
        case .invalid: "invalid_input"
        case .badRequest: "bad_request"
        case .notFound: "not_found"
        case .conflict: "conflict"
        case .forbidden: "forbidden"
        case .unauthorized: "unauthorized"
        case .tooLarge: "payload_too_large"
        case .busy: "busy"
        case .unavailable: "unavailable"
        case .configuration, .internal: "internal_error"
        }
    }

    /// Whether the error's own words may reach the caller. An internal failure's text may carry
    /// row values (or a patient's), so it is replaced by ``FailureKind/internalMessage``.
    public var showsOwnMessage: Bool { self != .internal }

    /// What an internal failure says.
    public static let internalMessage = "internal error"

    /// What a busy database says, wherever it is met.
    public static let busyMessage = "the database is busy with other work; nothing was changed — try again in a few seconds"
}

/// An error that says which kind of failure it is; its `description` is the plain-language
/// message people read (never patient data).
public protocol CataloguedError: Error, CustomStringConvertible {
    var failureKind: FailureKind { get }
}

/// A failure as people meet it: its kind and the sentence that names the problem.
public struct Failure: Sendable, Equatable {
    public let kind: FailureKind
    public let message: String

    public init(kind: FailureKind, message: String) {
        self.kind = kind
        self.message = kind.showsOwnMessage ? message : FailureKind.internalMessage
    }

    /// The failure an error is: a ``CataloguedError`` says so itself; `adapters` (each layer's
    /// knowledge of errors from libraries it uses) are asked next; anything else is internal.
    public static func of(_ error: any Error, adapters: [@Sendable (any Error) -> Failure?] = []) -> Failure {
        if let catalogued = error as? any CataloguedError {
            return Failure(kind: catalogued.failureKind, message: catalogued.description)
        }
        for adapter in adapters {
            if let failure = adapter(error) { return failure }
        }
        return Failure(kind: .internal, message: FailureKind.internalMessage)
    }
}

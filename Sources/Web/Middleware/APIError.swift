import Vapor

/// Errors the web layer raises itself, each with its HTTP status.
enum APIError: Error, CustomStringConvertible {
    /// No or bad credentials (401).
    case unauthenticated(String)
    /// Form or body input that cannot be used (422), with the field it concerns.
    case invalidInput(field: String, reason: String)

    var status: HTTPResponseStatus {
        switch self {
        case .unauthenticated: .unauthorized
        case .invalidInput: .unprocessableEntity
        }
    }

    var description: String {
        switch self {
        case .unauthenticated(let reason): reason
        case .invalidInput(let field, let reason): "\(field): \(reason)"
        }
    }
}

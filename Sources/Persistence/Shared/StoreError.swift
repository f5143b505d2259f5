import Domain

/// Why a store refused a write or a read failed. Messages name the problem, never patient data.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No organisation has this id (or it belongs to another tenant).
    case organizationNotFound(String)
    /// No user has this e-mail address.
    case userNotFound(email: String)
    /// The e-mail address already signs in another user.
    case emailTaken(String)
    /// The user is deactivated and cannot be given new access.
    case userDeactivated(email: String)
    /// Several practices exist and the command must be told which.
    case practiceRequired(choices: [String])
    /// A stored row no longer maps to a Domain value.
    case corruptRow(table: String, detail: String)
    /// The first-run setup was already completed.
    case alreadySetUp
    /// Nothing of this kind has the id, or it belongs to another tenant: both answer the same.
    case notFound(kind: String, id: String)

    public var description: String {
        switch self {
        case .organizationNotFound(let id): "no organisation with id \(id)"
        case .userNotFound(let email): "no user with e-mail \(email)"
        case .emailTaken(let email): "a user with e-mail \(email) already exists"
        case .userDeactivated(let email): "user \(email) is deactivated"
        case .practiceRequired(let choices):
            "several practices exist; choose one with --practice: \(choices.joined(separator: "; "))"
        case .corruptRow(let table, let detail): "stored row in \(table) is unreadable (\(detail))"
        case .alreadySetUp: "Sightline is already set up; sign in instead"
        case .notFound(let kind, let id): "no \(kind) with id \(id)"
        }
    }
}

extension StoreError: CataloguedError {
    public var failureKind: FailureKind {
        switch self {
        case .organizationNotFound, .userNotFound, .notFound: .notFound
        case .emailTaken, .alreadySetUp: .conflict
        case .practiceRequired: .badRequest
        case .userDeactivated: .forbidden
        case .corruptRow: .internal
        }
    }
}

import Domain

/// What every signed-in page shows around its content: who is signed in, and the session's
/// anti-forgery token for its forms (sign-out included).
struct PageChrome: Encodable, Equatable {
    let email: String
    let role: String
    let organization: String
    let csrf: String
    /// Whether the navigation offers the audit trail.
    let audits: Bool
    /// Whether the navigation offers break-glass access (roles that do not see patient data otherwise).
    let breakGlass: Bool

    init(caller: Caller, csrf: String) {
        email = caller.user.email.value
        role = caller.user.role.label
        organization = caller.organization.name
        self.csrf = csrf
        audits = caller.organization.kind == .practice && AuditPagesController.readers.contains(caller.user.role)
        breakGlass = BreakGlassGrant.eligible.contains(caller.user.role)
    }
}

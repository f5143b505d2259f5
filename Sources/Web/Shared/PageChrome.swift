import Domain

/// What every signed-in page shows around its content: who is signed in, and the session's
/// anti-forgery token for its forms (sign-out included).
struct PageChrome: Encodable, Equatable {
    let email: String
    let role: String
    let organization: String
    let csrf: String
    /// The navigation: only the pages this person's role may open.
    let links: [Link]

    struct Link: Encodable, Equatable {
        let href: String
        let label: String
    }

    init(caller: Caller, csrf: String) {
        email = caller.user.email.value
        role = caller.user.role.label
        organization = caller.organization.name
        self.csrf = csrf
        links = Self.links(for: caller.user.role, in: caller.organization.kind)
    }

    /// The pages a role may open, in the navigation's order.
    static func links(for role: Role, in kind: Organization.Kind) -> [Link] {
        var links = [Link(href: "/home", label: "Home")]
        if kind == .practice, Policy.allows(role, .readFigures) { links.append(Link(href: "/dashboard", label: "Figures")) }
        links.append(Link(href: "/engagements", label: "Engagements"))
        if kind == .practice, Policy.allows(role, .readImports) { links.append(Link(href: "/imports", label: "Imports")) }
        links.append(Link(href: "/scope", label: "Scope"))
        links.append(Link(href: "/people", label: "People"))
        if kind == .practice, Policy.allows(role, .readAuditTrail) { links.append(Link(href: "/audit", label: "Audit trail")) }
        if kind == .practice, Policy.allows(role, .readPracticeIdentifiers) {
            links.append(Link(href: "/settings/practice", label: "Practice settings"))
        }
        if Policy.allows(role, .openBreakGlass) { links.append(Link(href: "/break-glass", label: "Break glass")) }
        return links
    }
}

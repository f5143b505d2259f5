import Domain
import Foundation

/// `/people`: the people of the signed-in person's organisation, and its role changes (movers):
/// asked for by the administrator (the vendor's lead), approved by another approver with a fresh
/// authenticator code.
struct PeoplePageModel: Encodable, Equatable {
    struct Person: Encodable, Equatable {
        let email, role, state: String
        let authenticator: Bool
    }

    struct Change: Encodable, Equatable {
        let id, email, from, to, reason, status, requested: String
        let decidable: Bool
    }

    /// What was typed into the request form, and what to fix, kept across a refusal.
    struct RequestForm: Encodable, Equatable {
        var email = ""
        var role = ""
        var reason = ""
        var errors: [String: String] = [:]
    }

    struct RoleChoice: Encodable, Equatable {
        let value, label: String
        let selected: Bool
    }

    let chrome: PageChrome
    let organization: String
    let people: [Person]
    let changes: [Change]
    let canRequest: Bool
    let roles: [RoleChoice]
    let emails: [String]
    let form: RequestForm
    let decisionError: String?

    init(
        chrome: PageChrome, caller: Caller, people: [(user: User, active: Bool, enrolled: Bool)], changes: [RoleChange], timeZone: String,
        form: RequestForm = RequestForm(), decisionError: String? = nil
    ) {
        self.chrome = chrome
        organization = caller.organization.name
        self.people = people.map {
            Person(
                email: $0.user.email.value, role: $0.user.role.label, state: $0.active ? "active" : "deactivated",
                authenticator: $0.enrolled)
        }
        let formatter = ClockCell.formatter(timeZone: timeZone)
        let approver = Policy.roles(.approveRoleChange, of: caller.organization.kind).contains(caller.user.role)
        self.changes = changes.map { change in
            Change(
                id: change.id.description, email: change.email, from: change.from.label, to: change.to.label, reason: change.reason,
                status: change.status.rawValue, requested: formatter.string(from: change.requestedAt),
                decidable: approver && change.status == .requested && change.requestedBy != caller.user.id
                    && change.userID != caller.user.id)
        }
        canRequest = Policy.roles(.requestRoleChange, of: caller.organization.kind).contains(caller.user.role)
        roles = Role.allCases.filter { $0.organizationKind == caller.organization.kind }
            .map { RoleChoice(value: $0.rawValue, label: $0.label, selected: $0.rawValue == form.role) }
        emails = people.filter(\.active).map(\.user.email.value)
        self.form = form
        self.decisionError = decisionError
    }
}

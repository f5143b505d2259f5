import Domain
import Foundation
import Persistence

/// `/engagements/{id}/change-requests/{cr}`: one request, its diff, its discussion and the
/// decisions the signed-in person may take.
struct ChangeRequestPageModel: Encodable, Equatable {
    struct Change: Encodable, Equatable {
        let path: String
        let before: String
        let after: String
    }

    struct Entry: Encodable, Equatable {
        let who: String
        let when: String
        let text: String
    }

    let chrome: PageChrome
    let engagementLink: String
    let actionBase: String
    let reference: String
    let title: String
    let kind: String
    let status: String
    let reason: String
    let budgetImpact: String
    let timelineImpact: String
    let requestedEffective: String
    let baseVersion: Int
    let resultingVersion: Int?
    /// What follows the status, as a whole phrase ("awaiting the practice and the vendor"), or
    /// `nil` when nothing does: the page never shows a dangling "awaiting the".
    let statusDetail: String?
    let changes: [Change]
    let history: [Entry]
    let canDecide: Bool
    let canWithdraw: Bool
    let canComment: Bool
    let error: String?

    struct Input {
        let caller: Caller
        let csrf: String
        let engagementID: Engagement.ID
        let request: ChangeRequest
        let diff: ContractDiff
        let comments: [ChangeRequestComment]
        let names: [User.ID: String]
        let timeZone: String
        let error: String?
    }

    init(_ input: Input) {
        let request = input.request
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: input.timeZone)
        formatter.dateFormat = "yyyy-MM-dd HH:mm zzz"
        func name(_ id: User.ID) -> String { input.names[id] ?? "a former user" }
        chrome = PageChrome(caller: input.caller, csrf: input.csrf)
        engagementLink = "/engagements/\(input.engagementID)"
        actionBase = "/engagements/\(input.engagementID)/change-requests/\(request.id)"
        reference = request.reference
        title = request.title
        kind = request.kind.label
        status = request.status.rawValue
        reason = request.reason
        budgetImpact =
            request.budgetImpactMonthly.map { ($0.cents < 0 ? "−$" : "+$") + Money(cents: abs($0.cents)).description + " a month" }
            ?? "none stated"
        timelineImpact = request.timelineImpact.nilIfEmpty ?? "none stated"
        requestedEffective = request.requestedEffectiveFrom?.description ?? "on approval"
        baseVersion = request.baseVersion
        resultingVersion = request.resultingVersion
        statusDetail = Self.statusDetail(request)
        changes = input.diff.changes.map {
            Change(path: $0.path.description, before: $0.before?.description ?? "—", after: $0.after?.description ?? "(removed)")
        }
        var history = [
            Entry(
                who: "\(name(request.proposedBy)) (\(request.proposedByParty.rawValue))", when: formatter.string(from: request.proposedAt),
                text: "proposed")
        ]
        history += input.comments.map {
            Entry(who: "\(name($0.author)) (\($0.party.rawValue))", when: formatter.string(from: $0.at), text: $0.body)
        }
        history += request.approvals.map {
            Entry(
                who: "\(name($0.userID)) (\($0.party.rawValue))", when: formatter.string(from: $0.at),
                text: "approved" + ($0.note.map { ": \($0)" } ?? ""))
        }
        if let closing = request.closing {
            history.append(
                Entry(
                    who: "\(name(closing.userID)) (\(closing.party.rawValue))", when: formatter.string(from: closing.at),
                    text: request.status.rawValue + (closing.note.map { ": \($0)" } ?? "")))
        }
        self.history = history.sorted { $0.when < $1.when }
        let role = input.caller.user.role
        let open = request.status == .proposed
        canDecide = open && role.isAuthorisedApprover && request.awaiting.contains(role.party)
        canWithdraw = open && request.proposedBy == input.caller.user.id
        canComment = open && role != .complianceAuditor
        error = input.error
    }
}

extension ChangeRequestPageModel {
    /// The phrase after a request's status: who it waits for while proposed, the contract version
    /// it became once approved; nothing for a request closed otherwise.
    static func statusDetail(_ request: ChangeRequest) -> String? {
        switch request.status {
        case .proposed:
            let parties = request.awaiting.map { "the \($0.rawValue)" }
            return parties.isEmpty ? nil : "awaiting " + parties.joined(separator: " and ")
        case .approved:
            return request.resultingVersion.map { "became contract version \($0)" }
        case .rejected, .withdrawn:
            return nil
        }
    }
}

/// `/engagements/{id}/change-requests/new`: the proposal form, with the contract's current values
/// and their paths to copy from.
struct ChangeRequestFormModel: Encodable, Equatable {
    struct Value: Encodable, Equatable {
        let path: String
        let value: String
    }

    let chrome: PageChrome
    let engagementLink: String
    let action: String
    let kinds: [String]
    let kind: String
    let title: String
    let reason: String
    let changes: String
    let budgetImpact: String
    let timelineImpact: String
    let effectiveFrom: String
    let baseVersion: Int
    let values: [Value]
    let error: String?

    init(caller: Caller, csrf: String, engagementID: Engagement.ID, base: ContractVersion, form: Form, error: String?) {
        chrome = PageChrome(caller: caller, csrf: csrf)
        engagementLink = "/engagements/\(engagementID)"
        action = "/engagements/\(engagementID)/change-requests"
        kinds = ChangeRequest.Kind.allCases.map(\.rawValue)
        kind = form.kind ?? ChangeRequest.Kind.scope.rawValue
        title = form.title ?? ""
        reason = form.reason ?? ""
        changes = form.changes ?? ""
        budgetImpact = form.budgetImpact ?? ""
        timelineImpact = form.timelineImpact ?? ""
        effectiveFrom = form.effectiveFrom ?? ""
        baseVersion = base.number
        values = base.contract.flattened().map { Value(path: $0.path.description, value: $0.value.description) }
        self.error = error
    }

    /// What the form posts.
    struct Form: Codable, Equatable {
        var csrf: String?
        var kind: String?
        var title: String?
        var reason: String?
        var changes: String?
        var budgetImpact: String?
        var timelineImpact: String?
        var effectiveFrom: String?
    }

    /// Reads the form into a proposal; every problem names its field (or the line of the changes).
    static func proposal(
        from form: Form
    ) throws(ProposalFormError) -> (kind: ChangeRequest.Kind, edits: [ContractEdit], budget: Money?, effective: CalendarDate?) {
        guard let kind = ChangeRequest.Kind(rawValue: form.kind ?? "") else { throw .field("kind", "choose what the change is about") }
        let edits: [ContractEdit]
        do { edits = try ChangeLines.parse(form.changes ?? "") } catch { throw .field("changes", error.description) }
        var budget: Money?
        if let text = form.budgetImpact?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            guard let money = Money(text.replacingOccurrences(of: "$", with: "").replacingOccurrences(of: ",", with: "")) else {
                throw .field("budgetImpact", "'\(text)' is not an amount")
            }
            budget = money
        }
        var effective: CalendarDate?
        if let text = form.effectiveFrom?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            guard let date = CalendarDate(text) else { throw .field("effectiveFrom", "'\(text)' is not a date (YYYY-MM-DD)") }
            effective = date
        }
        return (kind, edits, budget, effective)
    }
}

/// A change-request form that cannot be used.
enum ProposalFormError: Error, Equatable, CustomStringConvertible {
    case field(String, String)

    var description: String {
        switch self {
        case .field(let field, let reason): "\(field): \(reason)"
        }
    }
}

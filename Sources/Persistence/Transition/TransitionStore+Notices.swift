import Domain
import FluentKit
import Foundation

/// Staff communication: for each task that moves, what changes and what it frees the team for,
/// published to staff, who ask questions and give feedback that the plan's keepers answer.
extension TransitionStore {
    /// Writes a notice, published at once or kept as a draft for the keepers.
    public func addNotice(
        task: String, changes: String, freesFor: String, publish: Bool, in engagement: Engagement, by caller: Caller, now: Date
    ) async throws
        -> StaffNotice
    {
        try Self.require(caller, to: "write staff notices")
        let task = try TransitionText.checked(task, field: "task", limit: 200)
        let changes = try TransitionText.checked(changes, field: "changes", limit: 2_000)
        let freesFor = try TransitionText.checked(freesFor, field: "freesFor", limit: 2_000)
        let plan = try await modify(
            engagement, now: now, action: "transition.notice", detail: "notice on \(task.prefix(100))\(publish ? ", published" : "")"
        ) { plan in
            let number = (plan.notices.map(\.number).max() ?? 0) + 1
            plan.notices.append(
                StaffNotice(
                    number: number, task: task, changes: changes, freesFor: freesFor, writtenBy: caller.user.email.value,
                    publishedAt: publish ? now : nil))
        }
        guard let notice = plan.notices.last else { throw StoreError.notFound(kind: "notice", id: task) }
        return notice
    }

    /// Publishes a draft notice to staff.
    public func publish(_ notice: StaffNotice.ID, in engagement: Engagement, by caller: Caller, now: Date) async throws -> StaffNotice {
        try Self.require(caller, to: "publish staff notices")
        let plan = try await modify(engagement, now: now, action: "transition.notice", detail: "notice \(notice) published") { plan in
            let index = try Self.notice(notice, in: plan)
            guard plan.notices[index].publishedAt == nil else {
                throw GovernanceError.conflict("notice \(plan.notices[index].number) is published already")
            }
            plan.notices[index].publishedAt = now
        }
        return plan.notices[try Self.notice(notice, in: plan)]
    }

    /// A question or feedback from anyone of the engagement on a published notice.
    public func respond(
        to notice: StaffNotice.ID, kind: StaffResponse.Kind, text: String, in engagement: Engagement, by caller: Caller, now: Date
    ) async throws
        -> StaffResponse
    {
        let text = try TransitionText.checked(text, field: "text", limit: 2_000)
        let response = StaffResponse(kind: kind, text: text, by: caller.user.email.value, at: now)
        // The detail names the kind only: what staff write stays on the plan, out of the audit trail's text.
        _ = try await modify(engagement, now: now, action: "transition.response", detail: "\(kind.rawValue) on notice \(notice)") { plan in
            let index = try Self.notice(notice, in: plan)
            guard plan.notices[index].publishedAt != nil else { throw StoreError.notFound(kind: "notice", id: notice.description) }
            guard plan.notices[index].responses.count < 500 else {
                throw GovernanceError.field("text", "the notice holds at most 500 questions and comments")
            }
            plan.notices[index].responses.append(response)
        }
        return response
    }

    /// The keepers' answer to a question or feedback (a second answer replaces the first).
    public func answer(
        _ response: StaffResponse.ID, on notice: StaffNotice.ID, text: String, in engagement: Engagement, by caller: Caller, now: Date
    ) async throws
        -> StaffResponse
    {
        try Self.require(caller, to: "answer staff questions")
        let text = try TransitionText.checked(text, field: "answer", limit: 2_000)
        let plan = try await modify(engagement, now: now, action: "transition.response", detail: "answer on notice \(notice)") { plan in
            let index = try Self.notice(notice, in: plan)
            guard let item = plan.notices[index].responses.firstIndex(where: { $0.id == response }) else {
                throw StoreError.notFound(kind: "question", id: response.description)
            }
            plan.notices[index].responses[item].answer = text
            plan.notices[index].responses[item].answeredBy = caller.user.email.value
            plan.notices[index].responses[item].answeredAt = now
        }
        guard let answered = plan.notices.flatMap(\.responses).first(where: { $0.id == response }) else {
            throw StoreError.notFound(kind: "question", id: response.description)
        }
        return answered
    }

    static func notice(_ id: StaffNotice.ID, in plan: TransitionPlan) throws -> Int {
        guard let index = plan.notices.firstIndex(where: { $0.id == id }) else {
            throw StoreError.notFound(kind: "notice", id: id.description)
        }
        return index
    }
}

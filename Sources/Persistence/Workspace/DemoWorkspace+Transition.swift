import Domain
import FluentKit
import Foundation

extension DemoWorkspace {
    /// The demo's transition plan, started six months ago: the billing transition's first steps
    /// done with their evidence, monitoring and governance under way, the workflow as it ran
    /// mapped, prior authorizations being rolled out, and notices to staff with a question
    /// answered and feedback waiting.
    public static func seedTransition(on database: any Database, engagement: Engagement, practice: Organization, now: Date) async throws
        -> (steps: Int, done: Int, notices: Int) {
        guard let today = CalendarDate.on(now, in: practice.timeZone) else { throw StoreError.corruptRow(table: "organizations", detail: "time zone") }
        let users = UserStore(database)
        func caller(_ address: String) async throws -> Caller {
            guard let user = try await users.find(email: try EmailAddress(address)), let organization = try await OrganizationStore(database).find(user.organizationID) else {
                throw StoreError.userNotFound(email: address)
            }
            return Caller(user: user, organization: organization)
        }
        let manager = try await caller("manager@riverbend.example"), lead = try await caller("lead@northgate.example")
        let frontDesk = try await caller("frontdesk@riverbend.example")
        let start = CalendarMonth(today).adding(months: -6)?.firstDay ?? today
        func moment(_ days: Int) -> Date { Date(timeIntervalSince1970: Double((start.adding(days: days) ?? start).dayNumber) * 86_400 + 15 * 3_600) }
        let store = TransitionStore(database)
        var plan = try await store.start(in: engagement, from: start, owner: manager.user.email.value, by: manager, now: moment(0))
        let workflow = [
            WorkflowTask(task: "Charge entry", owner: "Front desk", handoff: "Superbill to the biller at day's end", commonDelay: "Unsigned notes hold charges",
                         report: "Daily charge log"),
            WorkflowTask(task: "Claim scrubbing and submission", owner: "Biller", handoff: "Clearinghouse", commonDelay: "Rejections worked once a week",
                         report: "Clearinghouse rejection report"),
            WorkflowTask(task: "Payment posting", owner: "Biller", handoff: "ERA from the clearinghouse", commonDelay: "Paper checks posted late",
                         report: "Deposit reconciliation"),
            WorkflowTask(task: "Denial follow-up", owner: "Practice manager", handoff: "Payer portals and phone", commonDelay: "No one owns denials under $50",
                         report: "Aging by payer"),
            WorkflowTask(task: "Patient statements", owner: "Front desk", handoff: "Statement vendor", commonDelay: "Balances after secondary unclear",
                         report: "Patient A/R"),
        ]
        for task in workflow { plan = try await store.addWorkflowTask(task, in: engagement, by: manager, now: moment(5)) }
        let evidence: [String: (String, Caller, Int)] = [
            "map_workflow": ("Workflow map below, walked through with the front desk", manager, 12),
            "clean_up": ("A/R over 120 days written down or worked; shared biller login closed; access review R-1 signed", manager, 30),
            "define_ownership": ("Contract v1 with the responsibility grid, signed by both parties", lead, 34),
            "pilot": ("Phase 1 (Medicare Part B) passed its gate; go recorded by the practice", manager, 95),
            "train": ("Joint session held; front desk checklist for secondary insurance", lead, 44),
        ]
        for step in plan.steps {
            if let (note, owner, days) = evidence[step.key] {
                for item in step.checklist.indices {
                    plan = try await store.check(step.id, item: item + 1, done: true, in: engagement, by: owner, now: moment(days - 1))
                }
                plan = try await store.update(step.id, in: engagement, .init(owner: owner.user.email.value, status: .done, evidence: note), by: owner, now: moment(days))
            } else {
                plan = try await store.check(step.id, item: 1, done: true, in: engagement, by: manager, now: moment(60))
            }
        }
        plan = try await store.addRollout(of: "Prior authorizations", from: today.adding(days: -20) ?? today, owner: lead.user.email.value, in: engagement, by: manager,
                                          now: moment(150))
        if let first = plan.rollouts.first?.steps.first {
            for item in first.checklist.indices { plan = try await store.check(first.id, item: item + 1, done: true, in: engagement, by: lead, now: moment(160)) }
            plan = try await store.update(first.id, in: engagement, .init(status: .done, evidence: "Auth requests wait 3 days on average; 11 denials for missing auths last quarter"),
                                          by: lead, now: moment(161))
        }
        let followUp = try await store.addNotice(
            task: "Denial follow-up", changes: "Northgate works every denial, whatever its amount, within five business days; you will see their notes on the claim.",
            freesFor: "The practice manager's Friday afternoons go back to patients and staff scheduling.", publish: true, in: engagement, by: manager, now: moment(36))
        let question = try await store.respond(to: followUp.id, kind: .question, text: "Who do I call when a patient asks about a denied claim?",
                                               in: engagement, by: frontDesk, now: moment(37))
        _ = try await store.answer(question.id, on: followUp.id, text: "Open a ticket in Sightline (category: patient concern); Northgate answers within a business day.",
                                   in: engagement, by: manager, now: moment(38))
        let posting = try await store.addNotice(
            task: "Payment posting", changes: "Northgate posts every ERA and scanned check within two business days of deposit.",
            freesFor: "The front desk no longer keys in paper checks at day's end.", publish: true, in: engagement, by: manager, now: moment(40))
        _ = try await store.respond(to: posting.id, kind: .feedback, text: "Paper checks still come to the front desk: can the lockbox address go on statements?",
                                    in: engagement, by: frontDesk, now: moment(41))
        _ = try await store.addNotice(
            task: "Prior authorizations", changes: "Northgate will request authorizations for imaging and specialty referrals.",
            freesFor: "Medical assistants stop waiting on hold with payers.", publish: false, in: engagement, by: manager, now: moment(155))
        let steps = plan.allSteps
        return (steps.count, steps.filter { $0.status == .done }.count, 3)
    }
}

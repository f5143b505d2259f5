import Domain
import Foundation
import SightlineTestSupport
import Testing

@testable import Persistence

@Suite("Transition plans in the database", .database)
struct TransitionStoreTests {
    @Test("a plan starts from the template once: seven steps with owner, due day and checklist; a step is done only with evidence")
    func steps() async throws {
        let database = try TestDatabase.app.db
        let parties = try await TestParties.make()
        let engagement = try await parties.engagement(signedOn: day("2026-01-01"))
        let store = TransitionStore(database)
        let manager = parties[.practiceManager], lead = parties[.vendorLead], staff = parties[.practiceStaff]
        await #expect(throws: GovernanceError.notAllowed(.practiceStaff, "start the transition plan")) {
            try await store.start(in: engagement, from: day("2026-02-02"), owner: manager.user.email.value, by: staff, now: Date())
        }
        var plan = try await store.start(in: engagement, from: day("2026-02-02"), owner: manager.user.email.value, by: manager, now: Date())
        #expect(plan.steps.map(\.key) == ["map_workflow", "clean_up", "define_ownership", "pilot", "train", "monitor", "governance"])
        #expect(plan.steps.allSatisfy { $0.ownerEmail == manager.user.email.value && $0.status == .notStarted && $0.checklist.count >= 3 })
        #expect(plan.steps[0].dueOn == day("2026-02-16"), "due days spread from the start")
        await #expect(throws: GovernanceError.conflict("the engagement has a transition plan already")) {
            try await store.start(in: engagement, from: day("2026-02-02"), owner: manager.user.email.value, by: lead, now: Date())
        }
        let map = plan.steps[0]
        await #expect(throws: GovernanceError.field("evidence", "say what shows the step done before marking it done")) {
            try await store.update(map.id, in: engagement, .init(status: .done), by: manager, now: Date())
        }
        plan = try await store.check(map.id, item: 2, done: true, in: engagement, by: lead, now: Date())
        #expect(plan.steps[0].checklist[1].done && plan.steps[0].checklist[1].doneBy == lead.user.email.value)
        #expect(plan.steps[0].status == .inProgress, "ticking an item starts the step")
        await #expect(throws: GovernanceError.field("item", "the step's checklist has \(map.checklist.count) items")) {
            try await store.check(map.id, item: map.checklist.count + 1, done: true, in: engagement, by: lead, now: Date())
        }
        plan = try await store.update(
            map.id, in: engagement, .init(owner: lead.user.email.value, dueOn: day("2026-03-01"), status: .done, evidence: "Map below"),
            by: manager, now: Date())
        #expect(
            (plan.steps[0].status, plan.steps[0].ownerEmail, plan.steps[0].dueOn, plan.steps[0].evidence)
                == (.done, lead.user.email.value, day("2026-03-01"), "Map below"))
        await #expect(throws: GovernanceError.field("evidence", "say what shows the step done before marking it done")) {
            try await store.update(map.id, in: engagement, .init(evidence: " "), by: manager, now: Date())
        }
        #expect(plan.steps[1].isOverdue(on: day("2026-03-05")) && !plan.steps[0].isOverdue(on: day("2026-03-05")))
        await #expect(throws: GovernanceError.field("owner", "'someone@else.example' is nobody of the practice or the vendor")) {
            try await store.update(map.id, in: engagement, .init(owner: "someone@else.example"), by: manager, now: Date())
        }

        plan = try await store.addWorkflowTask(
            WorkflowTask(task: "Payment posting", owner: "Biller", handoff: "ERA", commonDelay: "Paper checks", report: "Deposits"),
            in: engagement, by: manager, now: Date())
        plan = try await store.addWorkflowTask(
            WorkflowTask(task: "Charge entry", owner: "Front desk", handoff: "", commonDelay: "", report: ""),
            in: engagement, by: manager, now: Date())
        await #expect(throws: GovernanceError.field("taskOwner", "cannot be empty")) {
            try await store.addWorkflowTask(
                WorkflowTask(task: "Statements", owner: " ", handoff: "", commonDelay: "", report: ""), in: engagement, by: manager,
                now: Date())
        }
        plan = try await store.removeWorkflowTask(1, in: engagement, by: manager, now: Date())
        #expect(plan.workflow.map(\.task) == ["Charge entry"])

        plan = try await store.addRollout(
            of: "Prior authorizations", from: day("2026-06-01"), owner: lead.user.email.value, in: engagement, by: manager, now: Date())
        #expect(plan.rollouts.first?.steps.map(\.key) == ["pressure_points", "task_boundaries", "pilot", "evaluate_expand"])
        await #expect(throws: GovernanceError.field("function", "'prior authorizations' has a rollout already")) {
            try await store.addRollout(
                of: "prior authorizations", from: day("2026-06-01"), owner: lead.user.email.value, in: engagement, by: manager, now: Date())
        }
        let rolloutStep = try #require(plan.rollouts.first?.steps.first)
        plan = try await store.update(rolloutStep.id, in: engagement, .init(status: .blocked), by: lead, now: Date())
        #expect(plan.rollouts[0].steps[0].status == .blocked, "a rollout's step is kept like the transition's")

        let others = try await TestParties.make(practiceName: "Lakeside Pediatrics", vendorName: "Other Billing")
        let (_, theirs) = (
            others,
            try await EngagementStore(database).create(
                practice: others.practice.id, vendor: others.vendor.id, template: .medicalBilling,
                signedOn: day("2026-01-01"), now: Date())
        )
        _ = try await store.start(
            in: theirs, from: day("2026-02-02"), owner: others[.practiceManager].user.email.value, by: others[.practiceManager], now: Date()
        )
        await #expect(throws: StoreError.notFound(kind: "step", id: map.id.description)) {
            try await store.update(map.id, in: theirs, .init(status: .blocked), by: others[.practiceManager], now: Date())
        }
    }

    @Test("staff read published notices only, ask and give feedback on them; the keepers answer")
    func notices() async throws {
        let database = try TestDatabase.app.db
        let parties = try await TestParties.make()
        let engagement = try await parties.engagement(signedOn: day("2026-01-01"))
        let store = TransitionStore(database)
        let manager = parties[.practiceManager], staff = parties[.practiceStaff], agent = parties[.vendorAgent]
        _ = try await store.start(in: engagement, from: day("2026-02-02"), owner: manager.user.email.value, by: manager, now: Date())
        let published = try await store.addNotice(
            task: "Denial follow-up", changes: "Northgate works every denial", freesFor: "Friday afternoons",
            publish: true, in: engagement, by: manager, now: Date())
        let draft = try await store.addNotice(
            task: "Prior authorizations", changes: "Northgate requests them", freesFor: "No more hold music",
            publish: false, in: engagement, by: manager, now: Date())
        #expect((published.number, draft.number) == (1, 2))
        await #expect(throws: GovernanceError.field("freesFor", "cannot be empty")) {
            try await store.addNotice(
                task: "Statements", changes: "x", freesFor: "", publish: true, in: engagement, by: manager, now: Date())
        }
        await #expect(throws: GovernanceError.notAllowed(.practiceStaff, "write staff notices")) {
            try await store.addNotice(
                task: "Statements", changes: "x", freesFor: "y", publish: true, in: engagement, by: staff, now: Date())
        }
        #expect(try await store.plan(of: engagement.id, for: staff)?.notices.map(\.number) == [1], "a draft is not shown to staff")
        #expect(try await store.plan(of: engagement.id, for: manager)?.notices.map(\.number) == [1, 2])
        await #expect(throws: StoreError.notFound(kind: "notice", id: draft.id.description)) {
            try await store.respond(to: draft.id, kind: .question, text: "When?", in: engagement, by: staff, now: Date())
        }
        let question = try await store.respond(
            to: published.id, kind: .question, text: "Who do I call about a denied claim?", in: engagement, by: staff, now: Date())
        _ = try await store.respond(
            to: published.id, kind: .feedback, text: "Notes on the claim help", in: engagement, by: agent, now: Date())
        await #expect(throws: GovernanceError.notAllowed(.practiceStaff, "answer staff questions")) {
            try await store.answer(question.id, on: published.id, text: "Me", in: engagement, by: staff, now: Date())
        }
        let answered = try await store.answer(
            question.id, on: published.id, text: "Open a ticket", in: engagement, by: parties[.vendorLead], now: Date())
        #expect(answered.answer == "Open a ticket" && answered.answeredBy == parties[.vendorLead].user.email.value)
        _ = try await store.publish(draft.id, in: engagement, by: manager, now: Date())
        await #expect(throws: GovernanceError.conflict("notice 2 is published already")) {
            try await store.publish(draft.id, in: engagement, by: manager, now: Date())
        }
        let plan = try #require(try await store.plan(of: engagement.id, for: staff))
        #expect(plan.notices.map(\.number) == [1, 2])
        #expect(
            plan.notices[0].responses.map(\.kind) == [.question, .feedback] && plan.notices[0].responses[0].by == staff.user.email.value)
        var filter = AuditFilter()
        filter.practice = parties.practice.id.rawValue
        let trail = try await AuditTrail(database).records(filter, limit: 1_000).map { "\($0.action) \($0.detail ?? "")" }.joined(
            separator: "\n")
        #expect(trail.contains("transition.response"))
        #expect(!trail.contains("Who do I call"), "what staff write stays out of the audit trail's text")
    }
}

import Domain
import FluentKit
import Foundation
import Persistence

extension DemoWorkspace {
    /// The demo's transition plan, started with the contract: each step done exactly when what
    /// shows it done exists in the data — the workflow mapped, the contract with its grid in
    /// force, the first month closed, a review held and an audit drawn, the first pilot's gate
    /// passed, an access review completed — citing that object by its name; the joint training is
    /// not recorded anywhere, so its step stays under way. Prior authorizations are being rolled
    /// out (their pressure point cites the risk it is), and notices to staff have a question
    /// answered and feedback waiting. Seeded after the engagement's other history.
    public static func seedTransition(
        on database: any Database, engagement: Engagement, practice: Organization, now: Date
    ) async throws
        -> (steps: Int, done: Int, notices: Int)
    {
        let today = try demoToday(now, practice: practice)
        func caller(_ address: String) async throws -> Caller { try await demoCaller(address, on: database) }
        let manager = try await caller("manager@riverbend.example"), lead = try await caller("lead@northgate.example")
        let frontDesk = try await caller("frontdesk@riverbend.example")
        let versions = try await EngagementStore(database).versions(of: engagement.id)
        let start = versions.compactMap(\.effectiveFrom).min() ?? CalendarMonth(today).adding(months: -6)?.firstDay ?? today
        let clock = try await demoClock(of: engagement, practice: practice, now: now, on: database)
        func moment(_ days: Int) -> Date { clock.at(start.adding(days: days) ?? start, 10) }
        let store = TransitionStore(database)
        var plan = try await store.start(in: engagement, from: start, owner: manager.user.email.value, by: manager, now: moment(0))
        let workflow = [
            WorkflowTask(
                task: "Charge entry", owner: "Front desk", handoff: "Superbill to the biller at day's end",
                commonDelay: "Unsigned notes hold charges",
                report: "Daily charge log"),
            WorkflowTask(
                task: "Claim scrubbing and submission", owner: "Biller", handoff: "Clearinghouse",
                commonDelay: "Rejections worked once a week",
                report: "Clearinghouse rejection report"),
            WorkflowTask(
                task: "Payment posting", owner: "Biller", handoff: "ERA from the clearinghouse", commonDelay: "Paper checks posted late",
                report: "Deposit reconciliation"),
            WorkflowTask(
                task: "Denial follow-up", owner: "Practice manager", handoff: "Payer portals and phone",
                commonDelay: "No one owns denials under $50",
                report: "Aging by payer"),
            WorkflowTask(
                task: "Patient statements", owner: "Front desk", handoff: "Statement vendor",
                commonDelay: "Balances after secondary unclear",
                report: "Patient A/R"),
        ]
        for task in workflow { plan = try await store.addWorkflowTask(task, in: engagement, by: manager, now: moment(5)) }
        // What shows each step done, found in the data: the note citing it, who records it, when.
        var evidence: [String: (String, Caller, Date)] = [:]
        evidence["map_workflow"] = (
            "Workflow map of \(workflow.count) tasks below, walked through with the front desk", manager, moment(12)
        )
        if let first = versions.first(where: { $0.status == .accepted }), let from = first.effectiveFrom {
            evidence["define_ownership"] = (
                "Contract version \(first.number) with the responsibility grid, in force from \(dayName(from)) \(from.year), accepted by both parties",
                lead, clock.after(9, from: first.createdAt)
            )
        }
        if let close = try await PeriodCloser.firstClose(of: practice.id, on: database), let month = CalendarMonth(close.month) {
            evidence["monitor"] = (
                "\(monthName(month)) closed on \(dayName(CalendarDate.on(close.closedAt, in: practice.timeZone) ?? today)) with its service levels judged from the imported files",
                manager, clock.after(2, from: close.closedAt)
            )
        }
        let audits = try await QualityAuditStore(database).audits(in: engagement.id).sorted { $0.createdAt < $1.createdAt }
        let held = try await GovernanceStore(database).reviews(in: engagement.id).filter { $0.status == .held }.sorted {
            $0.scheduledOn < $1.scheduledOn
        }
        if let review = held.first, let audit = audits.first {
            evidence["governance"] = (
                "Review of \(dayName(review.scheduledOn)) held with minutes and owned actions; quality audit \(audit.number), “\(audit.name)”, drawn",
                manager, clock.after(1, from: max(audit.createdAt, clock.at(review.scheduledOn, 16)))
            )
        }
        if let pilot = try await PilotStore(database).list(in: engagement.id).first(where: { $0.decision?.verdict == .go }),
            let decision = pilot.decision
        {
            evidence["pilot"] = (
                "Phase \(pilot.phase), “\(pilot.name)”, passed its gate; go recorded by the practice on \(dayName(CalendarDate.on(decision.at, in: practice.timeZone) ?? today))",
                manager, clock.after(1, from: decision.at)
            )
        }
        let caller = Caller(user: manager.user, organization: practice)
        if let review = try await AccessReviewStore(database).reviews(of: engagement, visibleTo: caller).first(where: {
            $0.status == .completed
        }),
            let completed = review.completedAt
        {
            evidence["clean_up"] = (
                "Access review “\(review.title)” completed: every access the vendor's people hold kept or revoked with evidence",
                manager, clock.after(1, from: completed)
            )
        }
        for step in plan.steps {
            if let (note, owner, at) = evidence[step.key], at <= now {
                for item in step.checklist.indices {
                    plan = try await store.check(
                        step.id, item: item + 1, done: true, in: engagement, by: owner, now: at.addingTimeInterval(-60))
                }
                plan = try await store.update(
                    step.id, in: engagement, .init(owner: owner.user.email.value, status: .done, evidence: note), by: owner, now: at)
            } else if step.key == "train" {
                // Staff know where to ask: the notice below answers it. The joint session is not on record.
                plan = try await store.check(step.id, item: step.checklist.count, done: true, in: engagement, by: manager, now: moment(38))
            }
        }
        plan = try await store.addRollout(
            of: "Prior authorizations", from: today.adding(days: -20) ?? today, owner: lead.user.email.value, in: engagement, by: manager,
            now: moment(150))
        if let first = plan.rollouts.first?.steps.first {
            for item in first.checklist.indices {
                plan = try await store.check(first.id, item: item + 1, done: true, in: engagement, by: lead, now: moment(160))
            }
            let risk = try await GovernanceStore(database).risks(in: engagement.id).first { $0.title.contains("authorization denials") }
            let noted = start.adding(days: 161) ?? today
            let denials = try await KPIQuery(database).answer(
                KPIRequest(
                    practiceID: practice.id.rawValue, from: noted.adding(days: -90) ?? noted, to: noted.adding(days: -1) ?? noted)
            ).totals.denialCauses
                .filter { $0.reason.hasSuffix("-197") }.reduce(0) { $0 + $1.claims }
            plan = try await store.update(
                first.id, in: engagement,
                .init(
                    status: .done,
                    evidence: "\(denials) claims denied for a missing authorization in the last 90 days"
                        + (risk.map { "; risk \($0.reference), “\($0.title)”" } ?? "")),
                by: lead, now: moment(161))
        }
        let followUp = try await store.addNotice(
            task: "Denial follow-up",
            changes: "Northgate works every denial, whatever its amount, within five business days; you will see their notes on the claim.",
            freesFor: "The practice manager's Friday afternoons go back to patients and staff scheduling.", publish: true, in: engagement,
            by: manager, now: moment(36))
        let question = try await store.respond(
            to: followUp.id, kind: .question, text: "Who do I call when a patient asks about a denied claim?",
            in: engagement, by: frontDesk, now: moment(37))
        _ = try await store.answer(
            question.id, on: followUp.id,
            text: "Open a ticket in Sightline (category: patient concern); Northgate answers within a business day.",
            in: engagement, by: manager, now: moment(38))
        let posting = try await store.addNotice(
            task: "Payment posting", changes: "Northgate posts every ERA and scanned check within two business days of deposit.",
            freesFor: "The front desk no longer keys in paper checks at day's end.", publish: true, in: engagement, by: manager,
            now: moment(40))
        _ = try await store.respond(
            to: posting.id, kind: .feedback, text: "Paper checks still come to the front desk: can the lockbox address go on statements?",
            in: engagement, by: frontDesk, now: moment(41))
        _ = try await store.addNotice(
            task: "Prior authorizations", changes: "Northgate will request authorizations for imaging and specialty referrals.",
            freesFor: "Medical assistants stop waiting on hold with payers.", publish: false, in: engagement, by: manager, now: moment(155))
        let steps = plan.allSteps
        return (steps.count, steps.filter { $0.status == .done }.count, 3)
    }
}

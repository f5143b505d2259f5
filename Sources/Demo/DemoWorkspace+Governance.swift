import Domain
import FluentKit
import Foundation
import Persistence

extension DemoWorkspace {
    /// The demo's governance: a risk register, and the last three monthly reviews with their
    /// generated agendas, minutes and actions — the first review's actions done, the later ones
    /// open, and those past their due day carried forward as overdue — and a quality audit whose
    /// findings the reviews took up.
    public static func seedGovernance(
        on database: any Database, engagement: Engagement, practice: Organization, now: Date
    ) async throws
        -> (reviews: Int, actions: Int, overdue: Int, risks: Int, auditFindings: Int)
    {
        let today = try demoToday(now, practice: practice)
        func caller(_ address: String) async throws -> Caller { try await demoCaller(address, on: database) }
        let manager = try await caller("manager@riverbend.example"), lead = try await caller("lead@northgate.example")
        let store = GovernanceStore(database)
        let month = CalendarMonth(today)
        func day(monthsAgo: Int, _ number: Int) -> CalendarDate {
            let target = month.adding(months: -monthsAgo) ?? month
            return CalendarDate(year: target.year, month: target.month, day: number) ?? target.firstDay
        }
        let clock = try await demoClock(of: engagement, practice: practice, now: now, on: database)
        func moment(_ date: CalendarDate, _ hour: Int = 14) -> Date { clock.at(date, hour) }

        let risks: [(String, Risk.Category, Int, Int, Caller, String, CalendarDate)] = [
            (
                "Vendor agents keep patient lists in personal spreadsheets", .privacy, 3, 5, lead,
                "Exports only through Sightline; monthly attestation by each agent", day(monthsAgo: -1, 15)
            ),
            (
                "Summit Mutual authorization denials keep rising", .financial, 4, 4, manager,
                "Authorization letters attached before submission; weekly denial huddle", day(monthsAgo: 0, 28)
            ),
            (
                "Fee increase at renewal", .commercial, 2, 3, manager, "Benchmark two other vendors before the renewal talk",
                day(monthsAgo: -3, 1)
            ),
            (
                "Clearinghouse outage stops claim submission", .operational, 2, 4, lead, "Second clearinghouse account; downtime runbook",
                day(monthsAgo: -2, 1)
            ),
        ]
        for (index, (title, category, likelihood, impact, owner, mitigation, reviewOn)) in risks.enumerated() {
            let at = moment(day(monthsAgo: 4, 2), 10 + index)
            _ = try await store.addRisk(
                Risk(
                    engagementID: engagement.id, number: 0, title: title, category: category, likelihood: likelihood, impact: impact,
                    ownerEmail: owner.user.email.value,
                    mitigation: mitigation, reviewOn: reviewOn, createdAt: at, updatedAt: at),
                in: engagement, by: manager, now: at)
        }
        // Held on the 8th (or the next business day) of each of the last three months.
        func heldOn(monthsAgo: Int) -> CalendarDate { clock.businessDay(onOrAfter: day(monthsAgo: monthsAgo, 8)) }
        let audit = try await drawDemoAudit(on: database, engagement: engagement, by: manager, before: heldOn(monthsAgo: 1), clock: clock)
        // The quarterly access review the second review asks for: the campaign of the quarter its action falls due in.
        let accessDue = heldOn(monthsAgo: 2).adding(days: 45) ?? today
        let accessTitle = accessReviewTitle(quarterOf: accessDue)
        let accessReview = try await AccessReviewStore(database).reviews(of: engagement, visibleTo: manager).first {
            $0.title == accessTitle
        }
        let attendees = [
            "Dr. Maya Lin (practice owner)", "Practice manager", "Northgate team lead", "Jordan Reyes (Northgate, VP Client Services)",
        ]
        let plans: [(monthsAgo: Int, decisions: [String], actions: [(String, Caller, Int, String, String?)])] = [
            (
                3,
                [
                    "Summit Mutual claims need the authorization letter attached before submission",
                    "The denial report is split by payer from now on",
                ],
                [
                    (
                        "Attach authorization letters to Summit Mutual claims before submission", lead, 14, "Initial denial rate",
                        "Checklist added to the scrubber"
                    ),
                    ("Split the weekly denial report by payer and reason", lead, 10, "R-2", "First split report sent"),
                ]
            ),
            (
                2, ["Front desk to be trained on secondary insurance", "Quarterly access review of the clearinghouse portal"],
                [
                    ("Train the front desk on checking secondary insurance", manager, 12, "", nil),
                    ("Run the quarterly access review of the clearinghouse portal", manager, 45, accessTitle, nil),
                ]
            ),
            (
                1, ["Escalate the CO-197 trend to Summit Mutual's provider relations"],
                [("Bring CO-197 denials below 8% of Summit Mutual claims", lead, 30, "Initial denial rate", nil)]
            ),
        ]
        var actions = 0
        var latest: GovernanceReview?
        for plan in plans {
            let held = heldOn(monthsAgo: plan.monthsAgo)
            // Scheduled a week ahead, its agenda generated then.
            let review = try await store.schedule(
                on: held, in: engagement, free: ["Anything else from either party"], by: manager,
                now: moment(held.adding(days: -7) ?? held, 10))
            latest = review
            _ = try await store.recordMinutes(
                review.id, attendees: attendees, decisions: plan.decisions, notes: "", by: manager, now: moment(held))
            for (title, owner, days, links, done) in plan.actions {
                let action = try await store.addAction(
                    to: review.id, title: title, owner: owner.user.email.value, dueOn: held.adding(days: days) ?? held,
                    linksTo: links, by: manager, now: moment(held))
                actions += 1
                if let done {
                    _ = try await store.completeAction(
                        action.id, note: done, by: owner, now: moment(held.adding(days: days - 2) ?? held, 11))
                } else if links == accessTitle, let review = accessReview, review.status == .completed, let completed = review.completedAt,
                    completed > action.createdAt
                {
                    _ = try await store.completeAction(
                        action.id, note: "Access review “\(review.title)” completed", by: owner, now: clock.after(1, from: completed))
                }
            }
        }
        if let latest {
            try await followDemoAudit(audit, on: database, review: latest, owner: lead, by: manager, clock: clock)
            actions += 1
        }
        // The sweep opens a ticket for each action the minute after its due day ends, and the
        // ladder escalates it from then.
        let open = try await store.actions(in: engagement.id).filter { $0.status == .open && $0.dueOn < today }.sorted {
            $0.dueOn < $1.dueOn
        }
        for action in open {
            guard let overdue = action.dueOn.adding(days: 1).map({ clock.wall($0, 0, 1) }), overdue <= now else { continue }
            try await sweepEscalations(through: overdue, on: database)
            _ = try await store.escalateOverdue(at: overdue)
        }
        try await sweepEscalations(through: now, on: database)
        let overdue = try await store.actions(in: engagement.id).filter { $0.isOverdue(on: today) }.count
        return (plans.count, actions, overdue, risks.count, AuditResults(audit).findings)
    }
}

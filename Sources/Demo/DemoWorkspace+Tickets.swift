import Domain
import FluentKit
import Foundation
import Persistence

extension DemoWorkspace {
    /// A lively issue log for the demo engagement: tickets in every state, filed by both parties,
    /// some waiting on the practice, some breached, filed and answered in business hours and escalated
    /// when each level fell due. Tickets are
    /// assigned to named people, watched, noted internally, and a vendor ticket waits on a linked
    /// request for action to the practice.
    /// Returns how many tickets were filed and how many escalation levels fired.
    public static func seedTickets(
        on database: any Database, engagement: Engagement, practice: Organization, vendor: Organization, now: Date
    ) async throws -> (tickets: Int, escalations: Int) {
        func caller(_ address: String) async throws -> Caller {
            guard let user = try await UserStore(database).find(email: try EmailAddress(address)) else {
                throw StoreError.userNotFound(email: address)
            }
            return Caller(user: user, organization: user.organizationID == practice.id ? practice : vendor)
        }
        let manager = try await caller("manager@riverbend.example"), staff = try await caller("frontdesk@riverbend.example")
        let lead = try await caller("lead@northgate.example"), agent = try await caller("agent@northgate.example")
        // The month whose report the vendor got wrong: filed the business day after the report came in.
        let flaggedMonth = CalendarMonth(CalendarDate.on(now, in: practice.timeZone) ?? CalendarDate(dayNumber: 0)!).adding(months: -2)
        let reportClock = try await demoClock(of: engagement, practice: practice, now: now, on: database)
        let reported: (name: String, hoursAgo: Double) =
            flaggedMonth.map { month in
                let filed = reportClock.after(9, from: reportedAt(month, clock: reportClock))
                return (monthName(month), max(1, reportClock.calendar.businessSeconds(from: filed, to: now) / 3_600))
            } ?? ("Last", 60)
        // Each: who files, category, priority, title, task, assigned party, business hours ago, then steps (business hours after opening, who, what).
        enum Step {
            case reply(Caller, Double), note(Caller, Double), status(Caller, Ticket.Status, Double)
            /// Who assigns the ticket to whom; who starts watching it.
            case assign(Caller, Caller, Double), watch(Caller, Double)
        }
        let plans: [(Caller, Ticket.Category, TicketPriority, String, String?, Party, Double, [Step])] = [
            (
                manager, .claimError, .high, "Summit Mutual CO-197 denials: authorizations on file were not attached", "denial-follow-up",
                .vendor, 30,
                [.assign(lead, agent, 1), .watch(staff, 1.5), .reply(agent, 2), .note(agent, 2.2), .status(agent, .inProgress, 2.5)]
            ),
            (
                manager, .payerDeadline, .urgent, "State Medicaid timely filing limit on 14 claims ends Friday", "payer-follow-up", .vendor,
                20,
                [.watch(manager, 0)]
            ),
            (
                staff, .patientConcern, .normal, "Patient disputes a statement balance after paying at the visit", "patient-statements",
                .vendor, 50,
                [.reply(agent, 5), .status(agent, .waitingOnRequester, 6)]
            ),
            (
                agent, .documentationNeeded, .normal, "Operative notes needed for three appeals", "documentation-gaps", .practice, 40,
                [.assign(manager, staff, 2), .reply(manager, 30)]
            ),
            (
                lead, .requestForAction, .high, "Approve clearinghouse access for two new agents", nil, .practice, 8,
                [.assign(manager, manager, 1)]
            ),
            (
                manager, .reportingError, .normal, "\(reported.name) report counts voided claims as submitted", "reporting", .vendor,
                reported.hoursAgo,
                [.reply(lead, 3), .status(lead, .resolved, 20)]
            ),
            (
                staff, .accessIssue, .low, "Front desk cannot see remittance images", nil, .vendor, 300,
                [.reply(agent, 10), .status(agent, .resolved, 30), .status(manager, .closed, 40)]
            ),
            (
                manager, .processGap, .normal, "Who calls patients about secondary insurance?", "patient-billing-questions", .vendor, 120,
                [.reply(lead, 4), .status(lead, .resolved, 9), .status(manager, .open, 30)]
            ),
            (
                manager, .systemDowntime, .urgent, "Clearinghouse rejecting every 837 since this morning", "claim-submission", .vendor, 3,
                [.assign(lead, lead, 0.2), .watch(manager, 0.2), .reply(agent, 0.5)]
            ),
            (
                agent, .requestForAction, .normal, "Sign the updated payer enrollment forms for Dr. Lin", "credentialing-support",
                .practice, 70, []
            ),
            (
                agent, .requestForAction, .high, "Send the authorization letters behind the Summit Mutual CO-197 denials", nil, .practice,
                26, [.watch(lead, 0)]
            ),
        ]
        let store = TicketStore(database)
        let clock = try await demoClock(of: engagement, practice: practice, now: now, on: database)
        // Every opening and every step, in the order they happened, the escalation sweep run
        // through each level that fell due before it.
        enum Action {
            case open(Int), step(Int, Step), link
        }
        var actions: [(at: Date, order: Int, action: Action)] = []
        var openedAt: [Int: Date] = [:]
        for (index, plan) in plans.enumerated() {
            let opened = clock.ago(plan.6)
            openedAt[index] = opened
            actions.append((opened, actions.count, .open(index)))
            for step in plan.7 {
                let after: Double
                switch step {
                case .reply(_, let hours), .note(_, let hours), .status(_, _, let hours), .assign(_, _, let hours), .watch(_, let hours):
                    after = hours
                }
                actions.append((clock.after(after, from: opened), actions.count, .step(index, step)))
            }
        }
        // The vendor's CO-197 ticket waits on the practice's request for action: its resolution
        // clock pauses, attributed to the practice, while the linked request is open.
        let waitingPlan = plans.firstIndex { $0.1 == .claimError }
        let requestPlan = plans.firstIndex { $0.3.contains("CO-197") && $0.1 == .requestForAction }
        if let requestPlan, let opened = openedAt[requestPlan] { actions.append((clock.after(0.5, from: opened), actions.count, .link)) }
        var filed: [Int: Ticket] = [:]
        var escalations = 0
        for (at, _, action) in actions.sorted(by: { ($0.at, $0.order) < ($1.at, $1.order) }) {
            escalations += try await sweepEscalations(through: at, on: database)
            switch action {
            case .open(let index):
                let (by, category, priority, title, task, assigned, _, _) = plans[index]
                filed[index] = try await store.open(
                    TicketDraft(category: category, priority: priority, title: title, detail: "", assignedParty: assigned, gridTask: task),
                    in: engagement, by: by, now: at)
            case .step(let index, let step):
                guard let ticket = filed[index] else { continue }
                switch step {
                case .reply(let who, _):
                    _ = try await store.message(
                        ticket.id, body: "Looking into it; details to follow.", visibility: .public, by: who, now: at)
                case .note(let who, _):
                    _ = try await store.message(
                        ticket.id, body: "Internal: check the payer portal first.", visibility: .internal, by: who, now: at)
                case .status(let who, let status, _):
                    _ = try await store.setStatus(ticket.id, to: status, reason: nil, by: who, now: at)
                case .assign(let who, let to, _):
                    _ = try await store.assign(ticket.id, to: to.user.id, by: who, now: at)
                case .watch(let who, _):
                    _ = try await store.watch(ticket.id, user: who.user.id, watching: true, by: who, now: at)
                }
            case .link:
                guard let waitingPlan, let requestPlan, let waiting = filed[waitingPlan], let request = filed[requestPlan] else { continue }
                _ = try await store.link(waiting.id, toTicket: request.id, claim: nil, by: agent, now: at)
            }
        }
        escalations += try await sweepEscalations(through: now, on: database)
        return (filed.count, escalations)
    }
}

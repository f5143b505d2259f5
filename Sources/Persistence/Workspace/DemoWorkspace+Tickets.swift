import Domain
import FluentKit
import Foundation

extension DemoWorkspace {
    /// A lively issue log for the demo engagement: tickets in every state, filed by both parties,
    /// some waiting on the practice, some breached, then escalated by a sweep at `now`. Tickets are
    /// assigned to named people, watched, noted internally, and a vendor ticket waits on a linked
    /// request for action to the practice.
    /// Returns how many tickets were filed and how many escalation levels fired.
    public static func seedTickets(on database: any Database, engagement: Engagement, practice: Organization, vendor: Organization, now: Date) async throws -> (tickets: Int, escalations: Int) {
        func caller(_ address: String) async throws -> Caller {
            guard let user = try await UserStore(database).find(email: try EmailAddress(address)) else { throw StoreError.userNotFound(email: address) }
            return Caller(user: user, organization: user.organizationID == practice.id ? practice : vendor)
        }
        let manager = try await caller("manager@riverbend.example"), staff = try await caller("frontdesk@riverbend.example")
        let lead = try await caller("lead@northgate.example"), agent = try await caller("agent@northgate.example")
        let hour = 3_600.0
        // Each: who files, category, priority, title, task, assigned party, hours ago, then steps (hours after opening, who, what).
        enum Step {
            case reply(Caller, Double), note(Caller, Double), status(Caller, Ticket.Status, Double)
            /// Who assigns the ticket to whom; who starts watching it.
            case assign(Caller, Caller, Double), watch(Caller, Double)
        }
        let plans: [(Caller, Ticket.Category, TicketPriority, String, String?, Party, Double, [Step])] = [
            (manager, .claimError, .high, "Summit Mutual CO-197 denials: authorizations on file were not attached", "denial-follow-up", .vendor, 30,
             [.assign(lead, agent, 1), .watch(staff, 1.5), .reply(agent, 2), .note(agent, 2.2), .status(agent, .inProgress, 2.5)]),
            (manager, .payerDeadline, .urgent, "State Medicaid timely filing limit on 14 claims ends Friday", "payer-follow-up", .vendor, 20,
             [.watch(manager, 0)]),
            (staff, .patientConcern, .normal, "Patient disputes a statement balance after paying at the visit", "patient-statements", .vendor, 50,
             [.reply(agent, 5), .status(agent, .waitingOnRequester, 6)]),
            (agent, .documentationNeeded, .normal, "Operative notes needed for three appeals", "documentation-gaps", .practice, 40,
             [.assign(manager, staff, 2), .reply(manager, 30)]),
            (lead, .requestForAction, .high, "Approve clearinghouse access for two new agents", nil, .practice, 8, [.assign(manager, manager, 1)]),
            (manager, .reportingError, .normal, "October report counts voided claims as submitted", "reporting", .vendor, 200,
             [.reply(lead, 3), .status(lead, .resolved, 20)]),
            (staff, .accessIssue, .low, "Front desk cannot see remittance images", nil, .vendor, 300,
             [.reply(agent, 10), .status(agent, .resolved, 30), .status(manager, .closed, 40)]),
            (manager, .processGap, .normal, "Who calls patients about secondary insurance?", "patient-billing-questions", .vendor, 120,
             [.reply(lead, 4), .status(lead, .resolved, 9), .status(manager, .open, 30)]),
            (manager, .systemDowntime, .urgent, "Clearinghouse rejecting every 837 since this morning", "claim-submission", .vendor, 3,
             [.assign(lead, lead, 0.2), .watch(manager, 0.2), .reply(agent, 0.5)]),
            (agent, .requestForAction, .normal, "Sign the updated payer enrollment forms for Dr. Lin", "credentialing-support", .practice, 70, []),
            (agent, .requestForAction, .high, "Send the authorization letters behind the Summit Mutual CO-197 denials", nil, .practice, 26, [.watch(lead, 0)]),
        ]
        let store = TicketStore(database)
        var filed: [Ticket] = []
        for (by, category, priority, title, task, assigned, hoursAgo, steps) in plans {
            let opened = now.addingTimeInterval(-hoursAgo * hour)
            let ticket = try await store.open(
                TicketDraft(category: category, priority: priority, title: title, detail: "", assignedParty: assigned, gridTask: task),
                in: engagement, by: by, now: opened)
            for step in steps {
                switch step {
                case .reply(let who, let after):
                    _ = try await store.message(ticket.id, body: "Looking into it; details to follow.", visibility: .public, by: who, now: opened.addingTimeInterval(after * hour))
                case .note(let who, let after):
                    _ = try await store.message(ticket.id, body: "Internal: check the payer portal first.", visibility: .internal, by: who, now: opened.addingTimeInterval(after * hour))
                case .status(let who, let status, let after):
                    _ = try await store.setStatus(ticket.id, to: status, reason: nil, by: who, now: opened.addingTimeInterval(after * hour))
                case .assign(let who, let to, let after):
                    _ = try await store.assign(ticket.id, to: to.user.id, by: who, now: opened.addingTimeInterval(after * hour))
                case .watch(let who, let after):
                    _ = try await store.watch(ticket.id, user: who.user.id, watching: true, by: who, now: opened.addingTimeInterval(after * hour))
                }
            }
            filed.append(ticket)
        }
        // The vendor's CO-197 ticket waits on the practice's request for action: its resolution
        // clock pauses, attributed to the practice, while the linked request is open.
        if let waiting = filed.first(where: { $0.category == .claimError }), let request = filed.first(where: { $0.title.contains("CO-197") && $0.category == .requestForAction }) {
            _ = try await store.link(waiting.id, toTicket: request.id, claim: nil, by: agent, now: request.openedAt.addingTimeInterval(0.5 * hour))
        }
        let fired = try await EscalationSweeper(database).sweep(at: now)
        return (filed.count, fired.count)
    }
}

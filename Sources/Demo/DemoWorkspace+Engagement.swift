import Domain
import FluentKit
import Foundation
import Persistence

extension DemoWorkspace {
    /// What the demo's engagement holds.
    public struct EngagementHistory: Sendable {
        public let engagement: Engagement
        /// Change requests by status.
        public let changeRequests: [ChangeRequest.Status: Int]
        /// Months closed, and the service-level misses they opened tickets for.
        public let monthsClosed: Int
        public let misses: Int
        /// The practice's billing files, imported on their days.
        public let billing: BillingHistory
        /// Escalation levels fired on the way.
        public let escalations: Int
    }

    /// Builds the engagement's history as it happened, up to `now`: the practice's owner invites
    /// the vendor on the day the contract starts (six months ago) and its lead accepts; both
    /// parties' contacts are named; the change history follows (two change requests approved by
    /// both parties — a scope change and an access change — and a price increase the practice
    /// rejected). The practice's billing files are imported on their days, each month is closed
    /// on its closing day (the first business day after it, once that morning's files are in)
    /// with its missed targets ticketed then and answered by the vendor in business hours, and the
    /// escalation ladder fires at the instants its levels fall due.
    public static func seedEngagement(
        on database: any Database, practice: Organization, vendor: Organization, now: Date, claimsPerDay: Int = 12
    ) async throws -> EngagementHistory {
        var clock = Clock(timeZone: practice.timeZone, now: now)
        let today = clock.today
        guard let start = CalendarMonth(today).adding(months: -6)?.firstDay else {
            throw StoreError.corruptRow(table: "organizations", detail: "time zone")
        }
        func caller(_ address: String) async throws -> Caller {
            guard let user = try await UserStore(database).find(email: try EmailAddress(address)) else {
                throw StoreError.userNotFound(email: address)
            }
            return Caller(user: user, organization: user.organizationID == practice.id ? practice : vendor)
        }
        let owner = try await caller("owner@riverbend.example"), manager = try await caller("manager@riverbend.example")
        let lead = try await caller("lead@northgate.example"), agent = try await caller("agent@northgate.example")
        // The way every engagement is made: the owner invites the vendor's lead, who accepts and
        // confirms the day the agreement was signed outside Sightline — on the last business day
        // before the contract starts (or that day), so its people are on it from the start.
        let signing = clock.at(clock.businessDay(onOrBefore: start), 10)
        let invitations = InvitationStore(database)
        let invitation = try await invitations.invite(lead.user.email, signedOn: start, template: .medicalBilling, by: owner, now: signing)
        let engagement = try await invitations.accept(invitation.id, confirmsSignedOn: true, by: lead, now: clock.after(1.5, from: signing))
        if let calendar = try await EngagementStore(database).versions(of: engagement.id).first?.contract.serviceLevels.responsePolicy
            .calendar
        {
            clock = Clock(calendar: calendar, now: now)
        }

        let contacts = ContactStore(database)
        let people: [(Caller?, Party, PointOfContact.Purpose, String, PointOfContact.Channel, String, String, Bool)] = [
            (owner, .practice, .executive, "Dr. Maya Lin", .email, "owner@riverbend.example", "Mon–Fri 08:00–17:00 CT", false),
            (manager, .practice, .routine, "Practice manager", .email, "manager@riverbend.example", "Mon–Fri 08:00–17:00 CT", true),
            (manager, .practice, .urgent, "Practice manager (mobile)", .phone, "+1 555 0142", "Mon–Sat 07:00–19:00 CT", false),
            (nil, .practice, .patientConcerns, "Front desk", .phone, "+1 555 0100", "Mon–Fri 08:00–17:00 CT", false),
            (lead, .vendor, .routine, "Northgate team lead", .email, "lead@northgate.example", "Mon–Fri 08:00–18:00 ET", true),
            (agent, .vendor, .downtime, "Northgate support desk", .portal, "support.northgate.example", "24x7", false),
            (
                nil, .vendor, .executive, "Jordan Reyes, VP Client Services", .email, "jreyes@northgate.example", "Mon–Fri 09:00–17:00 ET",
                false
            ),
        ]
        for (person, party, purpose, name, channel, address, hours, primary) in people {
            _ = try await contacts.save(
                PointOfContact(
                    engagementID: engagement.id, party: party, purpose: purpose, userID: person?.user.id, name: name, channel: channel,
                    address: address, hours: hours, isPrimary: primary),
                in: engagement, as: party)
        }

        let requests = ChangeRequestStore(database)
        // In business hours of the day named, or the next business day; later steps later in the day.
        var hour = 9
        func moment(monthsAgo: Int, day: Int) -> Date {
            let month = CalendarMonth(today).adding(months: -monthsAgo) ?? CalendarMonth(today)
            let date = CalendarDate(year: month.year, month: month.month, day: day) ?? month.firstDay
            hour = hour >= 15 ? 9 : hour + 2
            return clock.at(date, hour)
        }
        let eligibility = GridTask(
            key: "eligibility-checks", name: "Eligibility and benefits checks", workflow: "claims", step: 0, responsible: [.vendor],
            accountable: [.vendor], informed: [.practice], handoff: "appointment booked two days ahead",
            proof: "270/271 response on the visit",
            exceptionOwner: "practice_manager")
        let scope = try await requests.propose(
            ChangeProposal(
                kind: .scope, title: "Vendor runs eligibility checks before visits",
                reason: "Eligibility denials (CO-27, CO-31) keep coming back; front-desk staff cannot check every plan in time.",
                edits: [try .set(ContractPath.parse("grid.tasks[eligibility-checks]"), to: eligibility)],
                budgetImpactMonthly: Money("450.00"),
                timelineImpact: "starts the first Monday after approval"),
            in: engagement, by: manager, now: moment(monthsAgo: 4, day: 3))
        _ = try await requests.comment(
            on: scope.id, in: engagement, by: lead, body: "We can start with next week's schedule; 270/271 runs through our clearinghouse.",
            now: moment(monthsAgo: 4, day: 4))
        _ = try await requests.approve(scope.id, in: engagement, by: lead, for: .vendor, note: nil, now: moment(monthsAgo: 4, day: 5))
        _ = try await requests.approve(
            scope.id, in: engagement, by: owner, for: .practice, note: "approved at the monthly review", now: moment(monthsAgo: 4, day: 8))

        let access = try await requests.propose(
            ChangeProposal(
                kind: .access, title: "Read-only clearinghouse access for vendor agents",
                reason: "Agents need rejection reports the same day instead of waiting for the practice to forward them.",
                edits: [
                    try .set(
                        ContractPath.parse("governance.accessRules"),
                        to:
                            "Vendor staff get access only through a request the practice approves; vendor agents may read (not submit in) the practice's clearinghouse portal; access is reviewed every quarter and ends the day a person leaves the engagement."
                    )
                ],
                timelineImpact: "none"),
            in: engagement, by: lead, now: moment(monthsAgo: 2, day: 6))
        _ = try await requests.approve(
            access.id, in: engagement, by: owner, for: .practice, note: "read-only only", now: moment(monthsAgo: 2, day: 9))
        _ = try await requests.approve(access.id, in: engagement, by: lead, for: .vendor, note: nil, now: moment(monthsAgo: 2, day: 9))

        let price = try await requests.propose(
            ChangeProposal(
                kind: .price, title: "Raise the fee to 7% of collections",
                reason: "Medicaid volume and appeals take more work than the 6% rate assumed.",
                edits: [try .set(ContractPath.parse("governance.pricing.percentOfCollections"), to: 0.07)],
                budgetImpactMonthly: Money("1850.00"),
                timelineImpact: "from the next invoice"),
            in: engagement, by: lead, now: moment(monthsAgo: 1, day: 4))
        _ = try await requests.comment(
            on: price.id, in: engagement, by: manager,
            body: "Denials from Summit Mutual doubled in the same months; we want those fixed first.", now: moment(monthsAgo: 1, day: 5))
        _ = try await requests.reject(
            price.id, in: engagement, by: owner, for: .practice,
            note: "Not while the denial rate is above target; revisit at the next quarterly review.", now: moment(monthsAgo: 1, day: 7))

        // Some of last month's vendor work, two pieces of it outside the contract.
        let lastMonth = CalendarMonth(today).adding(months: -1) ?? CalendarMonth(today)
        let work: [(String?, Int, Int, String)] = [
            ("denial-follow-up", 38, 610, "Appeals and corrected claims for Summit Mutual CO-197 denials"),
            ("payer-follow-up", 52, 480, "State Medicaid claims unpaid past 30 days"),
            ("coding-questions", 6, 90, "Answered coding questions for the new provider"),
            (nil, 1, 240, "Built a custom aging spreadsheet for the owner"),
        ]
        for (index, item) in work.enumerated() {
            let day = clock.businessDay(onOrAfter: lastMonth.firstDay.adding(days: 3 + index * 5) ?? lastMonth.firstDay)
            _ = try await ScopeStore(database).record(
                in: engagement, by: agent, task: item.0, date: day,
                quantity: item.1, minutes: item.2, description: item.3, now: clock.at(day, 16, 30))
        }

        let (billing, monthsClosed, misses, escalations) = try await liveThrough(
            engagement: engagement, practice: practice, since: start, clock: clock, claimsPerDay: claimsPerDay, lead: lead, agent: agent,
            on: database)
        let statuses = try await requests.list(in: engagement.id).reduce(into: [ChangeRequest.Status: Int]()) {
            $0[$1.status, default: 0] += 1
        }
        return EngagementHistory(
            engagement: engagement, changeRequests: statuses, monthsClosed: monthsClosed, misses: misses, billing: billing,
            escalations: escalations)
    }

    /// The practice's months as they went by: each billing file imported on its day, each month
    /// since `since` closed on its closing day — the first business day after it, at 10:00, once
    /// that morning's remittances and the month's last patient payments are in, which is when the
    /// automatic close finds it due — its misses answered by the vendor's lead within two business
    /// hours and, but for the last month's, resolved a week later; the escalation sweep run at
    /// every instant a level fell due.
    static func liveThrough(
        engagement: Engagement, practice: Organization, since: CalendarDate, clock: Clock, claimsPerDay: Int, lead: Caller, agent: Caller,
        on database: any Database
    ) async throws -> (BillingHistory, closed: Int, misses: Int, escalations: Int) {
        enum Step {
            case close(CalendarMonth), answer(Ticket.ID), resolve(Ticket.ID)
        }
        var feed = BillingFeed(practice: practice.id, clock: clock, claimsPerDay: claimsPerDay, seed: 2_026)
        var steps: [(at: Date, step: Step)] = []
        var month = CalendarMonth(since)
        let current = CalendarMonth(clock.today)
        var lastClosed: CalendarMonth?
        while month < current {
            let closing = clock.at(clock.businessDay(onOrAfter: month.lastDay.adding(days: 1) ?? month.lastDay), 10)
            if closing <= clock.now {
                steps.append((closing, .close(month)))
                lastClosed = month
            }
            guard let next = month.adding(months: 1) else { break }
            month = next
        }
        let tickets = TicketStore(database)
        var closed = 0, misses = 0, escalations = 0
        while true {
            let next = steps.indices.min { steps[$0].at < steps[$1].at }
            if let file = feed.nextAt, next.map({ file <= steps[$0].at }) ?? true {
                escalations += try await sweepEscalations(through: file, on: database)
                try await feed.importThrough(file, on: database)
                continue
            }
            guard let next else { break }
            let (at, step) = steps.remove(at: next)
            escalations += try await sweepEscalations(through: at, on: database)
            switch step {
            case .close(let month):
                let report = try await PeriodCloser(database).close(
                    practice: practice.id, month: month, trigger: .automatic, by: nil, now: at)
                closed += 1
                misses += report.misses
                for ticket in try await tickets.list(in: engagement.id, openedFrom: at)
                where ticket.category == .serviceLevelMiss && ticket.openedAt == at {
                    steps.append((clock.after(1.5, from: at), .answer(ticket.id)))
                    if month != lastClosed { steps.append((clock.after(45, from: at), .resolve(ticket.id))) }
                }
            case .answer(let id):
                _ = try await tickets.message(
                    id,
                    body:
                        "Seen at the close. We are working through the claims behind the figure and will bring the causes and a plan to the monthly review.",
                    visibility: .public, by: lead, now: at)
                _ = try await tickets.assign(id, to: agent.user.id, by: lead, now: at)
                _ = try await tickets.setStatus(id, to: .inProgress, reason: nil, by: agent, now: clock.after(0.5, from: at))
            case .resolve(let id):
                _ = try await tickets.message(
                    id, body: "Causes found and fixed in our work queue; the next month's figure is the check.", visibility: .public,
                    by: agent, now: at)
                _ = try await tickets.setStatus(
                    id, to: .resolved, reason: "causes fixed; the next close checks the figure", by: agent, now: at)
            }
        }
        escalations += try await sweepEscalations(through: clock.now, on: database)
        return (feed.history, closed, misses, escalations)
    }
}

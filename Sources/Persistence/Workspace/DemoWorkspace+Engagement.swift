import Domain
import FluentKit
import Foundation

extension DemoWorkspace {
    /// What the demo's engagement holds.
    public struct EngagementHistory: Sendable {
        public let engagement: Engagement
        /// Change requests by status.
        public let changeRequests: [ChangeRequest.Status: Int]
        /// Months closed, and the service-level misses they opened tickets for.
        public let monthsClosed: Int
        public let misses: Int
    }

    /// Engages the demo vendor under a contract signed when the billing history starts, names
    /// both parties' contacts, and leaves a change history: two change requests approved by both
    /// parties (a scope change and an access change) and one price increase the practice rejected.
    /// Every month of the history that is over is then closed, so missed targets have tickets.
    public static func seedEngagement(on database: any Database, practice: Organization, vendor: Organization, now: Date) async throws -> EngagementHistory {
        guard let today = CalendarDate.on(now, in: practice.timeZone), let start = CalendarMonth(today).adding(months: -6)?.firstDay else {
            throw StoreError.corruptRow(table: "organizations", detail: "time zone")
        }
        func caller(_ address: String) async throws -> Caller {
            guard let user = try await UserStore(database).find(email: try EmailAddress(address)) else { throw StoreError.userNotFound(email: address) }
            return Caller(user: user, organization: user.organizationID == practice.id ? practice : vendor)
        }
        let owner = try await caller("owner@riverbend.example"), manager = try await caller("manager@riverbend.example")
        let lead = try await caller("lead@northgate.example"), agent = try await caller("agent@northgate.example")
        // The way every engagement is made: the owner invites the vendor's lead, who accepts and
        // confirms the day the agreement was signed outside Sightline.
        let invitations = InvitationStore(database)
        let invitation = try await invitations.invite(lead.user.email, signedOn: start, template: .medicalBilling, by: owner, now: now)
        let engagement = try await invitations.accept(invitation.id, confirmsSignedOn: true, by: lead, now: now)

        let contacts = ContactStore(database)
        let people: [(Caller?, Party, PointOfContact.Purpose, String, PointOfContact.Channel, String, String, Bool)] = [
            (owner, .practice, .executive, "Dr. Maya Lin", .email, "owner@riverbend.example", "Mon–Fri 08:00–17:00 CT", false),
            (manager, .practice, .routine, "Practice manager", .email, "manager@riverbend.example", "Mon–Fri 08:00–17:00 CT", true),
            (manager, .practice, .urgent, "Practice manager (mobile)", .phone, "+1 555 0142", "Mon–Sat 07:00–19:00 CT", false),
            (nil, .practice, .patientConcerns, "Front desk", .phone, "+1 555 0100", "Mon–Fri 08:00–17:00 CT", false),
            (lead, .vendor, .routine, "Northgate team lead", .email, "lead@northgate.example", "Mon–Fri 08:00–18:00 ET", true),
            (agent, .vendor, .downtime, "Northgate support desk", .portal, "support.northgate.example", "24x7", false),
            (nil, .vendor, .executive, "Jordan Reyes, VP Client Services", .email, "jreyes@northgate.example", "Mon–Fri 09:00–17:00 ET", false),
        ]
        for (person, party, purpose, name, channel, address, hours, primary) in people {
            _ = try await contacts.save(
                PointOfContact(engagementID: engagement.id, party: party, purpose: purpose, userID: person?.user.id, name: name, channel: channel,
                               address: address, hours: hours, isPrimary: primary),
                in: engagement, as: party)
        }

        let requests = ChangeRequestStore(database)
        func moment(monthsAgo: Int, day: Int) -> Date {
            let month = CalendarMonth(today).adding(months: -monthsAgo) ?? CalendarMonth(today)
            let date = CalendarDate(year: month.year, month: month.month, day: day) ?? month.firstDay
            return Date(timeIntervalSince1970: Double(date.dayNumber) * 86_400 + 15 * 3_600)
        }
        let eligibility = GridTask(
            key: "eligibility-checks", name: "Eligibility and benefits checks", workflow: "claims", step: 0, responsible: [.vendor],
            accountable: [.vendor], informed: [.practice], handoff: "appointment booked two days ahead", proof: "270/271 response on the visit",
            exceptionOwner: "practice_manager")
        let scope = try await requests.propose(
            ChangeProposal(kind: .scope, title: "Vendor runs eligibility checks before visits",
                           reason: "Eligibility denials (CO-27, CO-31) keep coming back; front-desk staff cannot check every plan in time.",
                           edits: [try .set(ContractPath.parse("grid.tasks[eligibility-checks]"), to: eligibility)], budgetImpactMonthly: Money("450.00"),
                           timelineImpact: "starts the first Monday after approval"),
            in: engagement, by: manager, now: moment(monthsAgo: 4, day: 3))
        _ = try await requests.comment(on: scope.id, in: engagement, by: lead, body: "We can start with next week's schedule; 270/271 runs through our clearinghouse.", now: moment(monthsAgo: 4, day: 4))
        _ = try await requests.approve(scope.id, in: engagement, by: lead, for: .vendor, note: nil, now: moment(monthsAgo: 4, day: 5))
        _ = try await requests.approve(scope.id, in: engagement, by: owner, for: .practice, note: "approved at the monthly review", now: moment(monthsAgo: 4, day: 8))

        let access = try await requests.propose(
            ChangeProposal(kind: .access, title: "Read-only clearinghouse access for vendor agents",
                           reason: "Agents need rejection reports the same day instead of waiting for the practice to forward them.",
                           edits: [try .set(ContractPath.parse("governance.accessRules"), to: "Vendor staff get access only through a request the practice approves; vendor agents may read (not submit in) the practice's clearinghouse portal; access is reviewed every quarter and ends the day a person leaves the engagement.")],
                           timelineImpact: "none"),
            in: engagement, by: lead, now: moment(monthsAgo: 2, day: 6))
        _ = try await requests.approve(access.id, in: engagement, by: owner, for: .practice, note: "read-only only", now: moment(monthsAgo: 2, day: 9))
        _ = try await requests.approve(access.id, in: engagement, by: lead, for: .vendor, note: nil, now: moment(monthsAgo: 2, day: 9))

        let price = try await requests.propose(
            ChangeProposal(kind: .price, title: "Raise the fee to 7% of collections",
                           reason: "Medicaid volume and appeals take more work than the 6% rate assumed.",
                           edits: [try .set(ContractPath.parse("governance.pricing.percentOfCollections"), to: 0.07)], budgetImpactMonthly: Money("1850.00"),
                           timelineImpact: "from the next invoice"),
            in: engagement, by: lead, now: moment(monthsAgo: 1, day: 4))
        _ = try await requests.comment(on: price.id, in: engagement, by: manager, body: "Denials from Summit Mutual doubled in the same months; we want those fixed first.", now: moment(monthsAgo: 1, day: 5))
        _ = try await requests.reject(price.id, in: engagement, by: owner, for: .practice, note: "Not while the denial rate is above target; revisit at the next quarterly review.", now: moment(monthsAgo: 1, day: 7))

        // Some of last month's vendor work, two pieces of it outside the contract.
        let lastMonth = CalendarMonth(today).adding(months: -1) ?? CalendarMonth(today)
        let work: [(String?, Int, Int, String)] = [
            ("denial-follow-up", 38, 610, "Appeals and corrected claims for Summit Mutual CO-197 denials"),
            ("payer-follow-up", 52, 480, "State Medicaid claims unpaid past 30 days"),
            ("coding-questions", 6, 90, "Answered coding questions for the new provider"),
            (nil, 1, 240, "Built a custom aging spreadsheet for the owner"),
        ]
        for (index, item) in work.enumerated() {
            _ = try await ScopeStore(database).record(in: engagement, by: agent, task: item.0, date: lastMonth.firstDay.adding(days: 3 + index * 5) ?? lastMonth.firstDay,
                                                      quantity: item.1, minutes: item.2, description: item.3, now: now)
        }

        var monthsClosed = 0, misses = 0
        var month = CalendarMonth(start)
        while month < CalendarMonth(today) {
            let report = try await PeriodCloser(database).close(practice: practice.id, month: month, trigger: .automatic, by: nil, now: now)
            monthsClosed += 1
            misses += report.misses
            guard let next = month.adding(months: 1) else { break }
            month = next
        }
        let statuses = try await requests.list(in: engagement.id).reduce(into: [ChangeRequest.Status: Int]()) { $0[$1.status, default: 0] += 1 }
        return EngagementHistory(engagement: engagement, changeRequests: statuses, monthsClosed: monthsClosed, misses: misses)
    }
}

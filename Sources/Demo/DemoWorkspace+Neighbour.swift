import Domain
import FluentKit
import Foundation
import Persistence

extension DemoWorkspace {
    /// A second practice the same vendor serves, in another time zone, with its own administrator
    /// and a small issue log: the vendor's people see both practices' work, and neither practice
    /// sees the other's.
    public struct Neighbour: Sendable {
        public let practice: Organization
        public let engagement: Engagement
        public let account: Account
    }

    public static func seedNeighbour(
        on database: any Database, vendor: Organization, hasher: BcryptHasher, randomIndex: @escaping @Sendable (Int) -> Int, now: Date
    ) async throws -> Neighbour {
        let practice = try Organization.validated(name: "Lakeside Pediatrics", kind: .practice, timeZone: "America/Denver")
        try await OrganizationStore(database).create(practice)
        let email = try EmailAddress("owner@lakeside.example")
        let password = PasswordPolicy.generate(randomIndex: randomIndex)
        let owner = try await UserStore(database).create(
            organizationID: practice.id, email: email, role: .practiceAdmin, password: password, hasher: hasher)
        guard let today = CalendarDate.on(now, in: practice.timeZone), let signed = CalendarMonth(today).adding(months: -2)?.firstDay else {
            throw StoreError.corruptRow(table: "organizations", detail: "time zone")
        }
        let caller = Caller(user: owner, organization: practice)
        // Invited by its owner and accepted by the vendor's lead, as the demo's first practice was.
        guard let leadUser = try await UserStore(database).find(email: try EmailAddress("lead@northgate.example")) else {
            throw StoreError.userNotFound(email: "lead@northgate.example")
        }
        // On the last business day before its contract starts, so the vendor's people are on it from the start.
        var clock = Clock(timeZone: practice.timeZone, now: now)
        let signing = clock.at(clock.businessDay(onOrBefore: signed), 10)
        let invitations = InvitationStore(database)
        let invitation = try await invitations.invite(leadUser.email, signedOn: signed, template: .medicalBilling, by: caller, now: signing)
        let engagement = try await invitations.accept(
            invitation.id, confirmsSignedOn: true, by: Caller(user: leadUser, organization: vendor),
            now: clock.after(2, from: signing))
        clock = try await demoClock(of: engagement, practice: practice, now: now, on: database)
        let store = TicketStore(database)
        // Filed in the practice's business hours, the escalation ladder run as they fell due.
        for (category, priority, title, task, hoursAgo) in [
            (
                Ticket.Category.claimError, TicketPriority.high, "Well-child visits denied for missing EPSDT indicator", "denial-follow-up",
                6.0
            ),
            (.patientConcern, .normal, "Parent asks why the vaccine administration was billed twice", "patient-statements", 30.0),
        ].sorted(by: { $0.4 > $1.4 }) {
            let opened = clock.ago(hoursAgo)
            try await sweepEscalations(through: opened, on: database)
            _ = try await store.open(
                TicketDraft(category: category, priority: priority, title: title, detail: "", assignedParty: .vendor, gridTask: task),
                in: engagement, by: caller, now: opened)
        }
        try await sweepEscalations(through: now, on: database)
        return Neighbour(
            practice: practice, engagement: engagement,
            account: Account(email: email, role: .practiceAdmin, organizationName: practice.name, password: password))
    }
}

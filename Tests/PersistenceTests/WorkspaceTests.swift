import Demo
import Domain
import Foundation
import Persistence
import SightlineTestSupport
import Testing

@Suite("First run and the demo workspace", .database)
struct WorkspaceTests {
    @Test("first-run setup creates the practice and its administrator, once")
    func firstRun() async throws {
        let db = try TestDatabase.app.db
        let (practice, admin) = try await FirstRunSetup.perform(
            on: db, practiceName: "Riverbend Family Medicine", timeZone: "America/Denver",
            adminEmail: "owner@riverbend.example", password: "a long enough password", hasher: .fastForTests)
        #expect(practice.kind == .practice)
        #expect(practice.timeZone == "America/Denver")
        #expect(admin.role == .practiceAdmin)
        #expect(admin.organizationID == practice.id)
        await #expect(throws: StoreError.alreadySetUp) {
            try await FirstRunSetup.perform(
                on: db, practiceName: "Intruder Clinic", timeZone: "UTC", adminEmail: "x@y.example",
                password: "a long enough password", hasher: .fastForTests)
        }
        #expect(try await OrganizationStore(db).count() == 1)
    }

    @Test("bad first-run input stores nothing")
    func firstRunInvalid() async throws {
        let db = try TestDatabase.app.db
        await #expect(throws: PasswordPolicyError.tooShort(length: 5)) {
            try await FirstRunSetup.perform(
                on: db, practiceName: "Clinic", timeZone: "UTC", adminEmail: "a@b.example",
                password: "short", hasher: .fastForTests)
        }
        #expect(try await OrganizationStore(db).isEmpty())
    }

    @Test("the demo has a practice, its vendor and one account per role, each able to get a token")
    func demo() async throws {
        let db = try TestDatabase.app.db
        let result = try #require(try await DemoWorkspace.seed(on: db, hasher: .fastForTests, randomIndex: { Int.random(in: 0..<$0) }))
        #expect(result.practice.kind == .practice)
        #expect(result.vendor.kind == .vendor)
        #expect(Set(result.accounts.map(\.role)) == Set(Role.allCases))
        #expect(Set(result.accounts.map(\.password)).count == result.accounts.count)
        for account in result.accounts {
            try PasswordPolicy.validate(account.password)
            let token = try await APITokenStore(db).issue(for: account.email, lifetime: .standard, now: Date())
            let caller = try #require(try await APITokenStore(db).authenticate(secret: token.secret, now: Date()))
            #expect(caller.caller.user.role == account.role)
            #expect(caller.caller.organization.kind == account.role.organizationKind)
        }
    }

    @Test("the demo never mixes with existing data")
    func demoOnlyWhenEmpty() async throws {
        let db = try TestDatabase.app.db
        try await OrganizationStore(db).create(Organization.validated(name: "Real Clinic", kind: .practice, timeZone: "UTC"))
        #expect(try await DemoWorkspace.seed(on: db, hasher: .fastForTests, randomIndex: { _ in 0 }) == nil)
        #expect(try await OrganizationStore(db).count() == 1)
        #expect(try await UserStore(db).count() == 0)
    }
}

@Suite("The demo's billing history", .database)
struct DemoBillingTests {
    @Test("months of generated files import without a rejection, each on its day up to the day before today, with the story in the figures")
    func history() async throws {
        let db = try TestDatabase.app.db
        let practice = try await OrganizationStore(db).create(Organization.validated(name: "Riverbend", kind: .practice, timeZone: "UTC"))
        let now = try #require(ISO8601DateFormatter().date(from: "2026-11-23T12:00:00Z"))
        let history = try await DemoWorkspace.importBillingHistory(on: db, practice: practice.id, now: now, claimsPerDay: 12)
        #expect(history.files > 10)
        #expect(history.claims >= 12 * 170)
        // Eight months at least, so a whole quarter lies between the first months and the story.
        #expect(history.from <= day("2026-03-23"))
        #expect(try await db.sqlRows("SELECT COUNT(*) FROM import_log WHERE result <> 'imported'") == ["0"])
        #expect(try await db.sqlRows("SELECT COUNT(*) FROM claim_submissions").first.flatMap(Int.init) == history.claims)
        let latest = try await db.sqlRows("SELECT MAX(payment_date) FROM adjudications").first ?? ""
        #expect(!latest.isEmpty && latest < "2026-11-23")
        #expect(try await db.sqlRows("SELECT MIN(submission_date) FROM claim_submissions").first ?? "" >= history.from.description)

        // The story: Summit Mutual Health's initial denials jump in the last two months, and the
        // state Medicaid plan pays weeks later than before.
        func payer(_ id: String, _ from: String, _ to: String) async throws -> KPIFigures {
            let answer = try await KPIQuery(db).answer(
                KPIRequest(
                    practiceID: practice.id.rawValue, from: try #require(CalendarDate(from)), to: try #require(CalendarDate(to)), by: .payer
                ))
            return try #require(answer.groups?.first { $0.key == id }).figures
        }
        let summitBefore = try await payer("SMH22", "2026-06-01", "2026-08-31"),
            summitAfter = try await payer("SMH22", "2026-10-01", "2026-11-22")
        #expect((summitAfter.initialDenialRate ?? 0) > 2 * (summitBefore.initialDenialRate ?? 1))
        #expect(summitAfter.denialCauses.first?.reason == "CO-197")
        let medicaidBefore = try await payer("SKMCD", "2026-06-01", "2026-08-15"),
            medicaidAfter = try await payer("SKMCD", "2026-10-01", "2026-11-22")
        #expect((medicaidAfter.paymentLagDays ?? 0) > (medicaidBefore.paymentLagDays ?? 0) + 20)
    }
}

@Suite("The demo's engagement", .database)
struct DemoEngagementTests {
    @Test("an active engagement with two approved change requests, one rejected, contacts on both sides, closed months and scope creep")
    func engagement() async throws {
        let db = try TestDatabase.app.db
        let seeded = try #require(try await DemoWorkspace.seed(on: db, hasher: .fastForTests, randomIndex: { Int.random(in: 0..<$0) }))
        let now = try #require(ISO8601DateFormatter().date(from: "2026-11-24T15:00:00Z"))
        let history = try await DemoWorkspace.seedEngagement(
            on: db, practice: seeded.practice, vendor: seeded.vendor, now: now, claimsPerDay: 4)
        #expect(history.changeRequests == [.approved: 2, .rejected: 1])
        #expect(history.monthsClosed == 6)
        let versions = try await EngagementStore(db).versions(of: history.engagement.id)
        #expect(versions.map(\.number) == [1, 2, 3])
        #expect(versions.map { $0.effectiveFrom?.description ?? "" } == ["2026-05-01", "2026-07-08", "2026-09-09"])
        #expect(versions[2].contract.grid.task("eligibility-checks") != nil)
        #expect(try await EngagementStore(db).version(of: history.engagement, number: nil, on: day("2026-08-01"), now: now).number == 2)
        #expect(ContactDirectory.primaryProblems(try await ContactStore(db).contacts(of: history.engagement.id)).isEmpty)
        let misses = try await TicketStore(db).list(in: history.engagement.id).filter { $0.category == .serviceLevelMiss }
        #expect(misses.count == history.misses)
        let someone = try #require(try await UserStore(db).list(organizationID: seeded.practice.id).first)
        let report = try await ScopeStore(db).report(
            month: try #require(CalendarMonth("2026-10")), visibleTo: Caller(user: someone, organization: seeded.practice))
        #expect(report.lines.first?.outOfScopeWorkRecords == 2)
        #expect(report.lines.first?.inScopeWorkRecords == 2)

        let queue = try await DemoWorkspace.seedTickets(
            on: db, engagement: history.engagement, practice: seeded.practice, vendor: seeded.vendor, now: now)
        let tickets = try await TicketStore(db).list(in: history.engagement.id)
        #expect(Set(tickets.map(\.status)) == Set(Ticket.Status.allCases))
        #expect(tickets.contains { $0.assignedParty == .practice && $0.status != .resolved })
        #expect(queue.escalations > 0)
        var breached = 0
        for ticket in tickets {
            let clocks = try await TicketStore(db).clocks(of: ticket, asOf: now)
            if [clocks.firstResponse, clocks.update, clocks.resolution].contains(where: { $0.breachedAt != nil }) { breached += 1 }
        }
        #expect(breached > 0)
        // Named people own and watch tickets, and a vendor ticket waits on the practice.
        #expect(tickets.filter { $0.assignee != nil }.count >= 3)
        var watched = 0
        for ticket in tickets where try await !TicketStore(db).watchers(of: ticket.id).isEmpty { watched += 1 }
        #expect(watched >= 3)
        let waiting = try #require(tickets.first { $0.category == .claimError && $0.assignedParty == .vendor })
        let clocks = try await TicketStore(db).clocks(of: waiting, asOf: now)
        #expect(clocks.resolution.pausedBy == .practice, "\(clocks.resolution)")
    }
}

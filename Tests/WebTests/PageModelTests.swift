import Foundation
import Testing

@testable import Domain
@testable import Persistence
@testable import Web

/// The pages' view models, checked as data: no server, no template, no HTML.
@Suite("Page view models as data")
struct ViewModelTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    static func reading(
        _ state: ClockReading.State, due minutes: Double? = nil, breached: Bool = false, stopped: Bool = false,
        pausedBy: Party? = nil
    ) -> ClockReading {
        ClockReading(
            state: state, dueAt: minutes.map { now.addingTimeInterval($0 * 60) }, breachedAt: breached ? now.addingTimeInterval(-60) : nil,
            businessSecondsUsed: 0, businessSecondsPaused: 0, pausedBy: pausedBy, stoppedAt: stopped ? now : nil, isStopped: stopped)
    }

    static func clocks(_ first: ClockReading, _ update: ClockReading = reading(.met), resolution: ClockReading) -> TicketClocks {
        TicketClocks(firstResponse: first, update: update, resolution: resolution)
    }

    static let timeLeftCases: [(TicketClocks, String, String, String)] = [
        (clocks(reading(.running, due: 90), resolution: reading(.running, due: 600)), "first response", "1 h 30 min left", "soon"),
        (clocks(reading(.met), resolution: reading(.running, due: 5 * 60)), "resolution", "5 h left", "running"),
        (clocks(reading(.met), resolution: reading(.running, due: 3 * 24 * 60 + 6 * 60 + 5)), "resolution", "3 d 6 h left", "running"),
        (
            clocks(reading(.breached, due: -125, breached: true), resolution: reading(.running, due: 30)), "first response",
            "overdue by 2 h 5 min", "overdue"
        ),
        // A reply given late stops its clock: what counts next is the resolution.
        (
            clocks(reading(.breached, due: -125, breached: true, stopped: true), resolution: reading(.running, due: 30)), "resolution",
            "30 min left", "soon"
        ),
        // Due already, though the sweep has not marked it breached yet.
        (clocks(reading(.met), resolution: reading(.running, due: -10)), "resolution", "overdue by 10 min", "overdue"),
        (
            clocks(reading(.met), resolution: reading(.paused, pausedBy: .practice)), "resolution", "paused, waiting on the practice",
            "paused"
        ),
        (clocks(reading(.met), resolution: reading(.met)), "no clock running", "—", "running"),
    ]

    @Test(
        "time left reads the clock that falls due first; overdue, soon, running and paused as a person says them", arguments: timeLeftCases)
    func timeLeft(clocks: TicketClocks, clock: String, text: String, urgency: String) {
        let left = TimeLeft(clocks, now: Self.now)
        #expect(left.clock == clock)
        #expect(left.text == text)
        #expect(left.urgency == urgency)
    }

    static let durations: [(Double, String)] = [
        (0, "0 min"), (3_540, "59 min"), (3_600, "1 h"), (12_000, "3 h 20 min"),
        (172_800, "2 d"), (187_259, "2 d 4 h"), (-30, "0 min"),
    ]

    @Test("durations", arguments: durations)
    func span(seconds: Double, text: String) {
        #expect(TimeLeft.span(seconds) == text)
    }

    static let practice = Organization(name: "Riverbend Family Medicine", kind: .practice, timeZone: "America/Chicago")
    static let vendor = Organization(name: "Northgate Revenue Partners", kind: .vendor, timeZone: "America/New_York")

    static func caller(_ role: Role) throws -> Caller {
        let organization = role.organizationKind == .practice ? practice : vendor
        return Caller(
            user: User(organizationID: organization.id, email: try EmailAddress("\(role.rawValue)@example.com"), role: role),
            organization: organization)
    }

    static func ticket(_ number: Int, assignee: User.ID? = nil) -> Ticket {
        var ticket = Ticket(
            engagementID: Engagement.ID(), number: number, category: .claimError, priority: .high, title: "T \(number)", detail: "",
            requester: .practice, assignedParty: .vendor, gridTask: nil, openedBy: nil, openedAt: now.addingTimeInterval(-3_600))
        ticket.assignee = assignee
        return ticket
    }

    @Test("the vendor agent's home: the queue by time left, overdue first and paused last, the rest counted beyond fifty")
    func agentQueue() throws {
        let agent = try Self.caller(.vendorAgent)
        var facts = RoleHomePageModel.Facts()
        facts.queue = [
            .init(
                ticket: Self.ticket(1), clocks: Self.clocks(Self.reading(.met), resolution: Self.reading(.paused, pausedBy: .practice)),
                engagement: "Riverbend", mine: false),
            .init(
                ticket: Self.ticket(2, assignee: agent.user.id),
                clocks: Self.clocks(Self.reading(.running, due: 240), resolution: Self.reading(.running, due: 900)),
                engagement: "Riverbend", mine: true),
            .init(
                ticket: Self.ticket(3),
                clocks: Self.clocks(Self.reading(.breached, due: -30, breached: true), resolution: Self.reading(.running, due: 60)),
                engagement: "Lakeside", mine: false, zone: "America/Denver"),
            .init(
                ticket: Self.ticket(4), clocks: Self.clocks(Self.reading(.running, due: 20), resolution: Self.reading(.running, due: 900)),
                engagement: "Lakeside", mine: false),
        ]
        facts.queue += (5...60).map {
            .init(
                ticket: Self.ticket($0), clocks: Self.clocks(Self.reading(.met), resolution: Self.reading(.running, due: 2_000)),
                engagement: "R", mine: false)
        }
        let chrome = PageChrome(caller: agent, csrf: "x")
        let model = RoleHomePageModel(chrome: chrome, caller: agent, facts: facts, now: Self.now)
        #expect(model.queueTitle == "My queue by time left")
        #expect(model.queue.prefix(3).map(\.reference) == ["T-3", "T-4", "T-2"])
        #expect(model.queue.count == RoleHomePageModel.queueLimit)
        #expect(model.queueMore == 60 - RoleHomePageModel.queueLimit)
        #expect(model.queue.first?.urgency == "overdue")
        #expect(model.queue.first { $0.reference == "T-2" }?.mine == true)
        #expect(!model.queue.contains { $0.reference == "T-1" }, "the paused ticket sorts after every running one, beyond the first fifty")
        #expect(model.showDecisions == false)
        #expect(model.money == nil)
        #expect(model.today.hasSuffix("(America/New_York)"))
        #expect(model.queue.first?.clock.hasSuffix("MST") == true, "a ticket's times read in its practice's zone")
        #expect(model.queue[1].clock.hasSuffix("EST") == true, "without one, in the viewer's own")
    }

    static let homePartCases: [(Role, Bool, String?)] = [
        (.practiceAdmin, true, "Work assigned to the practice, by time left"),
        (.practiceManager, true, "Work assigned to the practice, by time left"),
        (.practiceStaff, false, "Work assigned to the practice, by time left"),
        (.complianceAuditor, true, nil),
        (.vendorLead, true, "The team's queue by time left"),
        (.vendorAgent, false, "My queue by time left"),
    ]

    @Test("who sees which part of the home page", arguments: homePartCases)
    func homeParts(role: Role, decisions: Bool, queue: String?) throws {
        let caller = try Self.caller(role)
        let model = RoleHomePageModel(chrome: PageChrome(caller: caller, csrf: "x"), caller: caller, facts: .init(), now: Self.now)
        #expect(model.showDecisions == decisions)
        #expect(model.queueTitle == queue)
    }

    @Test("the money card: each target's figure over the target's own period, judged once; the summary counts the tiles' very verdicts")
    func moneyCard() throws {
        var figures = KPIFigures(KPISums())
        figures.initialDenialRate = 0.125
        figures.netCollectionRate = 0.50
        figures.denialCauses = [
            .init(reason: "CO-197", category: .authorization, claims: 7, charges: Money(cents: 242_000)),
            .init(reason: "CO-16", category: .missingInformation, claims: 4, charges: Money(cents: 105_550)),
        ]
        let october = try #require(CalendarMonth("2026-10"))
        let today = try #require(CalendarDate("2026-11-09"))
        let denials = KPITarget(key: "initial-denial-rate", figure: "initialDenialRate", comparator: .atMost, target: 0.08, period: .month)
        let collection = KPITarget(
            key: "net-collection-rate", figure: "netCollectionRate", comparator: .atLeast, target: 0.95, period: .quarter)
        let clean = KPITarget(key: "clean-claim-rate", figure: "cleanClaimRate", comparator: .atLeast, target: 0.9, period: .month)
        let standings = [
            TargetStanding(target: denials, period: .latestEnded(.month, before: today), value: 0.125, reason: nil, asOf: today),
            TargetStanding(target: collection, period: .latestEnded(.quarter, before: today), value: 0.961, reason: nil, asOf: today),
            TargetStanding(target: clean, period: .latestEnded(.month, before: today), value: 0.93, reason: nil, asOf: today),
        ]
        let card = RoleHomePageModel.moneyCard(october, totals: figures, standings: standings)
        #expect(card.month == "October 2026")
        #expect(card.deniedCharges == "$3,475.50")
        #expect(
            card.tiles.map(\.key) == RoleHomePageModel.moneyFigures + ["cleanClaimRate"],
            "a target's figure is on the card even when it is not a money figure")
        let denial = try #require(card.tiles.first)
        #expect(denial.value == "12.5%")
        #expect(denial.status == "missed" && denial.verdict == "missed")
        #expect(denial.definitionLink == "/definitions#initialDenialRate")
        let ncr = try #require(card.tiles.first { $0.key == "netCollectionRate" })
        #expect(ncr.value == "96.1%", "the quarter's figure, not the month's 50%")
        #expect(ncr.period == "Jul–Sep 2026")
        #expect(ncr.target == "≥ 95% per quarter")
        #expect(ncr.status == "met")
        #expect(ncr.claimsLink == nil, "no claim list stands behind this rate")
        #expect(denial.claimsLink == "/claims?figure=initialDenials&from=2026-10-01&to=2026-10-31")
        let shown = card.tiles.compactMap(\.verdict)
        let summary = RoleHomePageModel.serviceLevels(standings)
        #expect(summary.text == "2 of 3 targets met (October 2026; Jul–Sep 2026)")
        #expect(shown.filter { $0 == "met" }.count == 2, "the summary and the tiles say the same")
        #expect(summary.verdict == "bad")
        #expect(card.causes.first?.claimsLink == "/claims?figure=initialDenials&from=2026-10-01&to=2026-10-31&reason=CO-197")
        #expect(card.dashboardLink == "/dashboard?from=2026-10-01&to=2026-10-31")
    }

    @Test(
        "the home summary of targets",
        arguments: [
            ([ServiceLevelResult.Outcome](), "no figure target in the contract", "none"),
            ([.met, .met], "2 of 2 targets met (October 2026)", "good"),
            ([.met, .inProgress], "1 of 2 targets met (October 2026), 1 not judged (in progress or no data)", "none"),
            ([.missed, .notMeasurable], "0 of 2 targets met (October 2026), 1 not judged (in progress or no data)", "bad"),
        ])
    func homeSummary(outcomes: [ServiceLevelResult.Outcome], text: String, verdict: String) throws {
        let october = MeasurementPeriod(.month, containing: try #require(CalendarMonth("2026-10")))
        let standings = outcomes.enumerated().map { index, outcome in
            let target = KPITarget(key: "t\(index)", figure: "cleanClaimRate", comparator: .atLeast, target: 0.9, period: .month)
            let value: Double? =
                switch outcome {
                case .met: 0.95
                case .missed: 0.5
                case .inProgress, .notMeasurable: nil
                }
            return TargetStanding(
                target: target, period: october, value: value, reason: "no 277CA",
                asOf: outcome == .inProgress ? october.to : october.to.adding(days: 1)!)
        }
        #expect(standings.map(\.verdict.outcome) == outcomes)
        let summary = RoleHomePageModel.serviceLevels(standings)
        #expect(summary.text == text)
        #expect(summary.verdict == verdict)
    }

    static let navigationCases: [(Role, [String])] = [
        (.practiceAdmin, ["/home", "/dashboard", "/engagements", "/imports", "/scope", "/people", "/audit", "/settings/practice"]),
        (.practiceManager, ["/home", "/dashboard", "/engagements", "/imports", "/scope", "/people", "/settings/practice"]),
        (.practiceStaff, ["/home", "/dashboard", "/engagements", "/scope", "/people"]),
        (
            .complianceAuditor,
            ["/home", "/dashboard", "/engagements", "/imports", "/scope", "/people", "/audit", "/settings/practice", "/break-glass"]
        ),
        (.vendorLead, ["/home", "/engagements", "/scope", "/people", "/break-glass"]),
        (.vendorAgent, ["/home", "/engagements", "/scope", "/people", "/break-glass"]),
    ]

    @Test("the navigation offers only what the role may open", arguments: navigationCases)
    func navigation(role: Role, links: [String]) {
        #expect(PageChrome.links(for: role, in: role.organizationKind).map(\.href) == links)
    }

    static let summaries: [([ImportResult.Outcome], String)] = [
        ([.imported], "1 file imported"),
        ([.imported, .imported, .duplicate], "2 files imported, 1 already imported before (nothing stored again)"),
        ([.rejected], "1 rejected (nothing from it was stored)"),
        ([.imported, .rejected, .rejected], "1 file imported, 2 rejected (nothing from them was stored)"),
    ]

    @Test("an import's summary names what was stored and what was not", arguments: summaries)
    func importSummary(outcomes: [ImportResult.Outcome], text: String) {
        #expect(ImportsPageModel.summary(outcomes.map { ImportResult(fileName: "f", kind: "835", outcome: $0) }) == text)
    }

    @Test("import results and history: money and claims only for what was stored, times in the practice's zone, named")
    func importsPage() throws {
        let manager = try Self.caller(.practiceManager)
        let results = [
            ImportResult(
                fileName: "era.835", kind: "835", outcome: .imported, claims: 12, totalCharge: Money(cents: 123_456_78),
                totalPaid: Money(cents: 99_000)),
            ImportResult(
                fileName: "bad.835", kind: "835", outcome: .rejected, message: "bad.835: segment 7 (CLP), CLP04: 'x' is not an amount"),
        ]
        let entry = ImportHistory.Entry(
            id: UUID(), fileName: "era.835", kind: "835", result: "imported", message: "", claims: 12,
            at: Date(timeIntervalSince1970: 1_795_000_000), importedBy: nil)
        let model = ImportsPageModel(
            chrome: PageChrome(caller: manager, csrf: "x"), canImport: true, maxMegabytes: 200, results: results,
            history: [entry], timeZone: "America/Chicago")
        #expect(model.rejected)
        #expect(model.results.map { $0.charges } == ["$123,456.78", "—"])
        #expect(model.results.map { $0.claims } == ["12", "—"])
        #expect(model.results[1].message.contains("CLP04"))
        #expect(model.history.first?.by == "command line")
        #expect(model.history.first?.at.hasSuffix("CST") == true)
    }

    @Test("a role change is decided by another approver, never by the person who asked or the person it is about")
    func roleChangeDecisions() throws {
        let admin = try Self.caller(.practiceAdmin), auditor = try Self.caller(.complianceAuditor),
            manager = try Self.caller(.practiceManager)
        let staff = try Self.caller(.practiceStaff)
        let change = RoleChange(
            id: .init(), userID: staff.user.id, email: staff.user.email.value, from: .practiceStaff, to: .practiceManager,
            reason: "Covers the manager's leave", requestedBy: admin.user.id, requestedAt: Self.now, status: .requested)
        func decidable(by caller: Caller) -> Bool {
            PeoplePageModel(chrome: PageChrome(caller: caller, csrf: "x"), caller: caller, people: [], changes: [change], timeZone: "UTC")
                .changes[0].decidable
        }
        #expect(decidable(by: auditor))
        #expect(!decidable(by: admin), "the administrator asked for it")
        #expect(!decidable(by: manager), "a manager does not approve role changes")
        var done = change
        done.status = .approved
        #expect(
            !PeoplePageModel(chrome: PageChrome(caller: auditor, csrf: "x"), caller: auditor, people: [], changes: [done], timeZone: "UTC")
                .changes[0].decidable)
        let form = PeoplePageModel.RequestForm(
            email: "a@example.com", role: "practice_manager", reason: "short", errors: ["reason": "say why"])
        let kept = PeoplePageModel(
            chrome: PageChrome(caller: admin, csrf: "x"), caller: admin, people: [], changes: [], timeZone: "UTC", form: form)
        #expect(kept.form == form, "what was typed comes back with the error")
        #expect(kept.roles.first { $0.selected }?.value == "practice_manager")
        #expect(kept.roles.allSatisfy { Role(rawValue: $0.value)?.organizationKind == .practice })
    }

    static let amounts: [(Int64, String)] = [
        (0, "$0.00"), (5, "$0.05"), (123_456, "$1,234.56"), (100_000_000, "$1,000,000.00"),
        (-1_299, "-$12.99"), (99_999, "$999.99"),
    ]

    @Test("money as pages show it", arguments: amounts)
    func money(cents: Int64, text: String) {
        #expect(Money(cents: cents).shown == text)
    }
}

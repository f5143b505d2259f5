import Domain
import Foundation
import Testing

@Suite("Change requests: two-party approval, versions, scope and service levels")
struct ChangeRequestTests {
    static let now = Date(timeIntervalSince1970: 1_780_000_000)
    static let today = CalendarDate("2026-06-01")!
    static let proposer = User.ID()

    static func request(_ edits: [ContractEdit], base: Int = 1, effective: String? = nil) -> ChangeRequest {
        ChangeRequest(
            engagementID: ContractTests.engagement, number: 1, kind: .serviceLevel, title: "Tighter days in A/R", reason: "backlog cleared",
            edits: edits, baseVersion: base, budgetImpactMonthly: Money("250.00"), timelineImpact: "none",
            requestedEffectiveFrom: effective.flatMap { CalendarDate($0) }, proposedBy: proposer, proposedByParty: .practice,
            proposedAt: now)
    }

    static var daysInAR: ContractEdit { get throws { try .set(ContractPath("serviceLevels.kpiTargets[days-in-ar].target")!, to: 35.0) } }

    @Test("approved by one party, nothing changes; by both, the next version carries the edits and the old one is untouched")
    func twoPartyApproval() throws {
        var request = Self.request([try Self.daysInAR])
        let base = ContractTests.version(1, effective: "2026-02-01")
        let approvedOnce = try request.approve(by: .init(userID: User.ID(), role: .practiceAdmin), for: .practice, at: Self.now, note: nil)
        #expect(approvedOnce == false)
        #expect(request.awaiting == [.vendor])
        #expect(request.status == .proposed)
        let approvedTwice = try request.approve(by: .init(userID: User.ID(), role: .vendorLead), for: nil, at: Self.now, note: "ok")
        #expect(approvedTwice)
        let next = try request.nextVersion(latest: base, base: base, today: Self.today, at: Self.now)
        #expect(next.number == 2)
        #expect(next.status == .accepted)
        #expect(next.effectiveFrom == Self.today)
        #expect(next.changeRequest == request.id)
        #expect(next.contract.serviceLevels.kpiTargets.first { $0.key == "days-in-ar" }?.target == 35)
        #expect(base.contract == ContractTests.template)
        #expect(
            ContractDiff(from: base.contract, to: next.contract).changes.map(\.path.description) == [
                "serviceLevels.kpiTargets[days-in-ar].target"
            ])
    }

    struct DeciderCase: Sendable, CustomTestStringConvertible {
        let role: Role
        let claimed: Party?
        let error: ChangeRequestError?
        var testDescription: String { "\(role.rawValue) for \(claimed?.rawValue ?? "own party")" }
    }

    @Test(
        "who may approve",
        arguments: [
            DeciderCase(role: .practiceAdmin, claimed: nil, error: nil),
            DeciderCase(role: .vendorLead, claimed: .vendor, error: nil),
            DeciderCase(role: .practiceAdmin, claimed: .vendor, error: .wrongParty(claimed: .vendor, actual: .practice)),
            DeciderCase(role: .vendorLead, claimed: .practice, error: .wrongParty(claimed: .practice, actual: .vendor)),
            DeciderCase(role: .practiceManager, claimed: nil, error: .notAnApprover(.practiceManager)),
            DeciderCase(role: .practiceStaff, claimed: nil, error: .notAnApprover(.practiceStaff)),
            DeciderCase(role: .vendorAgent, claimed: nil, error: .notAnApprover(.vendorAgent)),
            DeciderCase(role: .complianceAuditor, claimed: nil, error: .notAnApprover(.complianceAuditor)),
        ])
    func approvers(_ decider: DeciderCase) throws {
        var request = Self.request([try Self.daysInAR])
        let actor = ChangeRequest.Actor(userID: User.ID(), role: decider.role)
        if let error = decider.error {
            #expect(throws: error) { try request.approve(by: actor, for: decider.claimed, at: Self.now, note: nil) }
            #expect(request.approvals.isEmpty)
            #expect(throws: error) { try request.reject(by: actor, for: decider.claimed, at: Self.now, note: "no") }
            #expect(request.status == .proposed)
        } else {
            #expect(try request.approve(by: actor, for: decider.claimed, at: Self.now, note: nil) == false)
            #expect(throws: ChangeRequestError.alreadyApproved(decider.role.party)) {
                try request.approve(by: .init(userID: User.ID(), role: decider.role), for: nil, at: Self.now, note: nil)
            }
        }
    }

    @Test("rejected and withdrawn requests are closed for good; only the proposer withdraws; a rejection says why")
    func closing() throws {
        var rejected = Self.request([try Self.daysInAR])
        let vendorLead = ChangeRequest.Actor(userID: User.ID(), role: .vendorLead)
        #expect(throws: ChangeRequestError.reasonRequired) { try rejected.reject(by: vendorLead, for: nil, at: Self.now, note: " ") }
        try rejected.reject(by: vendorLead, for: nil, at: Self.now, note: "costs too much")
        #expect(rejected.status == .rejected)
        #expect(rejected.closing?.party == .vendor)
        #expect(throws: ChangeRequestError.closed(.rejected)) {
            try rejected.approve(by: .init(userID: User.ID(), role: .practiceAdmin), for: nil, at: Self.now, note: nil)
        }
        var withdrawn = Self.request([try Self.daysInAR])
        #expect(throws: ChangeRequestError.notTheProposer) {
            try withdrawn.withdraw(by: .init(userID: User.ID(), role: .practiceAdmin), at: Self.now, note: nil)
        }
        try withdrawn.withdraw(by: .init(userID: Self.proposer, role: .practiceStaff), at: Self.now, note: nil)
        #expect(withdrawn.status == .withdrawn)
    }

    @Test("a request against an older version applies to the newer one unless that one changed the same terms")
    func rebase() throws {
        let base = ContractTests.version(1, effective: "2026-02-01")
        var latest = ContractTests.version(2, effective: "2026-04-01")
        latest.contract.governance.reviewCadence = .quarterly
        let unrelated = Self.request([try Self.daysInAR], effective: "2026-07-01")
        let next = try unrelated.nextVersion(latest: latest, base: base, today: Self.today, at: Self.now)
        #expect(next.number == 3)
        #expect(next.contract.governance.reviewCadence == .quarterly)
        #expect(next.effectiveFrom == CalendarDate("2026-07-01"))
        let clashing = Self.request([try .set(ContractPath("governance.reviewCadence")!, to: "monthly")])
        #expect(throws: ChangeRequestError.conflict(baseVersion: 1, latestVersion: 2)) {
            try clashing.nextVersion(latest: latest, base: base, today: Self.today, at: Self.now)
        }
    }

    @Test(
        "a change never takes effect before its approval or before the version it follows",
        arguments: [
            ("2026-01-15", "2026-04-01", "2026-06-01"), (nil, "2026-04-01", "2026-06-01"), ("2026-09-01", "2026-04-01", "2026-09-01"),
            ("2026-05-01", "2026-07-01", "2026-07-01"),
        ] as [(String?, String, String)])
    func effectiveDate(requested: String?, latestEffective: String, expected: String) throws {
        let latest = ContractTests.version(2, effective: latestEffective)
        let request = Self.request([try Self.daysInAR], base: 2, effective: requested)
        #expect(
            try request.nextVersion(latest: latest, base: latest, today: Self.today, at: Self.now).effectiveFrom == CalendarDate(expected))
    }

    @Test(
        "work is in scope only when tied to a task the vendor does",
        arguments: [
            ("claim-submission", ScopeStatus.inScope), ("patient-billing-questions", .inScope), ("coding-questions", .inHouseTask),
            ("documentation-gaps", .inHouseTask), ("gardening", .unknownTask), ("", .noTask), (nil, .noTask),
        ] as [(String?, ScopeStatus)])
    func scope(task: String?, expected: ScopeStatus) {
        #expect(ScopeStatus.of(task: task, under: ContractTests.template) == expected)
    }

    @Test(
        "a KPI target is met, missed, or not measurable",
        arguments: [
            ("initialDenialRate", KPITarget.Comparator.atMost, 0.08, 0.08, ServiceLevelResult.Outcome.met),
            ("initialDenialRate", .atMost, 0.08, 0.0801, .missed),
            ("cleanClaimRate", .atLeast, 0.95, 0.95, .met),
            ("cleanClaimRate", .atLeast, 0.95, 0.9499, .missed),
            ("daysInAR", .atMost, 40, nil, .notMeasurable),
        ] as [(String, KPITarget.Comparator, Double, Double?, ServiceLevelResult.Outcome)])
    func targetOutcome(
        figure: String, comparator: KPITarget.Comparator, target: Double, value: Double?, outcome: ServiceLevelResult.Outcome
    ) throws {
        let kpiTarget = KPITarget(key: "k", figure: figure, comparator: comparator, target: target, period: .month)
        let result = ServiceLevelResult(
            target: kpiTarget, from: Self.today, to: Self.today, value: value, reason: nil, asOf: try #require(Self.today.adding(days: 1)))
        #expect(result.outcome == outcome)
        #expect((result.reason != nil) == (value == nil))
    }

    @Test(
        "a quarterly target is measured over the quarter the closing month ends, and not in other months",
        arguments: [
            ("2026-03", "2026-01-01", "2026-03-31"), ("2026-12", "2026-10-01", "2026-12-31"), ("2026-05", nil, nil),
        ] as [(String, String?, String?)])
    func quarterSpan(month: String, from: String?, to: String?) throws {
        let span = ServiceLevelResult.span(of: .quarter, closing: try #require(CalendarMonth(month)))
        #expect(span?.from.description == from)
        #expect(span?.to.description == to)
        #expect(ServiceLevelResult.span(of: .month, closing: try #require(CalendarMonth("2028-02")))?.to.description == "2028-02-29")
    }

    @Test("a party's first contact is its primary; a new primary replaces the previous one; a primary is never dropped without a successor")
    func primaryContacts() {
        let engagement = ContractTests.engagement
        func contact(_ party: Party, primary: Bool) -> PointOfContact {
            PointOfContact(
                engagementID: engagement, party: party, purpose: .routine, name: "N", channel: .email, address: "a@b.example",
                hours: "Mon–Fri", isPrimary: primary)
        }
        var contacts = ContactDirectory.upserting(contact(.practice, primary: false), into: [])
        #expect(contacts.map(\.isPrimary) == [true])
        #expect(ContactDirectory.primaryProblems(contacts) == [ContactProblem(party: .vendor, primaryContacts: 0)])
        let first = contacts[0]
        contacts = ContactDirectory.upserting(contact(.practice, primary: false), into: contacts)
        #expect(contacts.filter(\.isPrimary).map(\.id) == [first.id])
        var demoted = first
        demoted.isPrimary = false
        contacts = ContactDirectory.upserting(demoted, into: contacts)
        #expect(contacts.filter { $0.isPrimary }.map(\.id) == [first.id])
        let newPrimary = contact(.practice, primary: true)
        contacts = ContactDirectory.upserting(newPrimary, into: contacts)
        #expect(contacts.filter(\.isPrimary).map(\.id) == [newPrimary.id])
        contacts = ContactDirectory.upserting(contact(.vendor, primary: false), into: contacts)
        #expect(ContactDirectory.primaryProblems(contacts) == [])
        #expect(
            ContactDirectory.primaryProblems(contacts + [contact(.vendor, primary: true)]) == [
                ContactProblem(party: .vendor, primaryContacts: 2)
            ])
    }

    @Test(
        "calendar problems are named",
        arguments: [
            (BusinessHours(day: .monday, opens: "08:00", closes: "17:00"), nil),
            (BusinessHours(day: .monday, opens: "00:00", closes: "24:00"), nil),
            (BusinessHours(day: .monday, opens: "17:00", closes: "08:00"), "closes at 08:00"),
            (BusinessHours(day: .monday, opens: "8am", closes: "17:00"), "is not HH:MM"),
            (BusinessHours(day: .monday, opens: "24:00", closes: "24:00"), "is not HH:MM"),
        ] as [(BusinessHours, String?)])
    func calendarProblems(hours: BusinessHours, problem: String?) {
        let problems = BusinessCalendar(timeZone: "America/Denver", hours: [hours]).problems
        if let problem { #expect(problems.contains { $0.contains(problem) }) } else { #expect(problems == []) }
        #expect(BusinessCalendar(timeZone: "Mars/Olympus", hours: [hours]).problems.contains { $0.contains("IANA") })
    }
}

import Domain
import FluentKit
import Foundation
import Persistence

extension DemoWorkspace {
    /// The demo's controlled rollout: Medicare Part B claims went to the vendor first, judged
    /// against the two months before; that gate was decided go with its evidence. The commercial
    /// plans are the second phase, running now, with a checklist item still open.
    public static func seedPilots(
        on database: any Database, engagement: Engagement, practice: Organization, now: Date
    ) async throws
        -> (phases: Int, firstPassed: Bool)
    {
        guard let today = CalendarDate.on(now, in: practice.timeZone) else {
            throw StoreError.corruptRow(table: "organizations", detail: "time zone")
        }
        let month = CalendarMonth(today)
        func first(_ offset: Int) -> CalendarDate { (month.adding(months: offset) ?? month).firstDay }
        func last(_ offset: Int) -> CalendarDate { (month.adding(months: offset) ?? month).lastDay }
        guard let owner = try await UserStore(database).find(email: try EmailAddress("owner@riverbend.example")),
            let manager = try await UserStore(database).find(email: try EmailAddress("manager@riverbend.example")),
            let lead = try await UserStore(database).find(email: try EmailAddress("lead@northgate.example")),
            let vendor = try await OrganizationStore(database).find(engagement.vendorID)
        else { throw StoreError.userNotFound(email: "owner@riverbend.example") }
        let ownerCaller = Caller(user: owner, organization: practice), managerCaller = Caller(user: manager, organization: practice)
        let leadCaller = Caller(user: lead, organization: vendor)
        let store = PilotStore(database)
        let checklist = [
            GateCriterion(key: "reports-clear", kind: .checklist, label: "Reports are clear"),
            GateCriterion(key: "owners", kind: .checklist, label: "Questions reach the right owner"),
            GateCriterion(key: "fixes", kind: .checklist, label: "Known errors have fixes"),
        ]
        let clock = try await demoClock(of: engagement, practice: practice, now: now, on: database)
        let decidedAt = clock.at(first(-2), 14)
        let pilot = try await store.create(
            Pilot(
                engagementID: engagement.id, phase: 0, name: "Medicare Part B claims", scope: PilotScope(payers: ["04412"]),
                baselineFrom: first(-6), baselineTo: last(-5), from: first(-4), to: last(-3),
                criteria: [
                    GateCriterion(
                        key: "denial-rate", kind: .figure, label: "Initial denial rate not above the baseline + 2 points",
                        measure: Figure.initialDenialRate.rawValue, comparator: .atMost, relativeToBaseline: true, offset: 0.02),
                    GateCriterion(
                        key: "days-in-ar", kind: .figure, label: "Days in A/R not above the baseline + 5",
                        measure: Figure.daysInAR.rawValue,
                        comparator: .atMost, relativeToBaseline: true, offset: 5),
                    GateCriterion(
                        key: "clean-claims", kind: .figure, label: "Clean claim rate at least 90%", measure: Figure.cleanClaimRate.rawValue,
                        comparator: .atLeast, threshold: 0.9),
                ] + checklist,
                createdAt: clock.at(first(-5), 11)), in: engagement, by: managerCaller, now: clock.at(first(-5), 11))
        for (key, who, note) in [
            ("reports-clear", managerCaller, "The weekly denial report splits by payer and reason"),
            ("owners", leadCaller, "Eligibility questions go to the front desk lead, coding to Dr. Lin"),
            ("fixes", managerCaller, "Modifier 25 edits added to the scrubber"),
        ] {
            _ = try await store.answer(
                pilot.id, criterion: key, met: true, note: note, by: who,
                now: clock.at(clock.businessDay(onOrBefore: first(-2).adding(days: -1) ?? first(-2)), 15))
        }
        let answered = try await store.find(pilot.id, visibleTo: ownerCaller).0
        let evidence = try await store.evaluate(answered, in: engagement, at: decidedAt)
        _ = try await store.decide(
            pilot.id, verdict: evidence.passed ? .go : .noGo,
            note: evidence.passed ? "Every criterion held; go ahead with the commercial plans." : "Hold: see the criteria not met.",
            evidence: evidence, by: ownerCaller, now: decidedAt)
        _ = try await store.create(
            Pilot(
                engagementID: engagement.id, phase: 0, name: "The commercial plans", scope: PilotScope(payers: ["BRHP1", "SMH22"]),
                baselineFrom: first(-4), baselineTo: last(-3), from: first(-1), to: last(1),
                criteria: [
                    GateCriterion(
                        key: "denial-rate", kind: .figure, label: "Initial denial rate not above the baseline",
                        measure: Figure.initialDenialRate.rawValue, comparator: .atMost, relativeToBaseline: true),
                    GateCriterion(
                        key: "first-response", kind: .serviceLevel, label: "First response met at least 90% of the time",
                        measure: "firstResponse", comparator: .atLeast, threshold: 0.9),
                ] + checklist,
                createdAt: clock.after(9, from: decidedAt)), in: engagement, by: managerCaller, now: clock.after(9, from: decidedAt))
        return (2, evidence.passed)
    }
}

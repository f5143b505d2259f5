import Demo
import Domain
import FluentKit
import Foundation
import Persistence
import SQLKit
import SightlineTestSupport
import Testing

/// The demo as `serve --demo` builds it, read back from the stores and the database: its history
/// must be one that could have happened, whatever day it is built on.
@Suite("The demo tells the truth", .database)
struct DemoHistoryTests {
    /// Everything `serve --demo` seeds, in its order, at `now`.
    struct Demo {
        let practice: Organization
        let engagement: DemoWorkspace.EngagementHistory
        let neighbour: DemoWorkspace.Neighbour
        let oversight: DemoWorkspace.Oversight
    }

    static func seed(_ db: any Database, now: Date) async throws -> Demo {
        let seeded = try #require(try await DemoWorkspace.seed(on: db, hasher: .fastForTests, randomIndex: { Int.random(in: 0..<$0) }))
        let engagement = try await DemoWorkspace.seedEngagement(on: db, practice: seeded.practice, vendor: seeded.vendor, now: now)
        _ = try await DemoWorkspace.seedTickets(
            on: db, engagement: engagement.engagement, practice: seeded.practice, vendor: seeded.vendor, now: now)
        _ = try await DemoWorkspace.seedPilots(on: db, engagement: engagement.engagement, practice: seeded.practice, now: now)
        let oversight = try await DemoWorkspace.seedOversight(
            on: db, engagement: engagement.engagement, practice: seeded.practice, vendor: seeded.vendor, now: now)
        _ = try await DemoWorkspace.seedGovernance(on: db, engagement: engagement.engagement, practice: seeded.practice, now: now)
        _ = try await DemoWorkspace.seedTransition(on: db, engagement: engagement.engagement, practice: seeded.practice, now: now)
        let neighbour = try await DemoWorkspace.seedNeighbour(
            on: db, vendor: seeded.vendor, hasher: .fastForTests, randomIndex: { Int.random(in: 0..<$0) }, now: now)
        return Demo(practice: seeded.practice, engagement: engagement, neighbour: neighbour, oversight: oversight)
    }

    /// Whether `instant` is within the calendar's open hours, both ends counted.
    static func isOpen(_ instant: Date, _ calendar: BusinessCalendar) -> Bool {
        calendar.openIntervals(from: instant.addingTimeInterval(-86_400), to: instant.addingTimeInterval(86_400))
            .contains { $0.start <= instant && instant <= $0.end }
    }

    /// The first business day after `day`.
    static func nextBusinessDay(after day: CalendarDate, _ calendar: BusinessCalendar, zone: TimeZone) -> CalendarDate {
        var next = day.adding(days: 1) ?? day
        while calendar.openIntervals(
            from: BusinessCalendar.instant(next, minute: 0, zone: zone) ?? Date(),
            to: BusinessCalendar.instant(next, minute: 1_440, zone: zone) ?? Date()
        ).isEmpty {
            next = next.adding(days: 1) ?? next
        }
        return next
    }

    @Test(
        "built on a Sunday night, a Monday morning and today, the demo's history could have happened",
        arguments: ["2026-11-22T08:10:00Z", "2026-11-30T14:30:00Z", "now"])
    func truthful(_ when: String) async throws {
        let db = try TestDatabase.app.db
        let now = when == "now" ? Date() : try #require(ISO8601DateFormatter().date(from: when))
        let demo = try await Self.seed(db, now: now)
        let engagement = demo.engagement.engagement
        let zoneName = demo.practice.timeZone, zone = try #require(TimeZone(identifier: zoneName))
        let today = try #require(CalendarDate.on(now, in: zoneName))
        let versions = try await EngagementStore(db).versions(of: engagement.id)
        let calendar = try #require(versions.first).contract.serviceLevels.responsePolicy.calendar
        let contractStart = try #require(versions.compactMap(\.effectiveFrom).min())
        let sql = try #require(db as? any SQLDatabase)

        // People file and answer tickets in business hours, and nothing is dated after now.
        var events = 0
        for ticket in try await TicketStore(db).list(in: engagement.id) {
            for event in try await TicketStore(db).events(of: ticket.id, visibleTo: nil) {
                #expect(event.at <= now.addingTimeInterval(0.001), "\(ticket.reference) \(event.kind.rawValue) after now")
                guard event.actor != nil else { continue }
                events += 1
                #expect(
                    Self.isOpen(event.at, calendar), "\(ticket.reference) \(event.kind.rawValue) at \(event.at) is outside business hours")
            }
        }
        #expect(events > 30)

        // Each escalation fired at or after the instant it fell due, and before now.
        let firings = try await sql.select().column("due_at").column("fired_at").from("escalation_firings").all()
        #expect(!firings.isEmpty)
        for row in firings {
            let due = try row.decode(column: "due_at", as: Date.self), fired = try row.decode(column: "fired_at", as: Date.self)
            // (A millisecond either way: instants read back from the database.)
            #expect(fired >= due.addingTimeInterval(-0.001) && fired <= now.addingTimeInterval(0.001), "fired at \(fired), due \(due)")
        }
        // Not all at once: the ladder fired over weeks.
        let instants = Set(try firings.map { try $0.decode(column: "fired_at", as: Date.self) })
        #expect(instants.count > 3)

        // Each month closed on its closing day: the first business day after it, in business hours.
        let closes = try await sql.select().column("month").column("closed_at").from("period_closes").all()
        #expect(closes.count == demo.engagement.monthsClosed && closes.count >= 5)
        for row in closes {
            let month = try #require(CalendarMonth(try row.decode(column: "month", as: String.self)))
            let closed = try row.decode(column: "closed_at", as: Date.self)
            #expect(
                CalendarDate.on(closed, in: zoneName) == Self.nextBusinessDay(after: month.lastDay, calendar, zone: zone),
                "\(month) closed \(closed)")
            #expect(Self.isOpen(closed, calendar))
        }
        // Its misses were ticketed then.
        let misses = try await TicketStore(db).list(in: engagement.id).filter { $0.category == .serviceLevelMiss }
        #expect(misses.count == demo.engagement.misses)
        for ticket in misses { #expect(Self.isOpen(ticket.openedAt, calendar)) }

        // The vendor's people are on each engagement from its contract's start.
        for (made, practice) in [(engagement, demo.practice), (demo.neighbour.engagement, demo.neighbour.practice)] {
            let start = try #require(try await EngagementStore(db).versions(of: made.id).compactMap(\.effectiveFrom).min())
            let members = try await MembershipStore(db).members(of: made)
            #expect(!members.isEmpty)
            for member in members {
                #expect(
                    try #require(CalendarDate.on(member.requestedAt, in: practice.timeZone)) <= start,
                    "\(member.email) from \(member.requestedAt)")
            }
        }

        // Transition steps are done exactly where their evidence is in the data, citing it.
        let manager = try #require(try await UserStore(db).find(email: EmailAddress("manager@riverbend.example")))
        let caller = Caller(user: manager, organization: demo.practice)
        let plan = try #require(try await TransitionStore(db).plan(of: engagement.id, for: caller))
        let accessReviews = try await AccessReviewStore(db).reviews(of: engagement, visibleTo: caller)
        let completed = accessReviews.filter { $0.status == .completed }
        let audits = try await QualityAuditStore(db).audits(in: engagement.id)
        let pilots = try await PilotStore(db).list(in: engagement.id).filter { $0.decision?.verdict == .go }
        let reviews = try await GovernanceStore(db).reviews(in: engagement.id).filter { $0.status == .held }
        let evidence: [String: String?] = [
            "map_workflow": plan.workflow.isEmpty ? nil : "\(plan.workflow.count) tasks",
            "clean_up": completed.first.map(\.title),
            "define_ownership": versions.contains { $0.status == .accepted } ? "Contract version 1" : nil,
            "pilot": pilots.first.map(\.name),
            "train": nil,
            "monitor": closes.isEmpty ? nil : "closed on",
            "governance": audits.isEmpty || reviews.isEmpty ? nil : audits.first.map { "quality audit \($0.number), “\($0.name)”" },
        ]
        for step in plan.steps {
            let cited = try #require(evidence[step.key], "step \(step.key) has no rule")
            #expect((step.status == .done) == (cited != nil), "\(step.key) is \(step.status), evidence \(cited ?? "none")")
            if let cited, step.status == .done {
                #expect(step.evidence.contains(cited), "\(step.key) cites “\(step.evidence)”, not \(cited)")
            }
        }
        // References are to objects of the right kind: a risk R-n is a risk; an action about the
        // access review names an access review.
        let risks = try await GovernanceStore(db).risks(in: engagement.id)
        let actions = try await GovernanceStore(db).actions(in: engagement.id)
        let texts = plan.allSteps.map(\.evidence) + actions.map(\.linksTo)
        for text in texts {
            for match in text.matches(of: /R-(\d+)/) {
                #expect(risks.contains { $0.number == Int(match.1) }, "\(text) cites R-\(match.1), not a risk")
                #expect(!text.lowercased().contains("access review \(match.0)"), "\(text) cites a risk as an access review")
            }
        }
        for action in actions where action.title.lowercased().contains("access review") {
            #expect(accessReviews.contains { $0.title == action.linksTo }, "\(action.reference) links to \(action.linksTo)")
        }

        // The vendor reported every month since the contract started, once its report was due; one difference flagged.
        var month = CalendarMonth(contractStart), reported = 0, flagged = 0
        while month < CalendarMonth(today).adding(months: -1) ?? CalendarMonth(today) {
            let comparison = try await ReportedFigureStore(db).comparison(month: month, in: engagement)
            #expect(!comparison.lines.isEmpty, "no figures reported for \(month)")
            reported += comparison.lines.isEmpty ? 0 : 1
            flagged += comparison.flagged
            month = try #require(month.adding(months: 1))
        }
        #expect(reported >= 4)
        #expect(flagged == 1)
        #expect(demo.oversight.flagged == 1)

        // One access review completed last quarter, one open.
        let thisQuarter = CalendarMonth(today).adding(months: -((today.month - 1) % 3)) ?? CalendarMonth(today)
        let lastQuarter = try #require(thisQuarter.adding(months: -3))
        #expect(completed.count == 1 && accessReviews.filter { $0.status == .open }.count == 1)
        let completedOn = try #require(completed.first?.completedAt.flatMap { CalendarDate.on($0, in: zoneName) })
        #expect(completedOn >= lastQuarter.firstDay && completedOn < thisQuarter.firstDay)

        // The scorecard's default range (the last 90 days) takes the demo's audit in.
        let card = try await TicketStore(db).scorecard(
            of: engagement.id, from: try #require(today.adding(days: -90)), to: today, zone: zoneName, asOf: now)
        #expect(!card.audits.isEmpty)

        // A working vendor's net collection rate in the quarters the story leaves alone, and the story.
        let billing = demo.engagement.billing
        var quarter = CalendarMonth(try #require(billing.from.adding(days: 75)))
        if quarter.firstDay < billing.from.adding(days: 75) ?? billing.from { quarter = try #require(quarter.adding(months: 1)) }
        while (quarter.month - 1) % 3 != 0 { quarter = try #require(quarter.adding(months: 1)) }
        let quietEnd = try #require(billing.slowPayerFrom.adding(days: 18))
        var quiet: [(CalendarDate, CalendarDate)] = []
        while let last = quarter.adding(months: 2)?.lastDay, last < quietEnd {
            quiet.append((quarter.firstDay, last))
            quarter = try #require(quarter.adding(months: 3))
        }
        #expect(!quiet.isEmpty)
        func figures(_ from: CalendarDate, _ to: CalendarDate, payer: String? = nil) async throws -> KPIFigures {
            let answer = try await KPIQuery(db).answer(
                KPIRequest(practiceID: demo.practice.id.rawValue, from: from, to: to, by: payer == nil ? nil : .payer))
            guard let payer else { return answer.totals }
            return try #require(answer.groups?.first { $0.key == payer }).figures
        }
        // Over the whole stretch the story leaves alone, a working vendor's rate; in each of its
        // quarters never one that reads as money missing, nor more than was owed. (A quarter's
        // rate at the demo's dozen claims a day scatters by a few points around the stretch's: its
        // charges are the quarter's claims, its payments a month later's.)
        let stretchFrom = try #require(billing.from.adding(days: 75)), stretchTo = try #require(quietEnd.adding(days: -1))
        let pooled = try #require(try await figures(stretchFrom, stretchTo).netCollectionRate)
        #expect(pooled >= 0.92 && pooled <= 0.98, "net collection rate \(pooled) from \(stretchFrom) to \(stretchTo)")
        for (from, to) in quiet {
            let rate = try #require(try await figures(from, to).netCollectionRate)
            #expect(rate >= 0.88 && rate <= 1.0, "net collection rate \(rate) from \(from) to \(to)")
        }
        let (quietFrom, quietTo) = try #require(quiet.first)
        let yesterday = try #require(today.adding(days: -1))
        let summitBefore = try await figures(quietFrom, quietTo, payer: "SMH22")
        let summitAfter = try await figures(try #require(billing.denialsFrom.adding(days: 7)), yesterday, payer: "SMH22")
        #expect((summitAfter.initialDenialRate ?? 0) > 2 * (summitBefore.initialDenialRate ?? 1))
        let medicaidBefore = try await figures(quietFrom, quietTo, payer: "SKMCD")
        let medicaidAfter = try await figures(try #require(billing.slowPayerFrom.adding(days: 60)), yesterday, payer: "SKMCD")
        #expect((medicaidAfter.paymentLagDays ?? 0) > (medicaidBefore.paymentLagDays ?? 0) + 20)
    }
}

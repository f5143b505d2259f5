import Domain
import Foundation
import Persistence
import SightlineTestSupport
import Testing

@Suite("Closing a month evaluates the contract's KPI targets; scope creep is counted", .database)
struct PeriodCloseTests {
    /// An engagement whose contract, in force from 2026-01-01, has one target no practice can
    /// meet, one every practice meets, and a quarterly one.
    static func engagement(_ parties: EngagementParties) async throws -> Engagement {
        let db = try TestDatabase.app.db
        let store = EngagementStore(db)
        let engagement = try await store.create(
            practice: parties.practice.id, vendor: parties.vendor.id, template: .medicalBilling, signedOn: nil, now: Date())
        var contract = Contract.medicalBilling(timeZone: parties.practice.timeZone)
        contract.serviceLevels.kpiTargets = [
            KPITarget(key: "impossible", figure: "claimsSubmitted", comparator: .atLeast, target: 1e9, period: .month),
            KPITarget(key: "trivial", figure: "claimsSubmitted", comparator: .atLeast, target: 0, period: .month),
            KPITarget(key: "collections", figure: "netCollectionRate", comparator: .atLeast, target: 0, period: .quarter),
        ]
        _ = try await store.editDraft(of: engagement, contract: contract, by: .practiceAdmin)
        _ = try await store.acceptDraft(of: engagement, by: parties[.practiceAdmin], effectiveFrom: day("2026-01-01"), now: Date())
        _ = try await store.acceptDraft(of: engagement, by: parties[.vendorLead], effectiveFrom: day("2026-01-01"), now: Date())
        return engagement
    }

    @Test("a missed target opens exactly one service_level_miss ticket per target and month, also when the close runs twice")
    func closeTwice() async throws {
        let db = try TestDatabase.app.db
        let parties = try await EngagementParties.make()
        for file in synthFiles(claimsPerDay: 4, months: 3, start: "2026-01-05") {
            let result = try await BillingImporter(db, newPracticeTimeZone: "UTC").importFile(
                named: file.name, from: .bytes(file.bytes), practice: parties.practice.id, user: nil, now: Date())
            try #require(result.outcome == .imported)
        }
        let engagement = try await Self.engagement(parties)
        let closer = PeriodCloser(db)
        let february = try #require(CalendarMonth("2026-02"))
        let first = try await closer.close(practice: parties.practice.id, month: february, trigger: .manual, by: nil, now: Date())
        let results = try #require(first.engagements.first?.results)
        #expect(results.map(\.result.target.key) == ["impossible", "trivial"])
        #expect(results.map(\.result.outcome) == [.missed, .met])
        let expected = try await KPIQuery(db).answer(
            KPIRequest(practiceID: parties.practice.id.rawValue, from: day("2026-02-01"), to: day("2026-02-28"))
        ).totals
        #expect(results[0].result.value == Double(expected.claimsSubmitted))
        #expect(results[0].ticket == "RFM-1")
        let second = try await closer.close(practice: parties.practice.id, month: february, trigger: .manual, by: nil, now: Date())
        #expect(second.runs == 2)
        #expect(second.engagements.first?.results.map(\.ticket) == ["RFM-1", nil])
        let tickets = try await TicketStore(db).list(in: engagement.id)
        #expect(tickets.count == 1)
        let ticket = try #require(tickets.first)
        #expect(ticket.category == .serviceLevelMiss)
        #expect(ticket.assignedParty == .vendor)
        #expect(ticket.gridTask == "claim-submission")
        #expect(ticket.evidence["figures"] == "/api/v1/kpis?from=2026-02-01&to=2026-02-28&asOf=2026-02-28")
        #expect(ticket.evidence["claims"] == "/api/v1/claims?figure=claimsSubmitted&from=2026-02-01&to=2026-02-28")

        // March ends a quarter: the quarterly target is measured over January to March.
        let march = try await closer.close(
            practice: parties.practice.id, month: try #require(CalendarMonth("2026-03")), trigger: .automatic, by: nil, now: Date())
        let quarterly = try #require(march.engagements.first?.results.first { $0.result.target.key == "collections" })
        #expect(quarterly.result.from == day("2026-01-01"))
        #expect(try await TicketStore(db).list(in: engagement.id).map(\.reference) == ["RFM-2", "RFM-1"])
    }

    @Test("a month that is not over cannot be closed, and one before any contract evaluates nothing")
    func monthLimits() async throws {
        let db = try TestDatabase.app.db
        let parties = try await EngagementParties.make()
        _ = try await Self.engagement(parties)
        let closer = PeriodCloser(db)
        let now = try #require(ISO8601DateFormatter().date(from: "2026-03-31T12:00:00Z"))
        await #expect(throws: PeriodCloseError.monthNotOver("2026-03")) {
            try await closer.close(practice: parties.practice.id, month: CalendarMonth("2026-03")!, trigger: .manual, by: nil, now: now)
        }
        let before = try await closer.close(
            practice: parties.practice.id, month: CalendarMonth("2025-12")!, trigger: .manual, by: nil, now: now)
        #expect(before.engagements.map(\.contractVersion) == [nil])
    }

    @Test("the scope report flags vendor work tied to no task, an unknown task or an in-house task")
    func scopeCreep() async throws {
        let db = try TestDatabase.app.db
        let parties = try await EngagementParties.make()
        let engagement = try await Self.engagement(parties)
        let scope = ScopeStore(db)
        let agent = parties[.vendorAgent]
        for (task, minutes) in [("claim-submission", 30), ("coding-questions", 45), (nil, 20), ("gardening", 10), (nil, 15)]
            as [(String?, Int)]
        {
            _ = try await scope.record(
                in: engagement, by: agent, task: task, date: day("2026-04-10"), quantity: 1, minutes: minutes,
                description: "work", now: Date())
        }
        _ = try await scope.record(
            in: engagement, by: agent, task: nil, date: day("2026-05-01"), quantity: 1, minutes: 5, description: "May", now: Date())
        await #expect(throws: ScopeError.vendorOnly) {
            try await scope.record(
                in: engagement, by: parties[.practiceStaff], task: nil, date: day("2026-04-10"), quantity: 1, minutes: 5, description: "x",
                now: Date())
        }
        let april = try #require(ISO8601DateFormatter().date(from: "2026-04-15T15:00:00Z"))
        _ = try await TicketStore(db).open(
            .init(
                category: .requestForAction, priority: .normal, title: "Resubmit", detail: "", assignedParty: .vendor,
                gridTask: "claim-submission"), in: engagement, by: parties[.practiceStaff], now: april)
        _ = try await TicketStore(db).open(
            .init(
                category: .processGap, priority: .low, title: "Build a dashboard", detail: "", assignedParty: .vendor,
                gridTask: nil), in: engagement, by: parties[.practiceManager], now: april)
        _ = try await TicketStore(db).open(
            .init(
                category: .documentationNeeded, priority: .low, title: "Op note", detail: "", assignedParty: .practice,
                gridTask: nil), in: engagement, by: agent, now: april)
        let report = try await scope.report(month: try #require(CalendarMonth("2026-04")), visibleTo: parties[.vendorLead])
        let line = try #require(report.lines.first)
        #expect(line.inScopeWorkRecords == 1)
        #expect(line.outOfScopeWorkRecords == 4)
        #expect(line.inScopeTickets == 1)
        #expect(line.outOfScopeTickets == 1)
        #expect(line.outOfScopeMinutes == 45 + 20 + 10 + 15)
        let groups = Dictionary(
            uniqueKeysWithValues: line.groups.map { ("\($0.status.rawValue)|\($0.task ?? "")", $0.workRecords + $0.tickets) })
        #expect(groups == ["no_task|": 3, "in_house_task|coding-questions": 1, "unknown_task|gardening": 1])
        let stranger = try await OrganizationStore(db).create(Organization.validated(name: "Stranger", kind: .vendor, timeZone: "UTC"))
        let strangerLead = Caller(user: parties[.vendorLead].user, organization: stranger)
        #expect(try await scope.report(month: try #require(CalendarMonth("2026-04")), visibleTo: strangerLead).lines.isEmpty)
    }
}

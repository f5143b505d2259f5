import Domain
import Foundation
import Persistence
import SightlineTestSupport
import Testing

@Suite("Judged at close and now: a closed month's frozen verdict beside today's, with the files that arrived since", .database)
struct ServiceLevelStandingsTests {
    @Test(
        "files imported after a close change the figure now; the close's verdict stays as judged, and both are told with the count of files since"
    )
    func lateFiles() async throws {
        let db = try TestDatabase.app.db
        let parties = try await EngagementParties.make()
        let files = synthFiles(claimsPerDay: 4, months: 3, start: "2026-01-05")
        // The claims of late February arrive only after the close.
        let late = files.filter { $0.name.hasPrefix("837") && $0.name.contains("2026-02-2") }
        try #require(!late.isEmpty)
        let start = Date()
        for file in files where !late.contains(where: { $0.name == file.name }) {
            let result = try await BillingImporter(db, newPracticeTimeZone: "UTC").importFile(
                named: file.name, from: .bytes(file.bytes), practice: parties.practice.id, user: nil, now: start)
            try #require(result.outcome == .imported)
        }
        let february = try #require(CalendarMonth("2026-02"))
        let before = try await KPIQuery(db).answer(
            KPIRequest(practiceID: parties.practice.id.rawValue, from: february.firstDay, to: february.lastDay)
        ).totals
        // A target the files present at the close miss by one claim.
        let store = EngagementStore(db)
        let engagement = try await store.create(
            practice: parties.practice.id, vendor: parties.vendor.id, template: .medicalBilling, signedOn: nil, now: start)
        var contract = Contract.medicalBilling(timeZone: parties.practice.timeZone)
        let target = KPITarget(
            key: "volume", figure: "claimsSubmitted", comparator: .atLeast, target: Double(before.claimsSubmitted + 1), period: .month)
        contract.serviceLevels.kpiTargets = [target]
        _ = try await store.editDraft(of: engagement, contract: contract, by: .practiceAdmin)
        _ = try await store.acceptDraft(of: engagement, by: parties[.practiceAdmin], effectiveFrom: day("2026-01-01"), now: start)
        _ = try await store.acceptDraft(of: engagement, by: parties[.vendorLead], effectiveFrom: day("2026-01-01"), now: start)
        let closedAt = start.addingTimeInterval(60)
        let close = try await PeriodCloser(db).close(
            practice: parties.practice.id, month: february, trigger: .manual, by: nil, now: closedAt)
        #expect(close.engagements.first?.results.map(\.result.outcome) == [.missed])

        let zone = parties.practice.timeZone
        let today = try #require(CalendarDate.on(closedAt.addingTimeInterval(120), in: zone))
        let closedOn = try #require(CalendarDate.on(closedAt, in: zone))
        let agreeing = try await ServiceLevelStandings(db).standings(of: engagement, month: february, today: today, zone: zone)
        #expect(agreeing.map(\.verdict.outcome) == [.missed])
        #expect(agreeing.first?.atClose?.filesSince == 0)
        #expect(agreeing.first?.closeWords == nil, "a close that agrees with now is not repeated")

        for file in late {
            let result = try await BillingImporter(db, newPracticeTimeZone: "UTC").importFile(
                named: file.name, from: .bytes(file.bytes), practice: parties.practice.id, user: nil, now: closedAt.addingTimeInterval(120))
            try #require(result.outcome == .imported)
        }
        let standing = try #require(
            try await ServiceLevelStandings(db).standings(of: engagement, month: february, today: today, zone: zone).first)
        let after = try await KPIQuery(db).answer(
            KPIRequest(practiceID: parties.practice.id.rawValue, from: february.firstDay, to: february.lastDay)
        ).totals
        #expect(standing.value == Double(after.claimsSubmitted))
        #expect(standing.verdict.outcome == .met)
        #expect(standing.atClose?.verdict.outcome == .missed)
        #expect(standing.atClose?.value == Double(before.claimsSubmitted))
        #expect(standing.period.label == "February 2026")
        #expect(
            standing.closeWords
                == "judged at close on \(closedOn): \(before.claimsSubmitted), missed; \(late.count) billing file\(late.count == 1 ? "" : "s") imported since the close"
        )

        // The scorecard (page, CSV and API) keeps the close's verdict and tells the figure now beside it.
        let card = try await TicketStore(db).scorecard(
            of: engagement.id, from: february.firstDay, to: february.lastDay, zone: zone, asOf: closedAt.addingTimeInterval(180))
        let judged = try #require(card.targets.first)
        #expect(judged.outcome == .missed)
        #expect(card.targetsMissed == 1 && card.targetsMet == 0)
        #expect(judged.nowOutcome == .met)
        #expect(judged.now == Double(after.claimsSubmitted))
        #expect(judged.filesSinceClose == late.count)
        #expect(judged.closedOn == closedOn)
        #expect(judged.differsNow)
        #expect(judged.label == "Claims submitted" && judged.target == "≥ \(before.claimsSubmitted + 1)")
    }

    @Test("a month still running is in progress: judged neither met nor missed, whatever its figure so far")
    func monthInProgress() async throws {
        let db = try TestDatabase.app.db
        let parties = try await EngagementParties.make()
        for file in synthFiles(claimsPerDay: 4, months: 2, start: "2026-01-05") {
            _ = try await BillingImporter(db, newPracticeTimeZone: "UTC").importFile(
                named: file.name, from: .bytes(file.bytes), practice: parties.practice.id, user: nil, now: Date())
        }
        let engagement = try await EngagementStore(db).create(
            practice: parties.practice.id, vendor: parties.vendor.id, template: .medicalBilling,
            signedOn: day("2026-01-01"), now: Date())
        let february = try #require(CalendarMonth("2026-02"))
        let zone = parties.practice.timeZone
        let running = try await ServiceLevelStandings(db).standings(of: engagement, month: february, today: day("2026-02-28"), zone: zone)
        #expect(!running.isEmpty)
        #expect(running.allSatisfy { $0.verdict.outcome == .inProgress }, "\(running.map(\.verdict.words))")
        let over = try await ServiceLevelStandings(db).standings(of: engagement, month: february, today: day("2026-06-01"), zone: zone)
        #expect(over.filter { $0.target.period == .month }.allSatisfy { $0.verdict.outcome != .inProgress })
        #expect(
            over.filter { $0.target.period == .quarter }.allSatisfy {
                $0.period.label == "Jan–Mar 2026" && $0.verdict.isJudged == ($0.value != nil)
            })
    }
}

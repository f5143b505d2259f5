import Domain
import Foundation
import SightlineTestSupport
import Testing

@testable import Persistence

@Suite("Pilots and their gates", .database)
struct PilotStoreTests {
    static func criteria() -> [GateCriterion] {
        [
            GateCriterion(
                key: "denials", kind: .figure, label: "Initial denial rate not above the baseline", measure: "initialDenialRate",
                comparator: .atMost, relativeToBaseline: true, offset: 0.5),
            GateCriterion(
                key: "volume", kind: .figure, label: "No more than 10 claims (set to fail)", measure: "claimsSubmitted",
                comparator: .atMost, threshold: 10),
            GateCriterion(
                key: "first-response", kind: .serviceLevel, label: "First response met at least 90%", measure: "firstResponse",
                comparator: .atLeast, threshold: 0.9),
            GateCriterion(key: "reports-clear", kind: .checklist, label: "Reports are clear"),
        ]
    }

    @Test("a gate is judged on the scope's own figures; the decision keeps its evidence when later files arrive; the rules hold")
    func gate() async throws {
        let database = try TestDatabase.app.db
        let parties = try await TestParties.make()
        let importer = BillingImporter(database, newPracticeTimeZone: "UTC")
        // The last claims of April are held back, to arrive after the decision.
        let files = synthFiles(seed: 7, claimsPerDay: 6, months: 4, start: "2026-01-05")
        let late = files.filter { $0.name.hasPrefix("837P-2026-04-2") }
        try #require(!late.isEmpty)
        for file in files where !file.name.hasPrefix("837P-2026-04-2") {
            let result = try await importer.importFile(
                named: file.name, from: .bytes(file.bytes), practice: parties.practice.id, user: nil, now: Date())
            try #require(result.outcome == .imported)
        }
        let engagement = try await parties.engagement(signedOn: day("2026-01-01"))
        let query = try KPIQuery(database)
        let practice = parties.practice.id.rawValue
        let byPayer = try await query.answer(KPIRequest(practiceID: practice, from: day("2026-03-01"), to: day("2026-04-30"), by: .payer))
        let payer = try #require(byPayer.groups?.max { $0.figures.claimsSubmitted < $1.figures.claimsSubmitted }?.key)

        let store = PilotStore(database)
        let manager = parties[.practiceManager]
        let draft = Pilot(
            engagementID: engagement.id, phase: 0, name: "  One payer's claims  ", scope: PilotScope(payers: [payer]),
            baselineFrom: day("2026-01-05"), baselineTo: day("2026-02-28"), from: day("2026-03-01"), to: day("2026-04-30"),
            criteria: Self.criteria(), createdAt: Date())
        let pilot = try await store.create(draft, in: engagement, by: manager, now: Date())
        #expect(pilot.phase == 1 && pilot.name == "One payer's claims")
        let second = try await store.create(draft, in: engagement, by: manager, now: Date())
        #expect(second.phase == 2, "each expansion is the next phase")

        // Scoped: the values are the payer's, not the practice's.
        let live = try await store.evaluate(pilot, in: engagement, at: Date())
        let scoped = try await query.answer(
            KPIRequest(practiceID: practice, from: day("2026-03-01"), to: day("2026-04-30"), filters: [.payer: [payer]])
        ).totals
        let whole = try await query.answer(KPIRequest(practiceID: practice, from: day("2026-03-01"), to: day("2026-04-30"))).totals
        let volume = try #require(live.results.first { $0.key == "volume" })
        #expect(volume.value == Double(scoped.claimsSubmitted))
        #expect(volume.value != Double(whole.claimsSubmitted), "the whole practice submitted more than one payer")
        #expect(volume.outcome == .fail, "a criterion set to fail fails")
        let denials = try #require(live.results.first { $0.key == "denials" })
        let baseline = try await query.answer(
            KPIRequest(practiceID: practice, from: day("2026-01-05"), to: day("2026-02-28"), filters: [.payer: [payer]])
        ).totals
        #expect(denials.baseline == baseline.initialDenialRate && denials.value == scoped.initialDenialRate)
        #expect(denials.outcome == .pass)
        #expect(live.results.first { $0.key == "first-response" }?.outcome == .unmeasured, "no ticket of the scope yet")
        #expect(live.results.first { $0.key == "reports-clear" }?.outcome == .unmeasured)
        #expect(!live.passed)

        // The checklist: the vendor's lead may answer; an agent may not; a criterion that is not on the checklist is refused.
        await #expect(throws: PilotError.notAllowed(.vendorAgent, "answer a gate's checklist")) {
            try await store.answer(pilot.id, criterion: "reports-clear", met: true, note: "", by: parties[.vendorAgent], now: Date())
        }
        await #expect(throws: PilotError.unknownCriterion("denials")) {
            try await store.answer(pilot.id, criterion: "denials", met: true, note: "", by: manager, now: Date())
        }
        let answered = try await store.answer(
            pilot.id, criterion: "reports-clear", met: true, note: "Read by the manager", by: parties[.vendorLead], now: Date())
        #expect(answered.checklist["reports-clear"]?.by == parties[.vendorLead].user.email.value)

        // The decision freezes the evaluation it was made on.
        let evidence = try await store.evaluate(answered, in: engagement, at: Date())
        await #expect(throws: PilotError.notAllowed(.vendorLead, "record a gate's go or no-go")) {
            try await store.decide(pilot.id, verdict: .go, note: "fine", evidence: evidence, by: parties[.vendorLead], now: Date())
        }
        let decided = try await store.decide(
            pilot.id, verdict: .noGo, note: "Volume too high to judge; extend the pilot", evidence: evidence, by: manager, now: Date())
        #expect(decided.status == .decided && decided.decision?.verdict == .noGo)
        await #expect(throws: PilotError.decided) {
            try await store.decide(pilot.id, verdict: .go, note: "again", evidence: evidence, by: manager, now: Date())
        }
        await #expect(throws: PilotError.decided) {
            try await store.answer(pilot.id, criterion: "reports-clear", met: false, note: "", by: manager, now: Date())
        }
        let frozen = try #require(try await store.find(pilot.id, visibleTo: manager).0.decision)

        // April's last claims arrive: the live evaluation moves, the decision does not.
        for file in late {
            let result = try await importer.importFile(
                named: file.name, from: .bytes(file.bytes), practice: parties.practice.id, user: nil, now: Date())
            try #require(result.outcome == .imported)
        }
        let later = try await store.evaluate(decided, in: engagement, at: Date())
        #expect(later.results.first { $0.key == "volume" }?.value != volume.value, "the new claims count in the live evaluation")
        let reread = try #require(try await store.find(pilot.id, visibleTo: manager).0.decision)
        #expect(reread == frozen)
        #expect(reread.evidence.results.first { $0.key == "volume" }?.value == volume.value)

        // Another practice's people find nothing.
        let others = try await TestParties.make(practiceName: "Lakeside Pediatrics", vendorName: "Other Billing")
        await #expect(throws: StoreError.notFound(kind: "pilot", id: pilot.id.description)) {
            try await store.find(pilot.id, visibleTo: others[.practiceManager])
        }
    }
}

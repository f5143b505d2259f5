import Domain
import Foundation
import SightlineTestSupport
import Testing

@testable import Persistence

/// Parties whose practice has `months` of synthetic billing from 2026-01-05 imported, and their
/// engagement under a contract signed 2026-01-01.
func engagedPractice(months: Int) async throws -> (TestParties, Engagement) {
    let database = try TestDatabase.app.db
    let parties = try await TestParties.make()
    let importer = BillingImporter(database, newPracticeTimeZone: "UTC")
    for file in synthFiles(seed: 7, claimsPerDay: 6, months: months, start: "2026-01-05") {
        _ = try await importer.importFile(named: file.name, from: .bytes(file.bytes), practice: parties.practice.id, user: nil, now: Date())
    }
    let engagement = try await parties.engagement(signedOn: day("2026-01-01"))
    return (parties, engagement)
}

@Suite("Governance reviews, risks and actions in the database", .database)
struct GovernanceStoreTests {
    @Test("a review's agenda comes from its period; actions carry forward until done; an overdue one opens a ticket once, closed with it")
    func reviews() async throws {
        let database = try TestDatabase.app.db
        let (parties, engagement) = try await engagedPractice(months: 4)
        let store = GovernanceStore(database)
        let manager = parties[.practiceManager], lead = parties[.vendorLead]
        // A ticket opened in March that waits on a process gap: a training need.
        let march = try #require(ISO8601DateFormatter().date(from: "2026-03-10T15:00:00Z"))
        _ = try await TicketStore(database).open(
            TicketDraft(
                category: .processGap, priority: .normal, title: "Who calls about secondary insurance?", detail: "",
                assignedParty: .vendor, gridTask: nil), in: engagement, by: manager, now: march)
        let high = try await store.addRisk(
            Risk(
                engagementID: engagement.id, number: 0, title: "Vendor agents keep PHI in personal spreadsheets", category: .privacy,
                likelihood: 3, impact: 5,
                ownerEmail: lead.user.email.value, mitigation: "Monthly attestation; DLP on exports", reviewOn: day("2026-09-30"),
                createdAt: Date(), updatedAt: Date()),
            in: engagement, by: manager, now: Date())
        let low = try await store.addRisk(
            Risk(
                engagementID: engagement.id, number: 0, title: "Fee rises at renewal", category: .commercial, likelihood: 2, impact: 2,
                ownerEmail: manager.user.email.value, mitigation: "", reviewOn: day("2026-12-31"), createdAt: Date(), updatedAt: Date()),
            in: engagement, by: manager, now: Date())
        #expect(high.reference == "R-1" && high.level == .high && low.level == .low)
        await #expect(throws: GovernanceError.field("owner", "'someone@elsewhere.example' is nobody of the practice or the vendor")) {
            try await store.addRisk(
                Risk(
                    engagementID: engagement.id, number: 0, title: "x", category: .legal, likelihood: 1, impact: 1,
                    ownerEmail: "someone@elsewhere.example", mitigation: "", reviewOn: day("2026-12-31"), createdAt: Date(),
                    updatedAt: Date()),
                in: engagement, by: manager, now: Date())
        }
        await #expect(throws: GovernanceError.notAllowed(.vendorAgent, "keep the risk register")) {
            try await store.updateRisk(high.id, in: engagement, by: parties[.vendorAgent], now: Date()) { $0.likelihood = 1 }
        }

        // April's review looks back on March (a monthly contract).
        let first = try await store.schedule(on: day("2026-04-08"), in: engagement, free: ["Renewal terms"], by: manager, now: Date())
        #expect(first.periodFrom == day("2026-03-01") && first.periodTo == day("2026-03-31"))
        let sources = Set(first.agenda.map(\.source))
        #expect(sources.isSuperset(of: [.kpiTrend, .slaBreaches, .risk, .training, .free]), "\(first.agenda.map(\.text))")
        #expect(first.agenda.contains { $0.source == .risk && $0.text.contains("R-1") })
        #expect(!first.agenda.contains { $0.text.contains("R-2") }, "a low risk not yet due for review stays off")
        #expect(first.agenda.contains { $0.source == .training && $0.text.contains("secondary insurance") })
        #expect(first.agenda.last?.text == "Renewal terms")

        let held = try await store.recordMinutes(
            first.id, attendees: ["Dr. Maya Lin", "Northgate team lead"], decisions: ["Keep the pilot scope"],
            notes: "", by: lead, now: Date())
        #expect(held.status == .held)
        let action = try await store.addAction(
            to: first.id, title: "Send the denial report split by payer", owner: lead.user.email.value,
            dueOn: day("2026-04-20"), linksTo: "initialDenialRate", by: manager, now: Date())
        #expect(action.reference == "A-1")

        // The next review carries it forward, overdue.
        let second = try await store.schedule(on: day("2026-05-06"), in: engagement, free: [], by: manager, now: Date())
        #expect(second.agenda.contains { $0.source == .action && $0.text.contains("A-1") && $0.text.contains("overdue since 2026-04-20") })

        // Overdue: one ticket for the owner's party, however many sweeps.
        let sweep = try await store.escalateOverdue(at: Date())
        #expect(sweep.map(\.action) == ["A-1"])
        #expect(try await store.escalateOverdue(at: Date()).isEmpty)
        let ticketRow = try #require(try await ReviewActionModel.find(action.id.rawValue, on: database)?.ticketID)
        let ticket = try #require(try await TicketModel.find(ticketRow, on: database))
        #expect(ticket.assignedParty == Party.vendor.rawValue && ticket.assigneeUserID == lead.user.id.rawValue)

        let done = try await store.completeAction(action.id, note: "Report sent on 2026-05-08", by: lead, now: Date())
        #expect(done.status == .done)
        #expect(try await TicketModel.find(ticketRow, on: database)?.status == Ticket.Status.resolved.rawValue)
        await #expect(throws: GovernanceError.closed("action A-1")) {
            try await store.completeAction(action.id, note: "again", by: lead, now: Date())
        }
        let third = try await store.schedule(on: day("2026-06-03"), in: engagement, free: [], by: manager, now: Date())
        #expect(!third.agenda.contains { $0.source == .action }, "a done action is not carried forward")

        let others = try await TestParties.make(practiceName: "Lakeside Pediatrics", vendorName: "Other Billing")
        await #expect(throws: StoreError.notFound(kind: "review", id: first.id.description)) {
            try await store.review(first.id, visibleTo: others[.practiceManager])
        }
    }
}

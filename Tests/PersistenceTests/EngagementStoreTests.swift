import Domain
import Foundation
import Persistence
import SightlineTestSupport
import Testing

typealias EngagementParties = TestParties

@Suite("Engagements, contract versions and change requests in the database", .database)
struct EngagementStoreTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    @Test("a change request approved by one party changes nothing; by both it yields version n+1 and version n stays as it was")
    func approvalByBoth() async throws {
        let db = try TestDatabase.app.db
        let parties = try await EngagementParties.make()
        let engagement = try await EngagementStore(db).create(
            practice: parties.practice.id, vendor: parties.vendor.id, template: .medicalBilling, signedOn: day("2026-01-01"), now: Self.now)
        let store = ChangeRequestStore(db)
        let proposal = ChangeProposal(
            kind: .serviceLevel, title: "Days in A/R at most 35", reason: "the backlog is cleared",
            edits: [try .set(ContractPath("serviceLevels.kpiTargets[days-in-ar].target")!, to: 35.0)], budgetImpactMonthly: Money("300.00"))
        let request = try await store.propose(proposal, in: engagement, by: parties[.practiceStaff], now: Self.now)
        #expect(request.reference == "CR-1")
        let first = try await store.approve(request.id, in: engagement, by: parties[.practiceAdmin], for: nil, note: nil, now: Self.now)
        #expect(first.newVersion == nil)
        #expect(try await EngagementStore(db).versions(of: engagement.id).count == 1)
        let denied: [(Role, Party?, ChangeRequestError)] = [
            (.practiceManager, nil, .notAnApprover(.practiceManager)), (.vendorAgent, nil, .notAnApprover(.vendorAgent)),
            (.vendorLead, .practice, .wrongParty(claimed: .practice, actual: .vendor)), (.practiceAdmin, nil, .alreadyApproved(.practice)),
        ]
        for (role, party, error) in denied {
            await #expect(throws: error) {
                try await store.approve(request.id, in: engagement, by: parties[role], for: party, note: nil, now: Self.now)
            }
        }
        let second = try await store.approve(
            request.id, in: engagement, by: parties[.vendorLead], for: .vendor, note: "agreed", now: Self.now)
        let created = try #require(second.newVersion)
        #expect(created.number == 2)
        #expect(second.request.status == .approved)
        #expect(second.request.resultingVersion == 2)
        let versions = try await EngagementStore(db).versions(of: engagement.id)
        #expect(versions.map(\.number) == [1, 2])
        #expect(versions[0].contract == Contract.medicalBilling(timeZone: "America/Chicago"))
        #expect(
            ContractDiff(from: versions[0].contract, to: versions[1].contract).changes.map(\.path.description)
                == ["serviceLevels.kpiTargets[days-in-ar].target"])
        // Approved versions are never edited in place.
        await #expect(throws: ContractVersionError.notADraft(1)) {
            try await EngagementStore(db).editDraft(of: engagement, contract: versions[1].contract, by: .practiceAdmin)
        }
        await #expect(throws: ChangeRequestError.closed(.approved)) {
            try await store.reject(request.id, in: engagement, by: parties[.vendorLead], for: nil, note: "too late", now: Self.now)
        }
    }

    @Test("rejected and withdrawn requests stay on record; comments are kept in order")
    func rejectedAndWithdrawn() async throws {
        let db = try TestDatabase.app.db
        let parties = try await EngagementParties.make()
        let engagement = try await EngagementStore(db).create(
            practice: parties.practice.id, vendor: parties.vendor.id, template: .medicalBilling, signedOn: day("2026-01-01"), now: Self.now)
        let store = ChangeRequestStore(db)
        let edit = try ContractEdit.set(ContractPath("governance.pricing.percentOfCollections")!, to: 0.07)
        let price = try await store.propose(
            .init(kind: .price, title: "7% of collections", reason: "new payer mix", edits: [edit]),
            in: engagement, by: parties[.vendorLead], now: Self.now)
        _ = try await store.comment(
            on: price.id, in: engagement, by: parties[.practiceManager], body: "What changed in the mix?", now: Self.now)
        _ = try await store.comment(
            on: price.id, in: engagement, by: parties[.vendorAgent], body: "More Medicaid.", now: Self.now.addingTimeInterval(60))
        _ = try await store.reject(
            price.id, in: engagement, by: parties[.practiceAdmin], for: .practice, note: "not this year", now: Self.now)
        let withdrawn = try await store.propose(
            .init(
                kind: .other, title: "Quarterly reviews", reason: "fewer meetings",
                edits: [try .set(ContractPath("governance.reviewCadence")!, to: "quarterly")]),
            in: engagement, by: parties[.vendorAgent], now: Self.now)
        await #expect(throws: ChangeRequestError.notTheProposer) {
            try await store.withdraw(withdrawn.id, in: engagement, by: parties[.vendorLead], note: nil, now: Self.now)
        }
        _ = try await store.withdraw(withdrawn.id, in: engagement, by: parties[.vendorAgent], note: "dropped", now: Self.now)
        #expect(try await store.list(in: engagement.id).map(\.status) == [.withdrawn, .rejected])
        #expect(try await store.comments(on: price.id).map(\.body) == ["What changed in the mix?", "More Medicaid."])
        #expect(try await EngagementStore(db).versions(of: engagement.id).count == 1)
        await #expect(throws: ChangeRequestError.self) {
            try await store.propose(
                .init(kind: .other, title: "Bad", reason: "", edits: [.remove(ContractPath("grid.tasks[nope]")!)]),
                in: engagement, by: parties[.practiceAdmin], now: Self.now)
        }
    }

    @Test("the draft is accepted by both signers, then the version in force on each date is the right one")
    func draftThenInForce() async throws {
        let db = try TestDatabase.app.db
        let parties = try await EngagementParties.make()
        let store = EngagementStore(db)
        let engagement = try await store.create(
            practice: parties.practice.id, vendor: parties.vendor.id, template: .medicalBilling, signedOn: nil, now: Self.now)
        #expect(engagement.status == .draft)
        await #expect(throws: ChangeRequestError.noContractInForce) {
            try await ChangeRequestStore(db).propose(
                .init(kind: .other, title: "x", reason: "", edits: []), in: engagement, by: parties[.practiceAdmin], now: Self.now)
        }
        _ = try await store.acceptDraft(of: engagement, by: parties[.vendorLead], effectiveFrom: day("2026-02-01"), now: Self.now)
        let accepted = try await store.acceptDraft(
            of: engagement, by: parties[.practiceAdmin], effectiveFrom: day("2026-02-01"), now: Self.now)
        #expect(accepted.status == .accepted)
        #expect(try await store.find(engagement.id, visibleTo: parties[.vendorLead]).status == .active)
        let request = try await ChangeRequestStore(db).propose(
            .init(
                kind: .scope, title: "Vendor answers coding questions", reason: "",
                edits: [
                    try .set(ContractPath("grid.tasks[coding-questions].responsible")!, to: ["vendor"]),
                    try .set(ContractPath("grid.tasks[coding-questions].exceptionOwner")!, to: "practice_manager"),
                ],
                requestedEffectiveFrom: day("2099-03-01")),
            in: engagement, by: parties[.practiceManager], now: Self.now)
        _ = try await ChangeRequestStore(db).approve(
            request.id, in: engagement, by: parties[.vendorLead], for: nil, note: nil, now: Self.now)
        _ = try await ChangeRequestStore(db).approve(
            request.id, in: engagement, by: parties[.practiceAdmin], for: nil, note: nil, now: Self.now)
        for (date, expected) in [("2026-01-31", nil), ("2026-02-01", 1), ("2099-02-28", 1), ("2099-03-01", 2)] as [(String, Int?)] {
            let shown = try? await store.version(of: engagement, number: nil, on: day(date), now: Self.now)
            #expect(shown?.number == expected, "on \(date)")
        }
    }

    @Test("another practice's or vendor's engagement answers like a missing one")
    func tenantWall() async throws {
        let db = try TestDatabase.app.db
        let parties = try await EngagementParties.make()
        let others = try await EngagementParties.make(practiceName: "Lakeside Pediatrics", vendorName: "Other Billing")
        let engagement = try await EngagementStore(db).create(
            practice: parties.practice.id, vendor: parties.vendor.id, template: .medicalBilling, signedOn: nil, now: Self.now)
        for outsider in [others[.practiceAdmin], others[.vendorLead]] {
            await #expect(throws: StoreError.notFound(kind: "engagement", id: engagement.id.description)) {
                try await EngagementStore(db).find(engagement.id, visibleTo: outsider)
            }
            #expect(try await EngagementStore(db).list(visibleTo: outsider).isEmpty)
        }
        #expect(try await EngagementStore(db).list(visibleTo: parties[.vendorLead]).map(\.id) == [engagement.id])
    }

    @Test("fragmentation between two vendors holding neighbouring steps; a primary contact replaces the previous one")
    func fragmentationAndContacts() async throws {
        let db = try TestDatabase.app.db
        let parties = try await EngagementParties.make()
        let second = try await OrganizationStore(db).create(Organization.validated(name: "Second Billing", kind: .vendor, timeZone: "UTC"))
        let first = try await EngagementStore(db).create(
            practice: parties.practice.id, vendor: parties.vendor.id, template: .medicalBilling, signedOn: nil, now: Self.now)
        #expect(try await EngagementStore(db).fragmentation(practice: parties.practice.id).isEmpty)
        let other = try await EngagementStore(db).create(
            practice: parties.practice.id, vendor: second.id, template: .medicalBilling, signedOn: nil, now: Self.now)
        var grid = Contract.medicalBilling(timeZone: "America/Chicago")
        grid.grid.tasks = grid.grid.tasks.map { task in
            var task = task
            // The second vendor only does coding questions (step 2 of claims), between the first vendor's steps 1 and 3.
            if task.key == "coding-questions" {
                task.responsible = [.vendor]; task.accountable = [.vendor]; task.exceptionOwner = "practice_manager"
            } else {
                task.responsible = [.practice]; task.accountable = [.practice]
            }
            return task
        }
        _ = try await EngagementStore(db).editDraft(of: other, contract: grid, by: .practiceAdmin)
        let warnings = try await EngagementStore(db).fragmentation(practice: parties.practice.id)
        #expect(
            Set(warnings.map { "\($0.firstTask)→\($0.secondTask)" }) == [
                "charge-entry→coding-questions", "coding-questions→claim-submission",
            ])
        #expect(warnings.allSatisfy { Set([$0.firstEngagement, $0.secondEngagement]) == [first.id, other.id] })

        let contacts = ContactStore(db)
        func contact(_ name: String, primary: Bool, party: Party = .practice) -> PointOfContact {
            PointOfContact(
                engagementID: first.id, party: party, purpose: .routine, name: name, channel: .email, address: "\(name)@x.example",
                hours: "Mon–Fri 08:00–17:00", isPrimary: primary)
        }
        let alice = try await contacts.save(contact("alice", primary: true), in: first, as: .practice)
        _ = try await contacts.save(contact("bob", primary: true), in: first, as: .practice)
        let saved = try await contacts.contacts(of: first.id)
        #expect(saved.filter(\.isPrimary).map(\.name) == ["bob"])
        #expect(ContactDirectory.primaryProblems(saved) == [ContactProblem(party: .vendor, primaryContacts: 0)])
        await #expect(throws: ContactError.otherParty) {
            try await contacts.save(contact("eve", primary: false, party: .vendor), in: first, as: .practice)
        }
        await #expect(throws: ContactError.otherParty) { try await contacts.remove(alice.id, in: first, as: .vendor) }
        try await contacts.remove(alice.id, in: first, as: .practice)
        #expect(try await contacts.contacts(of: first.id).map(\.name) == ["bob"])
        // A party's first contact is its primary even when not marked so, and the primary cannot be removed.
        let carol = try await contacts.save(contact("carol", primary: false, party: .vendor), in: first, as: .vendor)
        #expect(carol.isPrimary)
        await #expect(throws: ContactError.lastPrimary) { try await contacts.remove(carol.id, in: first, as: .vendor) }
        #expect(ContactDirectory.primaryProblems(try await contacts.contacts(of: first.id)).isEmpty)
    }
}

import Domain
import Foundation
import Persistence
import SightlineTestSupport
import Testing

/// Ticket keys in the database: each practice's prefix is its own, a vendor serving two practices
/// tells their tickets apart, and old keys still find their ticket.
@Suite("Ticket keys across practices", .database)
struct TicketKeyStoreTests {
    struct World {
        let parties: TestParties
        let neighbour: Organization
        let neighbourManager: Caller
        let first: Ticket
        let second: Ticket
    }

    /// Two practices with the same initials, both served by one vendor, each with a first ticket.
    static func world() async throws -> World {
        let db = try TestDatabase.app.db
        let parties = try await TestParties.make()
        let neighbour = try await OrganizationStore(db).create(
            Organization.validated(name: "Riverside Family Medicine", kind: .practice, timeZone: "America/Chicago"))
        let manager = try await UserStore(db).create(
            organizationID: neighbour.id, email: try EmailAddress("manager@riverside.example"), role: .practiceManager,
            password: "a long enough password", hasher: .fastForTests)
        let engagement = try await EngagementStore(db).create(
            practice: parties.practice.id, vendor: parties.vendor.id, template: .medicalBilling,
            signedOn: CalendarDate("2026-01-01"), now: Date())
        let other = try await EngagementStore(db).create(
            practice: neighbour.id, vendor: parties.vendor.id, template: .medicalBilling,
            signedOn: CalendarDate("2026-01-01"), now: Date())
        let draft = TicketDraft(
            category: .claimError, priority: .normal, title: "Twelve CO-16 denials", detail: "", assignedParty: .vendor, gridTask: nil)
        let first = try await TicketStore(db).open(draft, in: engagement, by: parties[.practiceManager], now: Date())
        let neighbourCaller = Caller(user: manager, organization: neighbour)
        let second = try await TicketStore(db).open(draft, in: other, by: neighbourCaller, now: Date())
        return World(parties: parties, neighbour: neighbour, neighbourManager: neighbourCaller, first: first, second: second)
    }

    @Test("two practices with the same initials get different prefixes, and their first tickets different keys")
    func distinctKeys() async throws {
        let world = try await Self.world()
        let db = try TestDatabase.app.db
        #expect(try await OrganizationStore(db).ticketPrefix(of: world.parties.practice.id) == "RFM")
        #expect(try await OrganizationStore(db).ticketPrefix(of: world.neighbour.id) == "RFM2")
        #expect(world.first.reference == "RFM-1")
        #expect(world.second.reference == "RFM2-1")
        let (read, _) = try await TicketStore(db).find(world.second.id, visibleTo: world.parties[.vendorLead])
        #expect(read.reference == "RFM2-1")
    }

    @Test("a key, an old key or a bare number finds the ticket the caller may see")
    func resolves() async throws {
        let world = try await Self.world()
        let store = TicketStore(try TestDatabase.app.db)
        let manager = world.parties[.practiceManager], lead = world.parties[.vendorLead]
        for text in ["RFM-1", "rfm-1", "T-1", "1", "#1", world.first.id.description] {
            #expect(try await store.resolve(text, visibleTo: manager) == world.first.id, "\(text)")
        }
        #expect(try await store.resolve("T-1", visibleTo: world.neighbourManager) == world.second.id)
        #expect(try await store.resolve("RFM2-1", visibleTo: lead) == world.second.id)
        #expect(try await store.resolve("RFM-1", visibleTo: lead) == world.first.id)
        // The vendor sees both practices' first tickets: the old key names neither.
        await #expect(throws: TicketKeyError.ambiguous(key: "T-1", candidates: ["RFM-1", "RFM2-1"])) {
            try await store.resolve("T-1", visibleTo: lead)
        }
        // Another practice's key answers as a missing ticket.
        for text in ["RFM2-1", "RFM-2", "nonsense", "RFM-0"] {
            await #expect(throws: StoreError.self, "\(text)") { try await store.resolve(text, visibleTo: manager) }
        }
    }

    @Test("an administrator's prefix re-keys the practice's tickets; a taken or malformed one is refused")
    func setPrefix() async throws {
        let world = try await Self.world()
        let db = try TestDatabase.app.db
        let organizations = OrganizationStore(db)
        #expect(try await organizations.setTicketPrefix("rb", of: world.parties.practice.id) == "RB")
        let (ticket, _) = try await TicketStore(db).find(world.first.id, visibleTo: world.parties[.practiceManager])
        #expect(ticket.reference == "RB-1")
        #expect(try await TicketStore(db).resolve("T-1", visibleTo: world.parties[.practiceManager]) == world.first.id)
        await #expect(throws: TicketKeyError.prefixTaken("RFM2")) {
            try await organizations.setTicketPrefix("RFM2", of: world.parties.practice.id)
        }
        await #expect(throws: TicketKeyError.prefixCharacters) {
            try await organizations.setTicketPrefix("R-B", of: world.parties.practice.id)
        }
        #expect(try await organizations.ticketPrefix(of: world.parties.practice.id) == "RB")
        // The next ticket takes the new prefix.
        let engagement = try #require(try await EngagementStore(db).list(visibleTo: world.parties[.practiceManager]).first)
        let next = try await TicketStore(db).open(
            TicketDraft(category: .other, priority: .low, title: "Next", detail: "", assignedParty: .vendor, gridTask: nil),
            in: engagement, by: world.parties[.practiceManager], now: Date())
        #expect(next.reference == "RB-2")
    }
}

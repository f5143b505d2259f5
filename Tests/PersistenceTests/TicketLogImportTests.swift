import Domain
import Foundation
import Persistence
import SightlineTestSupport
import Testing

@Suite("Bringing an old issue log in", .database)
struct TicketLogImportTests {
    static let log = """
        number,opened_at,title,category,priority,status,requester_party,assignee_party,history
        101,2026-03-06T16:30:00-05:00,Denials from Summit,claim_error,high,resolved,practice,vendor,2026-03-09T10:00:00-04:00 reply vendor;2026-03-10T12:00:00-04:00 status resolved
        102,2026-03-09T09:00:00-04:00,"Op notes, three appeals",documentation_needed,normal,open,vendor,practice,
        """

    @Test("tickets keep their numbers and real times, and their clocks are computed from them")
    func importsWithClocks() async throws {
        let db = try TestDatabase.app.db
        let parties = try await TestParties.make()
        let engagement = try await EngagementStore(db).create(
            practice: parties.practice.id, vendor: parties.vendor.id, template: .medicalBilling,
            signedOn: CalendarDate("2026-01-01"), now: Date())
        let tickets = try TicketLogImport.parse(Array(Self.log.utf8))
        #expect(try await TicketLogImport.store(tickets, in: engagement, on: db) == 2)
        let stored = try await TicketStore(db).list(in: engagement.id)
        #expect(stored.map(\.reference).sorted() == ["RFM-101", "RFM-102"])
        let first = try #require(stored.first { $0.number == 101 })
        #expect(first.status == .resolved)
        let clocks = try await TicketStore(db).clocks(of: first, asOf: Date())
        // Chicago hours (the practice's calendar): Fri 15:30–17:00 CT is 1.5 h, Mon 08:00–09:00 CT 1 h: answered after 2.5 of 4 hours.
        #expect(clocks.firstResponse.state == .met)
        #expect(clocks.firstResponse.businessSecondsUsed == 2.5 * 3_600)
        #expect(clocks.resolution.state == .met)
        await #expect(throws: TicketLogError.self) { try await TicketLogImport.store(tickets, in: engagement, on: db) }
        #expect(try await TicketStore(db).list(in: engagement.id).count == 2)
    }

    @Test(
        "a bad line is refused with its line and column, and nothing is stored",
        arguments: [
            ("number,opened_at,title\n", "line 1, category: the header has no column category"),
            (
                "number,opened_at,title,category,priority,status,requester_party,assignee_party\n1,2026-03-06 16:30,t,claim_error,high,open,practice,vendor\n",
                "line 2, opened_at"
            ),
            (
                "number,opened_at,title,category,priority,status,requester_party,assignee_party\n1,2026-03-06T16:30:00-05:00,t,claim_error,soon,open,practice,vendor\n",
                "line 2, priority"
            ),
            (
                "number,opened_at,title,category,priority,status,requester_party,assignee_party\n1,2026-03-06T16:30:00-05:00,t,claim_error,high,resolved,practice,vendor\n",
                "line 2, status: is resolved but the history leaves the ticket open"
            ),
            (
                "number,opened_at,title,category,priority,status,requester_party,assignee_party,history\n1,2026-03-06T16:30:00-05:00,t,claim_error,high,open,practice,vendor,2026-03-05T10:00:00-05:00 reply vendor\n",
                "line 2, history: '2026-03-05T10:00:00-05:00 reply vendor' is earlier"
            ),
            (
                "number,opened_at,title,category,priority,status,requester_party,assignee_party\n1,2026-03-06T16:30:00-05:00,t,claim_error,high,open,practice,vendor\n1,2026-03-06T16:30:00-05:00,t,claim_error,high,open,practice,vendor\n",
                "line 3, number: ticket 1 appears twice"
            ),
        ])
    func refused(text: String, message: String) {
        do {
            _ = try TicketLogImport.parse(Array(text.utf8))
            Issue.record("parsed")
        } catch {
            #expect(error.description.hasPrefix(message), "\(error.description)")
        }
    }
}

import Domain
import Foundation
import Persistence
import SightlineTestSupport
import Testing

@Suite("The queue's pages and concurrent changes", .database)
struct TicketQueueTests {
    /// Twelve tickets: four categories, two parties, every priority; some opened in the same minute.
    static func queue() async throws -> (TestParties, Engagement, [Ticket]) {
        let (parties, engagement) = try await EscalationSweeperTests.setUp()
        let store = TicketStore(try TestDatabase.app.db)
        var tickets: [Ticket] = []
        let categories: [Ticket.Category] = [.claimError, .patientConcern, .accessIssue, .payerDeadline]
        for index in 0..<12 {
            let minute = index / 2 * 7  // two tickets per minute: the number breaks the tie
            tickets.append(
                try await store.open(
                    TicketDraft(
                        category: categories[index % 4], priority: TicketPriority.allCases[index % TicketPriority.allCases.count],
                        title: index % 3 == 0 ? "Appeal \(index)" : "Portal \(index)", detail: "",
                        assignedParty: index % 5 == 0 ? .practice : .vendor, gridTask: nil),
                    in: engagement, by: parties[.practiceManager], now: chicago("2026-04-13 09:00").addingTimeInterval(Double(minute * 60)))
            )
        }
        return (parties, engagement, tickets)
    }

    @Test(
        "every page of a filter lists its tickets newest first (ties by number), whether the matches are sorted or the ordered index is walked",
        arguments: [
            ("all", TicketFilter()),
            (
                "claim errors and access issues",
                {
                    var f = TicketFilter(); f.categories = [.claimError, .accessIssue]; return f
                }()
            ),
            (
                "vendor's urgent and low",
                {
                    var f = TicketFilter(); f.parties = [.vendor]; f.priorities = [.urgent, .low]; return f
                }()
            ),
            (
                "text",
                {
                    var f = TicketFilter(); f.text = "appeal"; return f
                }()
            ),
        ] as [(String, TicketFilter)])
    func pages(name: String, filter: TicketFilter) async throws {
        let (_, engagement, tickets) = try await Self.queue()
        let store = TicketStore(try TestDatabase.app.db)
        let matching = tickets.filter { ticket in
            (filter.categories.isEmpty || filter.categories.contains(ticket.category))
                && (filter.parties.isEmpty || filter.parties.contains(ticket.assignedParty))
                && (filter.priorities.isEmpty || filter.priorities.contains(ticket.priority))
                && (filter.text.map { ticket.title.lowercased().contains($0) } ?? true)
        }
        let expected = matching.sorted { ($0.openedAt, $0.number) > ($1.openedAt, $1.number) }.map(\.number)
        #expect(!expected.isEmpty)
        let at = chicago("2026-04-13 12:00")
        // Small pages walk the newest-first index (matches ≥ 4 × page × perPage); later pages sort the matches.
        for perPage in [1, 2, 5] {
            var listed: [Int] = []
            for page in 1...(expected.count / perPage + 1) {
                let found = try await store.search(filter, in: engagement.id, at: at, page: page, perPage: perPage)
                #expect(found.total == expected.count, "\(name)")
                listed += found.tickets.map(\.number)
            }
            #expect(listed == expected, "\(name), \(perPage) a page")
        }
        #expect(try await store.count(filter, in: engagement.id, at: at) == expected.count)
    }

    @Test(
        "changes to one ticket at the same moment are all kept, each with its own place in the history; tickets opened at once get distinct numbers"
    )
    func concurrentChanges() async throws {
        let db = try TestDatabase.app.db
        let (parties, engagement, tickets) = try await Self.queue()
        let store = TicketStore(db)
        let ticket = try #require(tickets.first)
        let at = chicago("2026-04-13 12:00")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<12 {
                group.addTask {
                    _ = try await TicketStore(db).message(
                        ticket.id, body: "Reply \(index)", visibility: .public,
                        by: parties[index % 2 == 0 ? .vendorAgent : .practiceManager], now: at)
                }
            }
            for index in 0..<6 {
                group.addTask {
                    _ = try await TicketStore(db).open(
                        TicketDraft(
                            category: .other, priority: .normal, title: "At once \(index)", detail: "", assignedParty: .vendor,
                            gridTask: nil),
                        in: engagement, by: parties[.practiceManager], now: at)
                }
            }
            try await group.waitForAll()
        }
        let history = try await store.events(of: ticket.id, visibleTo: nil)
        #expect(history.filter { $0.kind == .message }.count == 12)
        #expect(history.map(\.sequence) == Array(1...history.count))
        let numbers = try await store.list(in: engagement.id).map(\.number).sorted()
        #expect(numbers == Array(1...18))
    }
}

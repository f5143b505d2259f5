import Domain
import Foundation
import Persistence
import SightlineTestSupport
import Testing

/// An instant from Chicago wall time (the test practice's zone).
func chicago(_ text: String) -> Date {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "America/Chicago")
    formatter.dateFormat = "yyyy-MM-dd HH:mm"
    return formatter.date(from: text)!
}

@Suite("The escalation sweeper", .database)
struct EscalationSweeperTests {
    static func setUp() async throws -> (TestParties, Engagement) {
        let db = try TestDatabase.app.db
        let parties = try await TestParties.make()
        let engagement = try await EngagementStore(db).create(
            practice: parties.practice.id, vendor: parties.vendor.id, template: .medicalBilling,
            signedOn: CalendarDate("2026-01-01"), now: chicago("2026-01-01 09:00"))
        return (parties, engagement)
    }

    static func open(_ parties: TestParties, _ engagement: Engagement, at: String) async throws -> Ticket {
        try await TicketStore(TestDatabase.app.db).open(
            TicketDraft(
                category: .claimError, priority: .high, title: "Denials", detail: "", assignedParty: .vendor, gridTask: "denial-follow-up"),
            in: engagement, by: parties[.practiceManager], now: chicago(at))
    }

    func describe(_ firings: [EscalationFiring]) -> [String] {
        firings.map { "\($0.clock) \($0.level) \(ISO8601DateFormatter().string(from: $0.at))" }.sorted()
    }

    @Test("levels fire once each, in order, when due; a sweep after downtime catches up with the instants they fell due")
    func fireAndCatchUp() async throws {
        let db = try TestDatabase.app.db
        let (parties, engagement) = try await Self.setUp()
        let ticket = try await Self.open(parties, engagement, at: "2026-04-13 09:00")
        let sweeper = EscalationSweeper(db)
        #expect(try await sweeper.sweep(at: chicago("2026-04-13 11:00")).isEmpty)
        // A high ticket's first response is due in 4 business hours: 75% is 12:00.
        let warning = try await sweeper.sweep(at: chicago("2026-04-13 12:30"))
        #expect(describe(warning) == ["firstResponse warning \(ISO8601DateFormatter().string(from: chicago("2026-04-13 12:00")))"])
        #expect(try await sweeper.sweep(at: chicago("2026-04-13 12:30")).isEmpty)
        // Down until Tuesday 17:00: the breach (Mon 13:00) and leadership (9 business hours later: Tue 13:00) of the first
        // response, and 75% of the 18-hour resolution (Tue 13:30), all fire now.
        let caughtUp = try await sweeper.sweep(at: chicago("2026-04-14 17:00"))
        let iso = ISO8601DateFormatter()
        #expect(
            describe(caughtUp) == [
                "firstResponse breach \(iso.string(from: chicago("2026-04-13 13:00")))",
                "firstResponse leadership \(iso.string(from: chicago("2026-04-14 13:00")))",
                "resolution warning \(iso.string(from: chicago("2026-04-14 13:30")))",
            ])
        let events = try await TicketStore(db).events(of: ticket.id, visibleTo: nil).filter { $0.kind == .escalation }
        #expect(events.map { $0.data["level"] ?? "" } == ["warning", "breach", "leadership", "warning"])
        // The practice manager is on the warning and breach levels; the administrator on leadership.
        let manager = try await db.sqlRows(
            "SELECT COUNT(*) FROM notifications WHERE user_id = '\(parties[.practiceManager].user.id.rawValue.uuidString)'")
        let managerLower = try await db.sqlRows(
            "SELECT COUNT(*) FROM notifications WHERE user_id = '\(parties[.practiceManager].user.id.rawValue.uuidString.lowercased())'")
        #expect([manager.first, managerLower.first].contains("3"))
        #expect(try await db.sqlRows("SELECT COUNT(*) FROM webhook_outbox").first == "4")
    }

    @Test("a clock met before a level falls due never escalates, even when the sweep comes late")
    func metClocksDoNotFire() async throws {
        let db = try TestDatabase.app.db
        let (parties, engagement) = try await Self.setUp()
        let ticket = try await Self.open(parties, engagement, at: "2026-04-13 09:00")
        _ = try await TicketStore(db).message(
            ticket.id, body: "On it", visibility: .public, by: parties[.vendorAgent], now: chicago("2026-04-13 10:00"))
        _ = try await TicketStore(db).setStatus(
            ticket.id, to: .resolved, reason: nil, by: parties[.vendorAgent], now: chicago("2026-04-13 11:00"))
        #expect(try await EscalationSweeper(db).sweep(at: chicago("2026-04-20 09:00")).isEmpty)
    }

    @Test("an answer after the breach stops the clock's later levels; the other clocks go on")
    func lateAnswerStopsEscalation() async throws {
        let db = try TestDatabase.app.db
        let (parties, engagement) = try await Self.setUp()
        let ticket = try await Self.open(parties, engagement, at: "2026-04-13 09:00")
        let sweeper = EscalationSweeper(db)
        #expect(
            describe(try await sweeper.sweep(at: chicago("2026-04-13 13:30"))).map {
                $0.components(separatedBy: " ").prefix(2).joined(separator: " ")
            }
                == ["firstResponse breach", "firstResponse warning"])
        _ = try await TicketStore(db).message(
            ticket.id, body: "Sorry, on it now", visibility: .public, by: parties[.vendorAgent], now: chicago("2026-04-13 14:00"))
        #expect(
            describe(try await sweeper.sweep(at: chicago("2026-04-14 17:00"))).map {
                $0.components(separatedBy: " ").prefix(2).joined(separator: " ")
            }
                == ["resolution warning"])
    }

    @Test("two sweepers at once fire each level once")
    func concurrentSweepers() async throws {
        let db = try TestDatabase.app.db
        let (parties, engagement) = try await Self.setUp()
        for day in 13...17 { _ = try await Self.open(parties, engagement, at: "2026-04-\(day) 09:00") }
        let at = chicago("2026-04-24 17:00")
        async let first = EscalationSweeper(db).sweep(at: at)
        async let second = EscalationSweeper(db).sweep(at: at)
        let (a, b) = try await (first, second)
        let rows = try await db.sqlRows("SELECT COUNT(*) FROM escalation_firings").first.flatMap(Int.init) ?? -1
        #expect(a.count + b.count == rows)
        #expect(rows == 5 * 6)
        #expect(try await EscalationSweeper(db).sweep(at: at).isEmpty)
    }
}

/// A fake webhook receiver: answers the statuses it is given, in turn, and keeps what it received.
actor FakeReceiver {
    var statuses: [UInt]
    var received: [(headers: [String: String], body: String)] = []

    init(statuses: [UInt]) { self.statuses = statuses }

    func receive(_ headers: [(String, String)], _ body: String) -> UInt {
        received.append((Dictionary(headers, uniquingKeysWith: { first, _ in first }), body))
        return statuses.isEmpty ? 200 : statuses.removeFirst()
    }
}

@Suite("The webhook outbox", .database)
struct WebhookOutboxTests {
    @Test("signatures are HMAC-SHA256 over timestamp and body")
    func signature() {
        #expect(
            WebhookOutbox.signature(payload: #"{"a":1}"#, timestamp: 1_700_000_000, secret: "0123456789abcdef")
                == "sha256=9eb18f493f8ec135d9eb2dad817c369bb4e9cbfa818657897a7437c1cd8c3a23")
    }

    @Test(
        "waits grow from 30 seconds to at most 6 hours",
        arguments: [(1, 30.0), (2, 60.0), (3, 120.0), (10, 15_360.0), (11, 21_600.0), (40, 21_600.0)])
    func backoff(attempts: Int, seconds: Double) {
        #expect(WebhookOutbox.backoff(afterAttempts: attempts) == seconds)
    }

    @Test("an escalation's webhook is retried after a refusal and marked delivered once accepted")
    func retries() async throws {
        let db = try TestDatabase.app.db
        let (parties, engagement) = try await EscalationSweeperTests.setUp()
        _ = try await EscalationSweeperTests.open(parties, engagement, at: "2026-04-13 09:00")
        #expect(try await EscalationSweeper(db).sweep(at: chicago("2026-04-13 12:30")).count == 1)
        let receiver = FakeReceiver(statuses: [500])
        let outbox = WebhookOutbox(db)
        let first = try await outbox.deliverDue(at: chicago("2026-04-13 12:31"), secret: "0123456789abcdef") {
            await receiver.receive($0, $1)
        }
        #expect(first.delivered == 0 && first.failed == 1)
        // Not due again before its 30-second wait is over.
        #expect(
            try await outbox.deliverDue(at: chicago("2026-04-13 12:31"), secret: "0123456789abcdef") { await receiver.receive($0, $1) } == (
                0, 0
            ))
        let second = try await outbox.deliverDue(at: chicago("2026-04-13 12:32"), secret: "0123456789abcdef") {
            await receiver.receive($0, $1)
        }
        #expect(second.delivered == 1)
        let received = await receiver.received
        #expect(received.count == 2)
        let last = try #require(received.last)
        #expect(last.headers["X-Sightline-Event"] == "ticket.escalated")
        #expect(
            last.headers["X-Sightline-Signature"]
                == WebhookOutbox.signature(
                    payload: last.body, timestamp: Int(last.headers["X-Sightline-Timestamp"] ?? "") ?? 0, secret: "0123456789abcdef"))
        #expect(last.body.contains("\"level\":\"warning\""))
        #expect(try await outbox.due(at: chicago("2026-04-20 00:00")).isEmpty)
    }
}

@Suite("Two-way obligations", .database)
struct TwoWayObligationTests {
    @Test(
        "a vendor ticket waiting on a linked request for action to the practice pauses, attributed to the practice, until the request is resolved"
    )
    func linkedRequestPauses() async throws {
        let db = try TestDatabase.app.db
        let (parties, engagement) = try await EscalationSweeperTests.setUp()
        let store = TicketStore(db)
        let work = try await EscalationSweeperTests.open(parties, engagement, at: "2026-04-13 09:00")
        let request = try await store.open(
            TicketDraft(
                category: .requestForAction, priority: .normal, title: "Op notes for the appeal", detail: "", assignedParty: .practice,
                gridTask: nil),
            in: engagement, by: parties[.vendorAgent], now: chicago("2026-04-13 10:00"))
        _ = try await store.link(work.id, toTicket: request.id, claim: nil, by: parties[.vendorAgent], now: chicago("2026-04-13 11:00"))
        let waiting = try await store.clocks(of: work, asOf: chicago("2026-04-13 15:00"))
        #expect(waiting.resolution.state == .paused)
        #expect(waiting.resolution.pausedBy == .practice)
        #expect(waiting.resolution.businessSecondsUsed == 2 * 3_600)
        #expect(waiting.resolution.businessSecondsPaused == 4 * 3_600)
        _ = try await store.setStatus(
            request.id, to: .resolved, reason: nil, by: parties[.practiceManager], now: chicago("2026-04-14 09:00"))
        let resumed = try await store.clocks(of: work, asOf: chicago("2026-04-14 10:00"))
        #expect(resumed.resolution.state == .running)
        #expect(resumed.resolution.businessSecondsPaused == 7 * 3_600)
        #expect(resumed.resolution.businessSecondsUsed == 3 * 3_600)
        // The request's own clocks are the practice's: its first response is owed by the practice, on the
        // practice's calendar (8 business hours from Monday 10:00: Tuesday 09:00).
        let owed = try await store.clocks(of: request, asOf: chicago("2026-04-13 19:00"))
        #expect(owed.firstResponse.state == .running)
        #expect(owed.firstResponse.dueAt == chicago("2026-04-14 09:00"))
        await #expect(throws: TicketError.badLink) {
            try await store.link(work.id, toTicket: work.id, claim: nil, by: parties[.vendorAgent], now: Date())
        }
        _ = try await store.link(work.id, toTicket: nil, claim: "PCN-42", by: parties[.vendorAgent], now: chicago("2026-04-14 10:30"))
        #expect(try await store.events(of: work.id, visibleTo: nil).filter { $0.kind == .link }.count == 2)
    }

    @Test(
        "overlapping waits merge; an open one stays paused",
        arguments: [
            ([(0, 2), (1, 3)], ["pause 0", "resume 3"]),
            ([(0, 1), (2, 3)], ["pause 0", "resume 1", "pause 2", "resume 3"]),
            ([(0, 2), (1, nil)], ["pause 0"]),
            ([(2, nil), (0, 1)], ["pause 0", "resume 1", "pause 2"]),
        ] as [([(Int, Int?)], [String])])
    func merge(spans: [(Int, Int?)], expected: [String]) {
        let base = Date(timeIntervalSince1970: 0)
        let events = TicketClockEvent.waits(
            spans.map { (base.addingTimeInterval(Double($0.0)), $0.1.map { base.addingTimeInterval(Double($0)) }, Party.practice) })
        #expect(
            events.map { event in
                switch event.kind {
                case .pause: "pause \(Int(event.at.timeIntervalSince1970))"
                case .resume: "resume \(Int(event.at.timeIntervalSince1970))"
                default: "?"
                }
            } == expected)
    }
}

@Suite("The schedule kept with each ticket", .database)
struct TicketScheduleStoreTests {
    /// The tickets the queue's breached filter finds at `instant`, and those whose clocks say so.
    static func breached(
        _ tickets: [Ticket], in engagement: Engagement, at instant: Date
    ) async throws -> (kept: Set<Ticket.ID>, read: Set<Ticket.ID>) {
        let store = TicketStore(try TestDatabase.app.db)
        var filter = TicketFilter()
        filter.breached = true
        let kept = Set(try await store.search(filter, in: engagement.id, at: instant, page: 1, perPage: 500).tickets.map(\.id))
        let clocks = try await store.clocks(of: tickets, asOf: instant)
        let read = Set(
            tickets.filter { ticket in
                clocks[ticket.id].map { [$0.firstResponse, $0.update, $0.resolution].contains { $0.breachedAt != nil } } ?? false
            }.map(\.id))
        return (kept, read)
    }

    @Test(
        "after every change — a reply, a link to a request of the practice, its resolution — and for tickets never scheduled, the breached filter agrees with the clocks"
    )
    func keptScheduleAgrees() async throws {
        let db = try TestDatabase.app.db
        let (parties, engagement) = try await EscalationSweeperTests.setUp()
        let store = TicketStore(db)
        let work = try await EscalationSweeperTests.open(parties, engagement, at: "2026-04-13 09:00")
        let quiet = try await EscalationSweeperTests.open(parties, engagement, at: "2026-04-13 09:10")
        let request = try await store.open(
            TicketDraft(
                category: .requestForAction, priority: .normal, title: "Op notes", detail: "", assignedParty: .practice, gridTask: nil),
            in: engagement, by: parties[.vendorAgent], now: chicago("2026-04-13 10:00"))
        let tickets = [work, quiet, request]
        let later = [
            "2026-04-13 12:59", "2026-04-13 13:01", "2026-04-14 09:30", "2026-04-15 12:00", "2026-04-17 16:00", "2026-04-21 09:00",
        ]
        func check(_ step: String, from: String) async throws {
            for text in later where chicago(text) >= chicago(from) {
                let (kept, read) = try await Self.breached(tickets, in: engagement, at: chicago(text))
                #expect(kept == read, "\(step), at \(text)")
            }
        }
        try await check("opened", from: "2026-04-13 10:00")
        _ = try await store.message(
            work.id, body: "Looking into it", visibility: .public, by: parties[.vendorAgent], now: chicago("2026-04-13 09:30"))
        try await check("answered", from: "2026-04-13 09:30")
        _ = try await store.link(work.id, toTicket: request.id, claim: nil, by: parties[.vendorAgent], now: chicago("2026-04-13 11:00"))
        try await check("waiting on the practice", from: "2026-04-13 11:00")
        _ = try await store.setStatus(
            request.id, to: .resolved, reason: nil, by: parties[.practiceManager], now: chicago("2026-04-14 09:00"))
        try await check("the practice answered", from: "2026-04-14 09:00")
        // Tickets written before schedules were kept are scheduled the first time the queue meets them.
        _ = try await db.sqlRows("UPDATE tickets SET breach_at = NULL, next_escalation_at = NULL, scheduled_at = NULL")
        try await check("never scheduled", from: "2026-04-14 09:00")
    }

    @Test("the sweep schedules tickets never scheduled and then fires what is due, once")
    func sweepSchedulesFirst() async throws {
        let db = try TestDatabase.app.db
        let (parties, engagement) = try await EscalationSweeperTests.setUp()
        _ = try await EscalationSweeperTests.open(parties, engagement, at: "2026-04-13 09:00")
        _ = try await db.sqlRows("UPDATE tickets SET breach_at = NULL, next_escalation_at = NULL, scheduled_at = NULL")
        let fired = try await EscalationSweeper(db).sweep(at: chicago("2026-04-13 13:30"))
        #expect(fired.map(\.level).sorted() == ["breach", "warning"])
        #expect(try await EscalationSweeper(db).sweep(at: chicago("2026-04-13 13:30")).isEmpty)
    }

    @Test("text search takes % and _ literally; filters combine", arguments: [("50%", 1), ("5_%", 0), ("DENIALS", 2), ("zzz", 0)])
    func textSearch(text: String, expected: Int) async throws {
        let db = try TestDatabase.app.db
        let (parties, engagement) = try await EscalationSweeperTests.setUp()
        let store = TicketStore(db)
        for title in ["Denials up 50% at Acme", "Denials at Summit", "Payer portal down"] {
            _ = try await store.open(
                TicketDraft(category: .claimError, priority: .high, title: title, detail: "", assignedParty: .vendor, gridTask: nil),
                in: engagement, by: parties[.practiceManager], now: chicago("2026-04-13 09:00"))
        }
        var filter = TicketFilter()
        filter.text = text
        #expect(try await store.search(filter, in: engagement.id, at: chicago("2026-04-13 10:00"), page: 1, perPage: 50).total == expected)
        filter.priorities = [.low]
        #expect(try await store.search(filter, in: engagement.id, at: chicago("2026-04-13 10:00"), page: 1, perPage: 50).total == 0)
    }
}

@Suite("Tickets read without Fluent", .database)
struct TicketRowTests {
    @Test("a ticket read straight from its row equals the one Fluent reads, every field")
    func sameTicket() async throws {
        let db = try TestDatabase.app.db
        let (parties, engagement) = try await EscalationSweeperTests.setUp()
        let store = TicketStore(db)
        let opened = try await store.open(
            TicketDraft(
                category: .requestForAction, priority: .urgent, title: "Op notes, 50% of them", detail: "For the appeal",
                assignedParty: .vendor, gridTask: "denial-follow-up"),
            in: engagement, by: parties[.practiceManager], now: chicago("2026-04-13 09:07"))
        let assigned = try await store.assign(
            opened.id, to: parties[.vendorAgent].user.id, by: parties[.vendorLead], now: chicago("2026-04-13 09:30"))
        let found = try await store.search(TicketFilter(), in: engagement.id, at: chicago("2026-04-13 10:00"), page: 1, perPage: 10).tickets
        let (fluent, _) = try await store.find(opened.id, visibleTo: parties[.practiceManager])
        #expect(found == [fluent])
        #expect(
            found.first?.assignee == assigned.assignee && found.first?.contractVersion != nil
                && found.first?.openedAt == chicago("2026-04-13 09:07"))
    }
}

import Domain
import Foundation
import Persistence
import SightlineTestSupport
import Testing
import Vapor
import VaporTesting

@Suite("The issue log over HTTP", .webApp)
struct TicketAPITests {
    static func open(_ parties: APIParties, engagement: String, priority: String = "high") async throws -> String {
        var id = ""
        let body =
            #"{"title":"Resubmit the March CO-16 denials","description":"Twelve claims","category":"claim_error","priority":"\#(priority)"}"#
        try await TestDatabase.app.testing().test(
            .POST, "/api/v1/engagements/\(engagement)/tickets", headers: parties[.practiceManager], body: ByteBuffer(string: body)
        ) { response in
            #expect(response.status == .created, "\(response.body.string)")
            id = ((json(response)["ticket"] as? [String: Any])?["id"] as? String) ?? ""
        }
        return id
    }

    @Test(
        "a ticket's clocks are read at any instant; the vendor's reply meets the first response; resolution pauses while waiting on the practice"
    )
    func clocks() async throws {
        let app = try TestDatabase.app
        let parties = try await APIParties.make()
        let engagement = try await EngagementAPITests.engage(parties)
        let id = try await Self.open(parties, engagement: engagement)
        let formatter = ISO8601DateFormatter()
        let opened = Date()
        let later = formatter.string(from: opened.addingTimeInterval(30 * 86_400))
        try await app.testing().test(.GET, "/api/v1/tickets/\(id)?asOf=\(later)", headers: parties[.vendorAgent]) { response in
            #expect(response.status == .ok)
            let clocks = json(response)["clocks"] as? [String: [String: Any]]
            #expect(clocks?["firstResponse"]?["state"] as? String == "breached")
            #expect(clocks?["resolution"]?["state"] as? String == "breached")
            #expect(json(response)["breached"] as? Bool == true)
        }
        try await app.testing().test(
            .POST, "/api/v1/tickets/\(id)/messages", headers: parties[.vendorAgent],
            body: ByteBuffer(string: #"{"body":"On it.","visibility":"public"}"#)
        ) { response in
            #expect(response.status == .created)
        }
        try await app.testing().test(
            .POST, "/api/v1/tickets/\(id)/messages", headers: parties[.vendorAgent],
            body: ByteBuffer(string: #"{"body":"Agent X is slow","visibility":"internal"}"#)
        ) { response in
            #expect(response.status == .created)
        }
        try await app.testing().test(
            .POST, "/api/v1/tickets/\(id)/status", headers: parties[.vendorAgent],
            body: ByteBuffer(string: #"{"status":"waiting_on_requester","reason":"need the op notes"}"#)
        ) { response in
            #expect(response.status == .ok)
            let clocks = json(response)["clocks"] as? [String: [String: Any]]
            #expect(clocks?["firstResponse"]?["state"] as? String == "met")
            #expect(clocks?["resolution"]?["state"] as? String == "paused")
            #expect(clocks?["resolution"]?["pausedBy"] == nil || clocks?["resolution"]?["pausedBy"] as? String == "practice")
        }
        try await app.testing().test(.GET, "/api/v1/tickets/\(id)/events", headers: parties[.practiceStaff]) { response in
            let events = json(response)["events"] as? [[String: Any]] ?? []
            #expect(events.map { $0["kind"] as? String } == ["opened", "message", "status"])
        }
        try await app.testing().test(.GET, "/api/v1/tickets/\(id)/events", headers: parties[.vendorLead]) { response in
            let events = json(response)["events"] as? [[String: Any]] ?? []
            #expect(events.count == 4)
        }
        try await app.testing().test(
            .POST, "/api/v1/tickets/\(id)/status", headers: parties[.practiceManager],
            body: ByteBuffer(string: #"{"status":"waiting_on_requester"}"#)
        ) { response in
            #expect(response.status == .conflict)
        }
        try await app.testing().test(
            .POST, "/api/v1/tickets/\(id)/escalate", headers: parties[.practiceManager],
            body: ByteBuffer(string: #"{"level":"ceo","reason":"x"}"#)
        ) { response in
            #expect(response.status == .unprocessableEntity)
            #expect((json(response)["reason"] as? String)?.contains("warning, breach, leadership") == true)
        }
        try await app.testing().test(
            .POST, "/api/v1/tickets/\(id)/escalate", headers: parties[.practiceManager],
            body: ByteBuffer(string: #"{"level":"leadership","reason":"payer deadline Friday"}"#)
        ) { response in
            #expect(response.status == .created)
        }
        try await app.testing().test(.GET, "/api/v1/tickets/\(id)?asOf=yesterday", headers: parties[.practiceManager]) { response in
            #expect(response.status == .unprocessableEntity)
        }
    }

    @Test("the SLA report groups the engagement's tickets, as JSON and CSV")
    func slaReport() async throws {
        let app = try TestDatabase.app
        let parties = try await APIParties.make()
        let engagement = try await EngagementAPITests.engage(parties)
        _ = try await Self.open(parties, engagement: engagement, priority: "high")
        _ = try await Self.open(parties, engagement: engagement, priority: "low")
        let today = ISO8601DateFormatter().string(from: Date()).prefix(10)
        let range = "from=2026-01-01&to=2035-12-31"
        try await app.testing().test(
            .GET, "/api/v1/engagements/\(engagement)/sla-report?\(range)&by=priority", headers: parties[.vendorLead]
        ) { response in
            #expect(response.status == .ok)
            let rows = json(response)["rows"] as? [[String: Any]] ?? []
            #expect(rows.count == 6, "\(today)")
            #expect(Set(rows.compactMap { $0["group"] as? String }) == ["high", "low"])
        }
        try await app.testing().test(
            .GET, "/api/v1/engagements/\(engagement)/sla-report?\(range)&format=csv", headers: parties[.practiceManager]
        ) { response in
            #expect(response.headers.contentType?.subType == "csv")
            #expect(response.body.string.split(separator: "\r\n").count == 4)
        }
        try await app.testing().test(
            .GET, "/api/v1/engagements/\(engagement)/sla-report?\(range)&by=weather", headers: parties[.practiceManager]
        ) { response in
            #expect(response.status == .unprocessableEntity)
        }
        try await app.testing().test(
            .GET, "/api/v1/engagements/\(engagement)/sla-report?\(range)&by=assignee", headers: parties[.practiceManager]
        ) { response in
            #expect(Set((json(response)["rows"] as? [[String: Any]] ?? []).compactMap { $0["group"] as? String }) == ["unassigned"])
        }
        try await app.testing().test(.GET, "/api/v1/engagements/\(engagement)/scorecard?\(range)", headers: parties[.practiceManager]) {
            response in
            #expect(response.status == .ok)
            #expect(json(response)["vendorTickets"] as? Int == 2)
            #expect((json(response)["vendorClocks"] as? [[String: Any]])?.count == 3)
        }
        try await app.testing().test(.GET, "/api/v1/engagements/\(engagement)/scorecard?\(range)&format=csv", headers: parties[.vendorLead])
        { response in
            #expect(response.headers.contentType?.subType == "csv")
            #expect(response.body.string.contains("tickets,vendor_tickets,2,"))
        }
        try await app.testing().test(
            .GET, "/api/v1/engagements/\(engagement)/scorecard?from=2026-05-01&to=2026-04-01", headers: parties[.vendorLead]
        ) { response in
            #expect(response.status == .unprocessableEntity)
        }
    }

    @Test("the ticket list filters and pages; another tenant's ticket answers like a missing one")
    func listAndWall() async throws {
        let app = try TestDatabase.app
        let parties = try await APIParties.make()
        let outsiders = try await APIParties.make(practiceName: "Lakeside Pediatrics", vendorName: "Other Billing")
        let engagement = try await EngagementAPITests.engage(parties)
        let high = try await Self.open(parties, engagement: engagement, priority: "high")
        _ = try await Self.open(parties, engagement: engagement, priority: "low")
        try await app.testing().test(.GET, "/api/v1/engagements/\(engagement)/tickets?priority=high", headers: parties[.vendorAgent]) {
            response in
            #expect(json(response)["total"] as? Int == 1)
        }
        try await app.testing().test(.GET, "/api/v1/engagements/\(engagement)/tickets?perPage=1&page=2", headers: parties[.vendorAgent]) {
            response in
            #expect(json(response)["total"] as? Int == 2)
            #expect((json(response)["tickets"] as? [Any])?.count == 1)
        }
        try await app.testing().test(.GET, "/api/v1/engagements/\(engagement)/tickets?status=lost", headers: parties[.vendorAgent]) {
            response in
            #expect(response.status == .unprocessableEntity)
        }
        let random = UUID().uuidString.lowercased()
        for (method, suffix, body) in [
            (HTTPMethod.GET, "", ""), (.GET, "/events", ""), (.POST, "/messages", #"{"body":"x"}"#),
            (.POST, "/status", #"{"status":"resolved"}"#), (.POST, "/escalate", #"{"level":"breach","reason":"x"}"#),
        ] {
            var missing = ""
            try await app.testing().test(
                method, "/api/v1/tickets/\(random)\(suffix)", headers: outsiders[.vendorLead], body: ByteBuffer(string: body)
            ) { response in
                #expect(response.status == .notFound)
                missing = response.body.string.replacingOccurrences(of: random, with: "ID")
            }
            try await app.testing().test(
                method, "/api/v1/tickets/\(high)\(suffix)", headers: outsiders[.vendorLead], body: ByteBuffer(string: body)
            ) { response in
                #expect(response.status == .notFound)
                #expect(response.body.string.replacingOccurrences(of: high, with: "ID") == missing)
            }
        }
        let events = try await TicketStore(app.db).events(of: try #require(Ticket.ID(string: high)), visibleTo: nil)
        #expect(events.map(\.kind) == [.opened])
    }
}

@Suite("A ticket's people and files over HTTP", .webApp)
struct TicketPeopleAPITests {
    @Test("the assignee is a person of the assigned party; watchers of either party are told of escalations; all recorded")
    func people() async throws {
        let app = try TestDatabase.app
        let parties = try await APIParties.make()
        let engagement = try await EngagementAPITests.engage(parties)
        let ticket = try await TicketAPITests.open(parties, engagement: engagement, priority: "high")
        let agent = try #require(parties.callers[.vendorAgent]).user.id, manager = try #require(parties.callers[.practiceManager]).user.id
        try await app.testing().test(
            .POST, "/api/v1/tickets/\(ticket)/assignee", headers: parties[.vendorLead],
            body: ByteBuffer(string: #"{"userId":"\#(manager)"}"#)
        ) { response in
            #expect(response.status == .unprocessableEntity, "a practice person cannot work a ticket assigned to the vendor")
        }
        try await app.testing().test(
            .POST, "/api/v1/tickets/\(ticket)/assignee", headers: parties[.vendorLead], body: ByteBuffer(string: #"{"userId":"\#(agent)"}"#)
        ) { response in
            #expect(response.status == .ok)
            #expect((json(response)["ticket"] as? [String: Any])?["assignee"] as? String == agent.description)
        }
        try await app.testing().test(
            .GET, "/api/v1/engagements/\(engagement)/tickets?assignee=\(agent)", headers: parties[.practiceManager]
        ) { response in
            #expect(json(response)["total"] as? Int == 1)
        }
        try await app.testing().test(
            .POST, "/api/v1/tickets/\(ticket)/watchers", headers: parties[.vendorAgent],
            body: ByteBuffer(string: #"{"userId":"\#(manager)"}"#)
        ) { response in
            #expect(response.status == .ok)
            #expect(
                (try? JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [[String: Any]])?.map { $0["id"] as? String } == [
                    manager.description
                ])
        }
        // The manager watches: an escalation tells them even on a level they are not on by role.
        let id = try #require(Ticket.ID(string: ticket))
        let fired = try await EscalationSweeper(app.db).sweep(at: Date().addingTimeInterval(30 * 86_400))
        #expect(!fired.isEmpty)
        let notified =
            try await app.db.sqlRows(
                "SELECT COUNT(*) FROM notifications WHERE ticket_id = '\(id.rawValue.uuidString)' AND user_id = '\(manager.rawValue.uuidString)'"
            )
            + (try await app.db.sqlRows(
                "SELECT COUNT(*) FROM notifications WHERE ticket_id = '\(id.rawValue.uuidString.lowercased())' AND user_id = '\(manager.rawValue.uuidString.lowercased())'"
            ))
        #expect(notified.compactMap { Int($0) }.reduce(0, +) >= fired.filter { $0.ticket == ticket }.count)
        try await app.testing().test(.DELETE, "/api/v1/tickets/\(ticket)/watchers/\(manager)", headers: parties[.practiceManager]) {
            response in
            #expect(response.status == .ok)
            #expect(response.body.string == "[]")
        }
        let kinds = try await TicketStore(app.db).events(of: id, visibleTo: nil).map(\.kind)
        #expect(kinds.filter { $0 == .assignee || $0 == .watcher } == [.assignee, .watcher, .watcher])
    }

    @Test(
        "files: allowed types whose bytes agree with the name, at most 10 MiB, downloaded as attachments by either party only",
        arguments: [
            ("denial.pdf", "%PDF-1.7\n...", 0, HTTPStatus.created), ("era.835", "ISA*00*~", 0, .created),
            ("notes.pdf", "MZ\u{90}binary", 0, .unprocessableEntity), ("tool.exe", "MZ", 0, .unprocessableEntity),
            ("empty.txt", "", 0, .unprocessableEntity), ("big.txt", "", 10 * 1_048_576 + 1, .payloadTooLarge),
        ])
    func files(name: String, start: String, padding: Int, expected: HTTPStatus) async throws {
        // The padding is given as a count, so the test's name in the log is not ten megabytes long.
        let bytes = Array(start.utf8) + [UInt8](repeating: 65, count: padding)
        let app = try TestDatabase.app
        let parties = try await APIParties.make()
        let outsiders = try await APIParties.make(practiceName: "Lakeside Pediatrics", vendorName: "Other Billing")
        let engagement = try await EngagementAPITests.engage(parties)
        let ticket = try await TicketAPITests.open(parties, engagement: engagement, priority: "normal")
        var headers = parties[.vendorAgent]
        headers.contentType = .binary
        var attachment = ""
        try await app.testing().test(
            .POST, "/api/v1/tickets/\(ticket)/attachments?name=\(name)", headers: headers, body: ByteBuffer(bytes: bytes)
        ) { response in
            #expect(response.status == expected, "\(response.body.string)")
            attachment = json(response)["id"] as? String ?? ""
        }
        guard expected == .created else { return }
        try await app.testing().test(.GET, "/api/v1/tickets/\(ticket)/attachments/\(attachment)", headers: parties[.practiceManager]) {
            response in
            #expect(response.status == .ok)
            #expect(Array(response.body.readableBytesView) == bytes)
            #expect(response.headers.first(name: .contentDisposition)?.hasPrefix("attachment") == true)
        }
        try await app.testing().test(.GET, "/api/v1/tickets/\(ticket)/attachments/\(attachment)", headers: outsiders[.practiceManager]) {
            response in
            #expect(response.status == .notFound)
        }
        try await app.testing().test(.GET, "/api/v1/tickets/\(ticket)/attachments", headers: parties[.practiceManager]) { response in
            #expect(response.body.string.contains(name) && !response.body.string.contains("\"content\""))
        }
    }
}

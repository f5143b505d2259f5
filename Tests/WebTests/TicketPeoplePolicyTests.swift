import Domain
import Foundation
import SightlineTestSupport
import Testing
import Vapor
import VaporTesting

@Suite("Who names a ticket's people", .webApp)
struct TicketPeoplePolicyTests {
    @Test(
        "the assigned party's lead names anyone of theirs, its others only take or give up the ticket; a watcher is taken off by themselves or their own lead",
        arguments: [
            // (who acts, what, whom, expected status)
            (Role.practiceManager, "assign", Role.vendorAgent, 403),
            (.practiceAdmin, "assign", .vendorAgent, 403),
            (.vendorAgent, "assign", .vendorLead, 403),
            (.vendorAgent, "assign", .vendorAgent, 200),
            (.vendorLead, "assign", .vendorAgent, 200),
            (.vendorLead, "assign", .practiceManager, 422),
            (.vendorAgent, "unwatch", .practiceStaff, 403),
            (.vendorLead, "unwatch", .practiceStaff, 403),
            (.practiceStaff, "unwatch", .practiceStaff, 200),
            (.practiceManager, "unwatch", .practiceStaff, 200),
            (.vendorLead, "unwatch", .vendorAgent, 200),
        ])
    func policy(actor: Role, action: String, subject: Role, expected: UInt) async throws {
        let app = try TestDatabase.app
        let parties = try await APIParties.make()
        let engagement = try await EngagementAPITests.engage(parties)
        let ticket = try await TicketAPITests.open(parties, engagement: engagement, priority: "high")
        let person = try #require(parties.callers[subject]).user.id
        for watcher in [Role.practiceStaff, .vendorAgent] {
            let id = try #require(parties.callers[watcher]).user.id
            try await app.testing().test(
                .POST, "/api/v1/tickets/\(ticket)/watchers", headers: parties[.practiceManager],
                body: ByteBuffer(string: #"{"userId":"\#(id)"}"#)
            ) { response in
                #expect(response.status == .ok)
            }
        }
        let (method, path, body): (HTTPMethod, String, String) =
            action == "assign"
            ? (.POST, "/api/v1/tickets/\(ticket)/assignee", #"{"userId":"\#(person)"}"#)
            : (.DELETE, "/api/v1/tickets/\(ticket)/watchers/\(person)", "")
        try await app.testing().test(method, path, headers: parties[actor], body: ByteBuffer(string: body)) { response in
            #expect(response.status.code == expected, "\(response.body.string)")
        }
    }
}

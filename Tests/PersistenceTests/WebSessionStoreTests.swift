import Domain
import Foundation
import Persistence
import SightlineTestSupport
import Testing

@Suite("Browser sessions", .database)
struct WebSessionStoreTests {
    static let start = Date(timeIntervalSince1970: 1_790_000_000)

    /// A whole sign-in: the password, then the second step (its code is checked by `MFAStore`).
    static func signedIn(_ email: String, now: Date = start) async throws -> StartedSession {
        let store = WebSessionStore(try TestDatabase.app.db)
        let halfway = try #require(
            try await store.signIn(email: email, password: "a long enough password", hasher: .fastForTests, now: now))
        return try await store.completeSecondStep(halfway.session, now: now)
    }

    @Test("sign-in needs the right password; every sign-in is a new session with its own anti-forgery token")
    func signIn() async throws {
        let db = try TestDatabase.app.db
        let parties = try await TestParties.make()
        let store = WebSessionStore(db)
        let email = parties[.practiceManager].user.email.value
        #expect(try await store.signIn(email: email, password: "not the password", hasher: .fastForTests, now: Self.start) == nil)
        #expect(
            try await store.signIn(
                email: "nobody@nowhere.example", password: "a long enough password", hasher: .fastForTests, now: Self.start) == nil)
        let first = try #require(
            try await store.signIn(email: email.uppercased(), password: "a long enough password", hasher: .fastForTests, now: Self.start))
        let second = try #require(
            try await store.signIn(email: email, password: "a long enough password", hasher: .fastForTests, now: Self.start))
        #expect(first.secret != second.secret)
        #expect(first.session.id != second.session.id)
        #expect(first.session.csrfToken != second.session.csrfToken)
        // Past its password, a session opens no page: it is good for the second step only, for ten minutes.
        #expect(try await store.authenticate(secret: first.secret, now: Self.start) == nil)
        #expect(
            try await store.pending(secret: first.secret, now: Self.start.addingTimeInterval(9 * 60))?.caller == parties[.practiceManager])
        #expect(try await store.pending(secret: first.secret, now: Self.start.addingTimeInterval(11 * 60)) == nil)
        await #expect(throws: StoreError.self) {
            _ = try await store.completeSecondStep(first.session, now: Self.start.addingTimeInterval(11 * 60))
        }
        let signedIn = try await store.completeSecondStep(second.session, now: Self.start)
        #expect(signedIn.session.id != second.session.id && signedIn.secret != second.secret)
        #expect(try await store.authenticate(secret: signedIn.secret, now: Self.start)?.caller == parties[.practiceManager])
        #expect(try await store.authenticate(secret: signedIn.secret + "x", now: Self.start) == nil)
        // The half-way session ended with it, and cannot be completed twice.
        #expect(try await store.pending(secret: second.secret, now: Self.start) == nil)
        await #expect(throws: StoreError.self) { _ = try await store.completeSecondStep(second.session, now: Self.start) }
    }

    @Test(
        "a session ends after 30 idle minutes, 12 hours after sign-in, on sign-out, and when its user is deactivated",
        arguments: [
            ([29], true), ([31], false), ([25, 50], true), ([25, 56], false),
            (Array(stride(from: 20, through: 700, by: 20)), true), (Array(stride(from: 20, through: 740, by: 20)), false),
        ] as [([Int], Bool)])
    func timeouts(minutes: [Int], alive: Bool) async throws {
        let db = try TestDatabase.app.db
        let parties = try await TestParties.make()
        let store = WebSessionStore(db)
        let started = try await Self.signedIn(parties[.vendorAgent].user.email.value)
        var last: WebSession?
        for minute in minutes {
            last = try await store.authenticate(secret: started.secret, now: Self.start.addingTimeInterval(Double(minute) * 60))
        }
        #expect((last != nil) == alive)
    }

    @Test("sign-out and deactivation end the session at once")
    func endings() async throws {
        let db = try TestDatabase.app.db
        let parties = try await TestParties.make()
        let store = WebSessionStore(db)
        let email = parties[.vendorLead].user.email
        let signedOut = try await Self.signedIn(email.value)
        #expect(try await store.authenticate(secret: signedOut.secret, now: Self.start) != nil)
        try await store.signOut(signedOut.session.id, now: Self.start)
        #expect(try await store.authenticate(secret: signedOut.secret, now: Self.start) == nil)
        let other = try await Self.signedIn(email.value)
        #expect(try await store.authenticate(secret: other.secret, now: Self.start) != nil)
        try await UserStore(db).deactivate(email: email, now: Self.start)
        #expect(try await store.authenticate(secret: other.secret, now: Self.start) == nil)
        #expect(
            try await store.signIn(email: email.value, password: "a long enough password", hasher: .fastForTests, now: Self.start) == nil)
    }
}

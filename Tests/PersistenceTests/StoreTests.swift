import Domain
import Foundation
import Persistence
import SightlineTestSupport
import Testing

@Suite("Organisations, users and tokens in the database", .database)
struct StoreTests {
    func practice(_ name: String = "Riverbend Family Medicine") async throws -> Organization {
        let practice = try Organization.validated(name: name, kind: .practice, timeZone: "America/Chicago")
        return try await OrganizationStore(TestDatabase.app.db).create(practice)
    }

    func vendor() async throws -> Organization {
        let vendor = try Organization.validated(name: "Northgate Revenue Partners", kind: .vendor, timeZone: "America/New_York")
        return try await OrganizationStore(TestDatabase.app.db).create(vendor)
    }

    @Test("an organisation reads back as it was stored")
    func roundTrip() async throws {
        let stored = try await practice()
        let found = try await OrganizationStore(TestDatabase.app.db).find(stored.id)
        #expect(found == stored)
    }

    @Test("a user is created in an organisation of the matching kind")
    func createUser() async throws {
        let db = try TestDatabase.app.db
        let org = try await practice()
        let user = try await UserStore(db).create(
            organizationID: org.id, email: EmailAddress("Manager@Riverbend.example"), role: .practiceManager,
            password: "a long enough password", hasher: .fastForTests)
        #expect(user.email.value == "manager@riverbend.example")
        #expect(try await UserStore(db).find(email: EmailAddress("manager@riverbend.example")) == user)
        #expect(try await UserStore(db).list(organizationID: org.id) == [user])
    }

    @Test("a vendor role in a practice is refused and nothing is stored")
    func roleMismatch() async throws {
        let db = try TestDatabase.app.db
        let org = try await practice()
        await #expect(throws: RoleError.wrongOrganizationKind(role: .vendorAgent, organizationKind: .practice)) {
            try await UserStore(db).create(
                organizationID: org.id, email: EmailAddress("agent@x.example"),
                role: .vendorAgent, password: "a long enough password", hasher: .fastForTests)
        }
        #expect(try await UserStore(db).count() == 0)
    }

    @Test("one e-mail address signs in one person only, across organisations")
    func emailUnique() async throws {
        let db = try TestDatabase.app.db
        let org = try await practice()
        let other = try await vendor()
        try await UserStore(db).create(
            organizationID: org.id, email: EmailAddress("pat@x.example"), role: .practiceStaff,
            password: "a long enough password", hasher: .fastForTests)
        await #expect(throws: StoreError.emailTaken("pat@x.example")) {
            try await UserStore(db).create(
                organizationID: other.id, email: EmailAddress("PAT@x.example"), role: .vendorLead,
                password: "a long enough password", hasher: .fastForTests)
        }
    }

    @Test("a user for a missing organisation is refused")
    func missingOrganization() async throws {
        let db = try TestDatabase.app.db
        let missing = Organization.ID()
        await #expect(throws: StoreError.organizationNotFound(missing.description)) {
            try await UserStore(db).create(
                organizationID: missing, email: EmailAddress("a@b.example"), role: .practiceStaff,
                password: "a long enough password", hasher: .fastForTests)
        }
    }

    @Test("passwords are stored as bcrypt hashes that verify")
    func hashing() throws {
        let hash = try BcryptHasher.fastForTests.hash("a long enough password")
        #expect(hash.hasPrefix("$2"))
        #expect(!hash.contains("a long enough password"))
        #expect(BcryptHasher.fastForTests.verify("a long enough password", against: hash))
        #expect(!BcryptHasher.fastForTests.verify("another password!!", against: hash))
        #expect(!BcryptHasher.fastForTests.verify("x", against: "not a hash"))
    }

    @Test("a token authenticates its user until it expires")
    func tokens() async throws {
        let db = try TestDatabase.app.db
        let org = try await practice()
        let email = try EmailAddress("owner@riverbend.example")
        let user = try await UserStore(db).create(
            organizationID: org.id, email: email, role: .practiceAdmin,
            password: "a long enough password", hasher: .fastForTests)
        let now = Date(timeIntervalSince1970: 1_790_000_000)
        let token = try await APITokenStore(db).issue(for: email, lifetime: TokenLifetime(parsing: "1h"), now: now)
        #expect(token.secret.hasPrefix("sl_"))
        #expect(token.expiresAt == now.addingTimeInterval(3_600))
        let caller = try await APITokenStore(db).authenticate(secret: token.secret, now: now.addingTimeInterval(60))
        #expect(caller?.caller == Caller(user: user, organization: org))
        #expect(caller?.scopes == [.read])
        #expect(try await APITokenStore(db).authenticate(secret: token.secret, now: now.addingTimeInterval(3_600)) == nil)
        #expect(try await APITokenStore(db).authenticate(secret: token.secret + "x", now: now) == nil)
        #expect(try await APITokenStore(db).authenticate(secret: "", now: now) == nil)
    }

    @Test("two tokens are never the same, and neither is stored in clear")
    func tokenSecrecy() async throws {
        let db = try TestDatabase.app.db
        let org = try await practice()
        let email = try EmailAddress("owner@riverbend.example")
        try await UserStore(db).create(
            organizationID: org.id, email: email, role: .practiceAdmin,
            password: "a long enough password", hasher: .fastForTests)
        let first = try await APITokenStore(db).issue(for: email, lifetime: .standard, now: Date())
        let second = try await APITokenStore(db).issue(for: email, lifetime: .standard, now: Date())
        #expect(first.secret != second.secret)
        #expect(first.secret.count >= 40)
        let stored = try await TestDatabase.app.db.sqlRows("SELECT token_hash FROM api_tokens")
        #expect(stored.count == 2)
        #expect(!stored.contains(first.secret) && !stored.contains(second.secret))
    }

    @Test("a token for an unknown address is refused")
    func tokenUnknownUser() async throws {
        let db = try TestDatabase.app.db
        await #expect(throws: StoreError.userNotFound(email: "nobody@x.example")) {
            try await APITokenStore(db).issue(for: EmailAddress("nobody@x.example"), lifetime: .standard, now: Date())
        }
    }

    @Test("the practice a command acts on: the only one, the one named, or a request to choose")
    func resolvePractice() async throws {
        let store = try OrganizationStore(TestDatabase.app.db)
        #expect(try await store.resolvePractice(nil) == nil)
        let first = try await practice("Alpha Clinic")
        _ = try await vendor()
        #expect(try await store.resolvePractice(nil) == first)
        let second = try await practice("Beta Clinic")
        await #expect(throws: StoreError.self) { try await store.resolvePractice(nil) }
        #expect(try await store.resolvePractice(second.id) == second)
        let missing = Organization.ID()
        await #expect(throws: StoreError.organizationNotFound(missing.description)) { try await store.resolvePractice(missing) }
    }
}

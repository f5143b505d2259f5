import Domain
import Foundation
import Persistence
import SightlineTestSupport
import Testing
import Vapor
import Web

extension Trait where Self == DatabaseTrait {
    /// A fresh database per test with the whole web application configured on it.
    static var webApp: Self {
        DatabaseTrait { app, target, searchPath in
            try SightlineApp.configure(
                app, configuration: SightlineConfiguration(database: target), searchPath: searchPath, hasher: .fastForTests,
                connectionsPerEventLoop: TestDatabase.connectionsPerEventLoop)
        }
    }
}

/// Creates a practice with an admin and returns a bearer header for them.
func signedInPracticeAdmin(
    email: String = "owner@riverbend.example", practice: String = "Riverbend Family Medicine"
) async throws -> (HTTPHeaders, Organization) {
    let db = try TestDatabase.app.db
    let organization = try await OrganizationStore(db).create(
        Organization.validated(name: practice, kind: .practice, timeZone: "America/Chicago"))
    let address = try EmailAddress(email)
    try await UserStore(db).create(
        organizationID: organization.id, email: address, role: .practiceAdmin,
        password: "a long enough password", hasher: .fastForTests)
    let token = try await APITokenStore(db).issue(for: address, lifetime: .standard, scopes: Set(TokenScope.allCases), now: Date())
    var headers = HTTPHeaders()
    headers.bearerAuthorization = BearerAuthorization(token: token.secret)
    return (headers, organization)
}

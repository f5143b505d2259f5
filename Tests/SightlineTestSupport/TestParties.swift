import Domain
import Foundation
import Persistence

/// A practice and a vendor with one user of every role, for tests of anything both parties share.
public struct TestParties: Sendable {
    public let practice: Organization
    public let vendor: Organization
    /// Each role's user, acting for its organisation.
    public let callers: [Role: Caller]

    /// Creates both organisations and one user per role (password "a long enough password").
    public static func make(
        practiceName: String = "Riverbend Family Medicine", vendorName: String = "Acme Billing"
    ) async throws -> TestParties {
        let db = try TestDatabase.app.db
        let practice = try await OrganizationStore(db).create(
            Organization.validated(name: practiceName, kind: .practice, timeZone: "America/Chicago"))
        let vendor = try await OrganizationStore(db).create(
            Organization.validated(name: vendorName, kind: .vendor, timeZone: "America/New_York"))
        var callers: [Role: Caller] = [:]
        for role in Role.allCases {
            let organization = role.organizationKind == .practice ? practice : vendor
            let address =
                "\(role.rawValue.replacingOccurrences(of: "_", with: "-"))@\(organization.name.lowercased().filter(\.isLetter)).example"
            let user = try await UserStore(db).create(
                organizationID: organization.id, email: try EmailAddress(address), role: role,
                password: "a long enough password", hasher: .fastForTests)
            callers[role] = Caller(user: user, organization: organization)
        }
        return TestParties(practice: practice, vendor: vendor, callers: callers)
    }

    /// An engagement between the two on the medical-billing template, stored directly (no
    /// invitation), its contract signed on `signedOn` (a draft without it).
    public func engagement(signedOn: CalendarDate?) async throws -> Engagement {
        try await EngagementStore(try TestDatabase.app.db).create(
            practice: practice.id, vendor: vendor.id, template: .medicalBilling, signedOn: signedOn, now: Date())
    }

    /// An engagement between the two, made as the app makes one: the practice's administrator
    /// invites the vendor's lead, who accepts (confirming `signedOn`, the day the practice says the
    /// agreement was signed outside Sightline; without it the contract is a draft).
    public func engage(signedOn: CalendarDate? = nil, now: Date = Date()) async throws -> Engagement {
        let store = InvitationStore(try TestDatabase.app.db)
        let invitation = try await store.invite(
            self[.vendorLead].user.email, signedOn: signedOn, template: .medicalBilling, by: self[.practiceAdmin], now: now)
        return try await store.accept(invitation.id, confirmsSignedOn: signedOn != nil, by: self[.vendorLead], now: now)
    }

    /// The caller of `role`.
    public subscript(_ role: Role) -> Caller {
        guard let caller = callers[role] else { preconditionFailure("every role has a caller") }
        return caller
    }
}

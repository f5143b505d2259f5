import Domain
import FluentKit
import Persistence

/// A believable shared workspace for a newcomer: a practice, its billing vendor and one person
/// per role. Later capabilities add their own demo data here.
public enum DemoWorkspace {
    /// A demo account and the password it was given (shown once, never stored in clear).
    public struct Account: Sendable, Equatable {
        /// Sign-in address.
        public let email: EmailAddress
        /// Role held.
        public let role: Role
        /// Organisation name.
        public let organizationName: String
        /// Generated password.
        public let password: String
    }

    /// What the demo created.
    public struct Result: Sendable {
        /// The practice.
        public let practice: Organization
        /// The vendor.
        public let vendor: Organization
        /// One account per role.
        public let accounts: [Account]
    }

    /// Seeds an empty database in one transaction; returns `nil` (and writes nothing) when
    /// the database already holds organisations, so real data is never mixed with demo data.
    /// - Parameter randomIndex: a uniform random index below its argument, from a secure source.
    public static func seed(
        on database: any Database, hasher: BcryptHasher, randomIndex: @escaping @Sendable (Int) -> Int
    ) async throws -> Result? {
        try await database.atomically { transaction in
            guard try await OrganizationStore(transaction).isEmpty() else { return nil }
            let practice = try Organization.validated(
                name: "Riverbend Family Medicine", kind: .practice, timeZone: "America/Chicago")
            let vendor = try Organization.validated(
                name: "Northgate Revenue Partners", kind: .vendor, timeZone: "America/New_York")
            try await OrganizationStore(transaction).create(practice)
            try await OrganizationStore(transaction).create(vendor)
            let people: [(String, Role, Organization)] = [
                ("owner@riverbend.example", .practiceAdmin, practice),
                ("manager@riverbend.example", .practiceManager, practice),
                ("frontdesk@riverbend.example", .practiceStaff, practice),
                ("compliance@riverbend.example", .complianceAuditor, practice),
                ("lead@northgate.example", .vendorLead, vendor),
                ("agent@northgate.example", .vendorAgent, vendor),
            ]
            var accounts: [Account] = []
            for (address, role, organization) in people {
                let email = try EmailAddress(address)
                let password = PasswordPolicy.generate(randomIndex: randomIndex)
                try await UserStore(transaction).create(
                    organizationID: organization.id, email: email, role: role, password: password, hasher: hasher)
                accounts.append(Account(email: email, role: role, organizationName: organization.name, password: password))
            }
            return Result(practice: practice, vendor: vendor, accounts: accounts)
        }
    }
}

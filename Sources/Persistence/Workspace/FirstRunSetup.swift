import Domain
import FluentKit

/// The first practice and its administrator, created from the web's first-run page.
public enum FirstRunSetup {
    /// Creates the practice and its admin in one transaction, refusing once any organisation exists.
    public static func perform(
        on database: any Database, practiceName: String, timeZone: String, adminEmail: String, password: String,
        hasher: BcryptHasher
    ) async throws -> (Organization, User) {
        let practice = try Organization.validated(name: practiceName, kind: .practice, timeZone: timeZone)
        let email = try EmailAddress(adminEmail)
        try PasswordPolicy.validate(password)
        return try await database.atomically { transaction in
            guard try await OrganizationStore(transaction).isEmpty() else { throw StoreError.alreadySetUp }
            try await OrganizationStore(transaction).create(practice)
            let admin = try await UserStore(transaction).create(
                organizationID: practice.id, email: email, role: .practiceAdmin, password: password, hasher: hasher)
            return (practice, admin)
        }
    }
}

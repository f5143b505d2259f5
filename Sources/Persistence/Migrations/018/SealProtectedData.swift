import FluentKit

/// Patient identifiers and authenticator secrets stored before they were encrypted are sealed
/// under the data key now. Needs the process's data keys (``DataProtection``).
struct SealProtectedData: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await DataResealer(keys: try DataProtection.ring).reseal(on: database)
    }

    /// Sealed values stay sealed: the code that reads them opens them whatever the schema.
    func revert(on database: any Database) async throws {}
}

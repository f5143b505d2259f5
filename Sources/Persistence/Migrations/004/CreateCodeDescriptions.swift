import FluentKit

/// Descriptions of CARC and RARC codes, loaded from a file the user supplies: the official texts
/// are X12's, so Sightline ships codes and its own categories only.
struct CreateCodeDescriptions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("code_descriptions")
            .field("code_set", .string, .required)
            .field("code", .string, .required)
            .field("description", .string, .required)
            .unique(on: "code_set", "code", name: "uq_code_descriptions")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("code_descriptions").delete()
    }
}

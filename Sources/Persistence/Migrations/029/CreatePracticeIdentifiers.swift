import FluentKit

/// The NPIs and TINs a practice bills under: a billing file whose billing provider or payee
/// carries none of them is refused. Each row says where it came from: added by a person, or
/// learned from the first file imported while the practice had none.
struct CreatePracticeIdentifiers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("practice_identifiers")
            .id()
            .field("practice_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("value", .string, .required)
            .field("origin", .string, .required)
            .field("file_id", .uuid, .references("billing_files", "id", onDelete: .setNull))
            .field("file_name", .string)
            .field("added_by", .uuid)
            .field("added_at", .datetime, .required)
            .unique(on: "practice_id", "kind", "value")
            .create()
        try await RowSecurity.protect(["practice_identifiers"], on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema("practice_identifiers").delete()
    }
}

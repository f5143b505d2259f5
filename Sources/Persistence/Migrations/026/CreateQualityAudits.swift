import FluentKit
import SQLKit

/// Quality audits: the sample drawn and each claim's review, kept whole as JSON. Under the tenant
/// wall on PostgreSQL.
struct CreateQualityAudits: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("quality_audits")
            .id()
            .field("practice_id", .uuid, .required)
            .field("engagement_id", .uuid, .required, .references("engagements", "id", onDelete: .cascade))
            .field("number", .int, .required)
            .field("document", .string, .required)
            .field("status", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "engagement_id", "number")
            .create()
        try await RowSecurity.protect(["quality_audits"], on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema("quality_audits").delete()
    }
}

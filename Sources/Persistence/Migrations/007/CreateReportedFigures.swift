import FluentKit

/// Creates `reported_figures`: the monthly figures a vendor reports, kept beside Sightline's own.
struct CreateReportedFigures: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("reported_figures")
            .id()
            .field("practice_id", .uuid, .required)
            .field("engagement_id", .uuid, .required, .references("engagements", "id", onDelete: .cascade))
            .field("month", .string, .required)
            .field("figure", .string, .required)
            .field("value", .double, .required)
            .field("reported_by", .uuid, .required, .references("users", "id", onDelete: .restrict))
            .field("reported_at", .datetime, .required)
            .unique(on: "engagement_id", "month", "figure", name: "uq_reported_figures")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("reported_figures").delete()
    }
}

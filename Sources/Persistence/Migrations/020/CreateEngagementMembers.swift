import FluentKit
import Foundation
import SQLKit

/// Which of a vendor's people work on which engagement: a vendor person sees an engagement only
/// while an active membership says so. The team at signing is in from the start; later joiners
/// are requested by the vendor's lead and approved by the practice. Engagements made before this
/// migration keep their vendor's people as they were.
struct CreateEngagementMembers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("engagement_members")
            .id()
            .field("engagement_id", .uuid, .required, .references("engagements", "id", onDelete: .cascade))
            .field("practice_id", .uuid, .required)
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("status", .string, .required)
            .field("reason", .string, .required)
            .field("requested_by", .uuid)
            .field("requested_at", .datetime, .required)
            .field("decided_by", .uuid)
            .field("decided_at", .datetime)
            .field("note", .string)
            .create()
        try await IndexBillingTables.create(
            [
                ("ix_engagement_members_user", "engagement_members", ["user_id", "engagement_id"]),
                ("ix_engagement_members_engagement", "engagement_members", ["engagement_id"]),
            ], on: database)
        try await database.transaction { transaction in try await Self.backfill(on: transaction) }
    }

    /// Every active person of each engagement's vendor is on it, as before memberships were kept.
    static func backfill(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        let engagements = try await sql.select().column("id").column("practice_id").column("vendor_id").from("engagements").all()
        for engagement in engagements {
            let id = try engagement.decode(column: "id", as: UUID.self)
            let practice = try engagement.decode(column: "practice_id", as: UUID.self)
            let vendor = try engagement.decode(column: "vendor_id", as: UUID.self)
            for user in try await sql.select().column("id").from("users").where("organization_id", .equal, SQLBind(vendor))
                .where("deactivated_at", .is, SQLLiteral.null).all()
            {
                try await sql.insert(into: "engagement_members")
                    .columns("id", "engagement_id", "practice_id", "user_id", "status", "reason", "requested_at")
                    .values(
                        SQLBind(UUID()), SQLBind(id), SQLBind(practice), SQLBind(try user.decode(column: "id", as: UUID.self)),
                        SQLBind("active"), SQLBind("on the engagement before memberships were kept"), SQLBind(Date())
                    )
                    .run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("engagement_members").delete()
    }
}

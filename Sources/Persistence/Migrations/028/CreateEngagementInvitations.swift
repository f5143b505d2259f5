import FluentKit
import SQLKit

/// A practice's invitations to vendors: engaging a vendor is an invitation its lead accepts or
/// refuses before any of its people or data are involved. `vendor_id` is set only when the
/// address belongs to an active vendor lead; the practice never reads it before acceptance.
struct CreateEngagementInvitations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("engagement_invitations")
            .id()
            .field("practice_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("email", .string, .required)
            .field("vendor_id", .uuid, .references("organizations", "id", onDelete: .setNull))
            .field("status", .string, .required)
            .field("signed_on", .string)
            .field("template", .string, .required)
            .field("invited_by", .uuid, .required)
            .field("invited_at", .datetime, .required)
            .field("decided_by", .uuid)
            .field("decided_at", .datetime)
            .field("reason", .string)
            .field("engagement_id", .uuid, .references("engagements", "id", onDelete: .setNull))
            .create()
        try await IndexBillingTables.create(
            [
                ("ix_engagement_invitations_practice", "engagement_invitations", ["practice_id", "status"]),
                ("ix_engagement_invitations_vendor", "engagement_invitations", ["vendor_id", "status"]),
            ], on: database)
        try await Self.protect(on: database)
    }

    /// The tenant wall on PostgreSQL. Unlike the practice tables of ``RowSecurity/protect(_:on:)``,
    /// whose vendor side follows the engagements, a vendor must see the invitations addressed to
    /// it before any engagement exists: the rule is the engagements table's own (practice or vendor).
    /// Raw SQL behind the dialect check, as migration 023's policies are.
    static func protect(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        let rule = "\(RowSecurity.unscoped) OR practice_id = \(RowSecurity.organization) OR vendor_id = \(RowSecurity.organization)"
        try await sql.raw("ALTER TABLE engagement_invitations ENABLE ROW LEVEL SECURITY").run()
        try await sql.raw("ALTER TABLE engagement_invitations FORCE ROW LEVEL SECURITY").run()
        try await sql.raw("DROP POLICY IF EXISTS tenant_wall ON engagement_invitations").run()
        try await sql.raw("CREATE POLICY tenant_wall ON engagement_invitations USING (\(unsafeRaw: rule)) WITH CHECK (\(unsafeRaw: rule))")
            .run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("engagement_invitations").delete()
    }
}

import FluentKit
import Foundation
import SQLKit

/// The PostgreSQL side of the tenant walls. Each signed-in request runs on one connection of its
/// own with `sightline.organization` set to the caller's organisation and, when the connected
/// role may, as the non-owner role `sightline_app`: row-level security then answers only that
/// organisation's rows, whatever the query asks, and `sightline_app` can neither change the
/// policies nor edit the audit trail. On SQLite the body simply runs.
public enum RowSecurity {
    /// The role requests run as: no login, owns nothing, not exempt from row-level security.
    public static let role = "sightline_app"

    /// Tables holding one practice's data when migration 023 ran, each with a `practice_id`, under the policy; the
    /// engagements table has its own (practice or vendor). The audit trail is guarded otherwise
    /// (append-only, no update or delete for anyone).
    static let tablesAt023 = [
        "engagements", "adjudications", "billing_files", "break_glass_grants", "change_request_comments", "change_requests",
        "claim_acknowledgments", "claim_submissions", "contract_versions", "engagement_members", "escalation_firings", "import_log",
        "kpi_balances", "kpi_balance_totals", "kpi_causes", "kpi_daily", "kpi_labels", "kpi_lags", "mail_outbox", "notifications",
        "patient_identities",
        "patient_payments", "period_closes", "points_of_contact", "provider_adjustments", "remittances", "reported_figures",
        "service_level_results", "ticket_attachments", "ticket_events", "tickets", "webhook_outbox", "work_records",
        "access_grants", "access_reviews", "access_review_items",
    ]

    /// Every table under the policy: migration 023's, and those later migrations protect as they create them.
    static let practiceTables =
        tablesAt023 + ["pilots"] + CreateGovernance.tables + ["quality_audits", "transition_plans", "practice_identifiers"]

    static let organization = "nullif(current_setting('sightline.organization', true), '')::uuid"
    static let unscoped = "coalesce(current_setting('sightline.organization', true), '') = ''"

    /// Puts tables a later migration creates under the wall, on PostgreSQL (nothing on SQLite).
    static func protect(_ tables: [String], on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        for table in tables { try await protect(table, on: sql) }
    }

    /// Turns the wall on for one table (idempotent).
    static func protect(_ table: String, on sql: any SQLDatabase) async throws {
        let rule =
            table == "engagements"
            ? "\(unscoped) OR practice_id = \(organization) OR vendor_id = \(organization)"
            : "\(unscoped) OR practice_id = \(organization) OR practice_id IN (SELECT e.practice_id FROM engagements e WHERE e.vendor_id = \(organization))"
        try await sql.raw("ALTER TABLE \(ident: table) ENABLE ROW LEVEL SECURITY").run()
        try await sql.raw("ALTER TABLE \(ident: table) FORCE ROW LEVEL SECURITY").run()
        // Again after an interrupted run: PostgreSQL's DDL here is not undone with the migration.
        try await sql.raw("DROP POLICY IF EXISTS tenant_wall ON \(ident: table)").run()
        try await sql.raw("CREATE POLICY tenant_wall ON \(ident: table) USING (\(unsafeRaw: rule)) WITH CHECK (\(unsafeRaw: rule))").run()
    }

    /// Run after migrating, each start: makes `sightline_app` when it is missing and the connected
    /// role may make roles, and, when the connected role owns the tables, lets it read and write
    /// them (never update, delete or truncate the audit trail, nor change the record of migrations). Answers whether requests can run
    /// as `sightline_app`; when they cannot, `reason` says why, for the start-up log.
    public static func prepare(on database: any Database) async throws -> (usable: Bool, reason: String?) {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" else { return (false, nil) }
        let me = try await sql.raw(
            """
            SELECT r.rolcreaterole OR r.rolsuper AS may_create,
                   EXISTS (SELECT 1 FROM pg_roles WHERE rolname = \(bind: role)) AS role_exists,
                   EXISTS (SELECT 1 FROM pg_tables t WHERE t.schemaname = current_schema() AND t.tablename = 'tickets' AND t.tableowner = current_user) OR r.rolsuper AS owns
            FROM pg_roles r WHERE r.rolname = current_user
            """
        ).first()
        let mayCreate = try me?.decode(column: "may_create", as: Bool.self) ?? false
        var exists = try me?.decode(column: "role_exists", as: Bool.self) ?? false
        let owns = try me?.decode(column: "owns", as: Bool.self) ?? false
        if !exists, mayCreate {
            // Two servers (or test schemas) starting at once may both try: the loser finds it made.
            try await sql.raw(
                """
                DO $$ BEGIN CREATE ROLE \(unsafeRaw: role) NOLOGIN;
                EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$
                """
            ).run()
            exists = true
        }
        guard exists else {
            return (
                false,
                "role \(role) does not exist and the connected role may not create it; run CREATE ROLE \(role) NOLOGIN as an administrator"
            )
        }
        if owns {
            try await sql.raw(
                """
                DO $$ BEGIN
                EXECUTE format('GRANT USAGE ON SCHEMA %I TO \(unsafeRaw: role)', current_schema());
                EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO \(unsafeRaw: role)', current_schema());
                END $$
                """
            ).run()
            try await sql.raw("REVOKE UPDATE, DELETE, TRUNCATE ON audit_records FROM \(unsafeRaw: role)").run()
            // Serving reads which migrations ran; only the owner migrates.
            try await sql.raw("REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON _fluent_migrations FROM \(unsafeRaw: role)").run()
        }
        let member =
            try await sql.raw("SELECT pg_has_role(current_user, \(bind: role), 'MEMBER') AS member").first()?.decode(
                column: "member", as: Bool.self) ?? false
        return member ? (true, nil) : (false, "the connected role is not a member of \(role): GRANT \(role) TO the role in DATABASE_URL")
    }

    /// Runs `body` on one connection scoped to `organization` (as `sightline_app` when `asRole`),
    /// then clears both before the connection goes back to the pool.
    public static func within<T: Sendable>(
        _ database: any Database, organization: UUID, asRole: Bool, _ body: @escaping @Sendable (any Database) async throws -> T
    ) async throws -> T {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" else { return try await body(database) }
        // Fluent may run the closure on another task: the request's audit actor and keys go with it.
        let actor = AuditActor.current, keys = DataProtection.override
        let body: @Sendable (any Database) async throws -> T = { connection in
            try await AuditActor.$current.withValue(actor) {
                try await DataProtection.$override.withValue(keys) { try await body(connection) }
            }
        }
        return try await database.withConnection { connection in
            guard let pinned = connection as? any SQLDatabase else { return try await body(connection) }
            try await pinned.raw("SELECT set_config('sightline.organization', \(bind: organization.uuidString.lowercased()), false)").run()
            do {
                if asRole { try await pinned.raw("SET ROLE \(unsafeRaw: role)").run() }
                let result = try await body(connection)
                try await clear(pinned)
                return result
            } catch {
                try? await clear(pinned)
                throw error
            }
        }
    }

    private static func clear(_ sql: any SQLDatabase) async throws {
        try await sql.raw("RESET ROLE").run()
        try await sql.raw("SELECT set_config('sightline.organization', '', false)").run()
    }
}

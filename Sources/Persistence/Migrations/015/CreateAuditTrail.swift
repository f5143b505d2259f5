import FluentKit
import SQLKit

/// The audit trail: `audit_records`, append-only and hash-chained, and `audit_head`, the one row
/// that numbers and links the next record (writers take turns on it). The database itself refuses
/// to change or remove a record: triggers on SQLite and PostgreSQL, and on PostgreSQL no role but
/// the owner holds UPDATE, DELETE or TRUNCATE on the table. Whoever gets round those is still
/// caught by `sightline audit verify`.
struct CreateAuditTrail: AsyncMigration {
    static let indexes: [(name: String, table: String, columns: [String])] = [
        ("ix_audit_records_at", "audit_records", ["at"]),
        ("ix_audit_records_user", "audit_records", ["user_id", "at"]),
        ("ix_audit_records_claim", "audit_records", ["claim", "at"]),
        ("ix_audit_records_patient", "audit_records", ["patient", "at"]),
        ("ix_audit_records_practice", "audit_records", ["practice_id", "sequence"]),
    ]

    func prepare(on database: any Database) async throws {
        try await database.schema("audit_records")
            .field("sequence", .int64, .required)
            .field("at", .datetime, .required)
            .field("user_id", .uuid)
            .field("organization_id", .uuid)
            .field("practice_id", .uuid)
            .field("role", .string)
            .field("action", .string, .required)
            .field("object", .string)
            .field("patient", .string)
            .field("claim", .string)
            .field("address", .string)
            .field("request_id", .string)
            .field("outcome", .string, .required)
            .field("severity", .string, .required)
            .field("detail", .string)
            .field("previous_hash", .string, .required)
            .field("hash", .string, .required)
            .unique(on: "sequence", name: "uq_audit_records_sequence")
            .create()
        try await database.schema("audit_head")
            .field("id", .int, .required)
            .field("sequence", .int64, .required)
            .field("hash", .string, .required)
            .unique(on: "id", name: "uq_audit_head_id")
            .create()
        try await IndexBillingTables.create(Self.indexes, on: database)
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("INSERT INTO audit_head (id, sequence, hash) VALUES (1, 0, \(bind: String(repeating: "0", count: 64)))").run()
        if sql.dialect.name == "postgresql" {
            try await sql.raw(
                """
                CREATE FUNCTION sightline_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'audit records are append-only'; END $$
                """
            ).run()
            try await sql.raw(
                "CREATE TRIGGER audit_records_append_only BEFORE UPDATE OR DELETE ON audit_records FOR EACH ROW EXECUTE FUNCTION sightline_audit_append_only()"
            ).run()
            try await sql.raw(
                "CREATE TRIGGER audit_records_no_truncate BEFORE TRUNCATE ON audit_records FOR EACH STATEMENT EXECUTE FUNCTION sightline_audit_append_only()"
            ).run()
            try await sql.raw("REVOKE UPDATE, DELETE, TRUNCATE ON audit_records FROM PUBLIC").run()
        } else {
            for (name, event) in [("audit_records_no_update", "UPDATE"), ("audit_records_no_delete", "DELETE")] {
                try await sql.raw(
                    "CREATE TRIGGER \(unsafeRaw: name) BEFORE \(unsafeRaw: event) ON audit_records BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END"
                ).run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_head").delete()
        try await database.schema("audit_records").delete()
        if let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" {
            try await sql.raw("DROP FUNCTION IF EXISTS sightline_audit_append_only()").run()
        }
    }
}

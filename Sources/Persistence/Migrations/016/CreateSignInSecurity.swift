import FluentKit

/// What sign-in needs beyond a password: each account's authenticator secret and its recovery
/// codes (hashed), a session's second step, and the failures that throttle guessing.
struct CreateSignInSecurity: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("user_mfa")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("secret", .string, .required)
            .field("created_at", .datetime, .required)
            .field("confirmed_at", .datetime)
            .field("last_counter", .int64, .required)
            .unique(on: "user_id", name: "uq_user_mfa_user")
            .create()
        try await database.schema("recovery_codes")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("code_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .field("used_at", .datetime)
            .unique(on: "code_hash", name: "uq_recovery_codes_hash")
            .create()
        try await IndexBillingTables.create([("ix_recovery_codes_user", "recovery_codes", ["user_id"])], on: database)
        try await database.schema("sign_in_failures")
            .field("key", .string, .required)
            .field("failures", .int, .required)
            .field("last_failure_at", .datetime, .required)
            .field("blocked_until", .datetime)
            .unique(on: "key", name: "uq_sign_in_failures_key")
            .create()
        // A session past its password but not yet its second step: good only for that step, until then.
        try await database.schema("web_sessions").field("second_step_until", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("web_sessions").deleteField("second_step_until").update()
        try await database.schema("sign_in_failures").delete()
        try await database.schema("recovery_codes").delete()
        try await database.schema("user_mfa").delete()
    }
}

import FluentKit
import SQLKit

/// PostgreSQL's row-level security as a second tenant wall behind the application's own checks:
/// every table of a practice's data (and the engagements themselves) answers only the rows of
/// the organisation a request runs for (``RowSecurity``) — its own practice's, or, for a vendor,
/// those of the practices it has engagements with. `FORCE` makes the tables' owner subject to it
/// too. Work with no organisation set (sign-in, background sweeps, the command line) sees every
/// row. SQLite has no such thing: nothing to do there.
struct EnableRowLevelSecurity: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        for table in RowSecurity.tablesAt023 {
            try await RowSecurity.protect(table, on: sql)
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        for table in RowSecurity.tablesAt023 {
            try await sql.raw("DROP POLICY IF EXISTS tenant_wall ON \(ident: table)").run()
            try await sql.raw("ALTER TABLE \(ident: table) NO FORCE ROW LEVEL SECURITY").run()
            try await sql.raw("ALTER TABLE \(ident: table) DISABLE ROW LEVEL SECURITY").run()
        }
    }
}

import Domain
import FluentKit
import Foundation
import Persistence
import SQLKit
import SightlineTestSupport
import Testing
import Vapor

@testable import Web

/// PostgreSQL's row-level security, the second tenant wall: requests run as `sightline_app`, a
/// role that owns nothing, with the caller's organisation set; the tables answer only its rows.
@Suite(
    "Row-level security on PostgreSQL", .webApp, .enabled(if: TestDatabase.isPostgres, "PostgreSQL only: SQLite has no row-level security"))
struct RowSecurityTests {
    /// Two practices, each with an engagement of its own vendor and a ticket on it.
    static func tenants() async throws -> (first: APIParties, second: APIParties) {
        let first = try await APIParties.make()
        let second = try await APIParties.make(practiceName: "Lakeside Pediatrics", vendorName: "Northwind Revenue")
        for parties in [first, second] {
            let engagement = try await parties.engagement(signedOn: CalendarDate("2026-01-01"))
            _ = try await parties.ticketForTheVendor(in: engagement)
        }
        return (first, second)
    }

    /// A statement built as text (the tests' own, with ids only).
    static func raw(_ sql: any SQLDatabase, _ text: String) -> SQLRawBuilder { sql.raw(SQLQueryString(text)) }

    static func count(_ sql: any SQLDatabase, _ table: String, practice: Organization.ID? = nil) async throws -> Int {
        let filter = practice.map { " WHERE practice_id = '\($0.rawValue.uuidString.lowercased())'" } ?? ""
        return try await raw(sql, "SELECT count(*) AS n FROM \(table)\(filter)").first()?.decode(column: "n", as: Int.self) ?? -1
    }

    @Test("every table holding a practice's data is under a forced policy, and requests run as the role it binds")
    func coverage() async throws {
        let app = try TestDatabase.app
        #expect(app.runsRequestsAsRowSecurityRole)
        let sql = try #require(app.db as? any SQLDatabase)
        let unprotected = try await sql.raw(
            """
            SELECT c.table_name AS name FROM information_schema.columns c JOIN pg_class k ON k.relname = c.table_name
            JOIN pg_namespace n ON n.oid = k.relnamespace AND n.nspname = c.table_schema
            WHERE c.table_schema = current_schema() AND c.column_name = 'practice_id' AND c.table_name <> 'audit_records'
              AND NOT (k.relrowsecurity AND k.relforcerowsecurity AND EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = k.oid))
            """
        ).all().map { try $0.decode(column: "name", as: String.self) }
        #expect(unprotected.isEmpty, "tables of practice data without the wall: \(unprotected)")
    }

    @Test(
        "as one practice, or its vendor, the tables answer only that practice's rows; another practice's rows cannot be written, the policies cannot be turned off, and the audit trail cannot be edited"
    )
    func wall() async throws {
        let app = try TestDatabase.app
        let (first, second) = try await Self.tenants()
        let system = try #require(app.db as? any SQLDatabase)
        for table in ["engagements", "tickets", "ticket_events", "contract_versions", "engagement_members"] {
            #expect(try await Self.count(system, table, practice: second.practice.id) > 0, "\(table): the other practice has rows")
        }
        for organization in [first.practice.id, first.vendor.id] {
            let problems = try await RowSecurity.within(app.db, organization: organization.rawValue, asRole: true) { database -> [String] in
                guard let sql = database as? any SQLDatabase else { return ["no SQL"] }
                var problems: [String] = []
                if try await sql.raw("SELECT current_user AS me").first()?.decode(column: "me", as: String.self) != RowSecurity.role {
                    problems.append("not the role")
                }
                for table in ["engagements", "tickets", "ticket_events", "contract_versions", "engagement_members"] {
                    if try await Self.count(sql, table, practice: second.practice.id) != 0 {
                        problems.append("\(table): sees the other practice")
                    }
                    if try await Self.count(sql, table) != Self.count(sql, table, practice: first.practice.id) {
                        problems.append("\(table): sees rows not of its practice")
                    }
                    if try await Self.count(sql, table, practice: first.practice.id) == 0 {
                        problems.append("\(table): does not see its own practice")
                    }
                }
                if try await !Self.raw(
                    sql,
                    ("UPDATE tickets SET title = 'moved' WHERE practice_id = '\(second.practice.id.rawValue.uuidString.lowercased())' RETURNING id")
                ).all().isEmpty {
                    problems.append("changed the other practice's ticket")
                }
                func mail(_ practice: Organization.ID) -> String {
                    "INSERT INTO mail_outbox (id, practice_id, to_address, subject, body, created_at, attempts, next_attempt_at) VALUES (gen_random_uuid(), '\(practice.rawValue.uuidString.lowercased())', 'a@b.example', 's', 'b', now(), 0, now())"
                }
                do { try await Self.raw(sql, (mail(first.practice.id))).run() } catch {
                    problems.append("could not write its own practice's row: \(String(reflecting: error))")
                }
                for statement in [
                    "ALTER TABLE tickets DISABLE ROW LEVEL SECURITY", "DROP POLICY tenant_wall ON tickets",
                    "UPDATE audit_records SET action = 'edited'", "DELETE FROM audit_records", "TRUNCATE audit_records",
                    "DELETE FROM _fluent_migrations",
                    mail(second.practice.id),
                ] {
                    do {
                        try await Self.raw(sql, (statement)).run()
                        problems.append("allowed: \(statement)")
                    } catch {}
                }
                return problems
            }
            #expect(problems.isEmpty, "as \(organization): \(problems.joined(separator: "; "))")
        }
        // Outside a request nothing is scoped: the sweeps and the command line see every practice.
        #expect(try await Self.count(system, "tickets", practice: second.practice.id) > 0)
    }

    @Test("a signed-in request runs scoped: another practice's engagement is missing to it even when asked for by id")
    func requestScoped() async throws {
        let app = try TestDatabase.app
        let (first, second) = try await Self.tenants()
        let theirs = try await EngagementStore(app.db).list(of: second.practice.id)
        let id = try #require(theirs.first?.id)
        try await app.testing().test(.GET, "/api/v1/engagements/\(id)", headers: first[.practiceAdmin]) { response in
            #expect(response.status == .notFound)
        }
        try await app.testing().test(.GET, "/api/v1/engagements/\(id)", headers: second[.practiceAdmin]) { response in
            #expect(response.status == .ok, "its own practice reads it through the same wall")
        }
    }
}

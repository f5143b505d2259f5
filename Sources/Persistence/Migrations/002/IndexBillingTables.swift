import FluentKit
import SQLKit

/// Indexes for the look-ups KPIs and drill-down make: by practice and claim number.
struct IndexBillingTables: AsyncMigration {
    static let indexes: [(name: String, table: String, columns: [String])] = [
        ("ix_claim_submissions_practice_pcn", "claim_submissions", ["practice_id", "patient_control_number"]),
        ("ix_adjudications_practice_pcn", "adjudications", ["practice_id", "patient_control_number"]),
        ("ix_claim_acknowledgments_practice_pcn", "claim_acknowledgments", ["practice_id", "patient_control_number"]),
        ("ix_patient_payments_practice_pcn", "patient_payments", ["practice_id", "patient_control_number"]),
        ("ix_patient_identities_practice_pcn", "patient_identities", ["practice_id", "patient_control_number"]),
        ("ix_import_log_practice_at", "import_log", ["practice_id", "at"]),
    ]

    func prepare(on database: any Database) async throws { try await Self.create(Self.indexes, on: database) }

    func revert(on database: any Database) async throws { try await Self.drop(Self.indexes, on: database) }

    /// Creates plain indexes (schema builders cannot); shared by the migrations that add them.
    static func create(_ indexes: [(name: String, table: String, columns: [String])], on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for index in indexes {
            var builder = sql.create(index: index.name).on(index.table)
            for column in index.columns { builder = builder.column(column) }
            try await builder.run()
        }
    }

    /// Drops indexes made by ``create(_:on:)``.
    static func drop(_ indexes: [(name: String, table: String, columns: [String])], on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for index in indexes { try await sql.drop(index: index.name).run() }
    }
}

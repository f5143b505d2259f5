import FluentKit
import SQLKit

/// The figures' storage: additive rollups at several grains, kept up to date in the same
/// transaction as each import, so that figures never scan the claims; and the import order of
/// files, which orders a claim's facts of the same day.
struct CreateKPITables: AsyncMigration {
    /// The dimension columns every rollup carries; `*` where a grain does not keep that dimension.
    static let dimensionColumns = ["payer", "location", "provider", "procedure"]

    func prepare(on database: any Database) async throws {
        try await database.schema("billing_files").field("sequence", .int64).update()

        try await rollup("kpi_daily", keys: ["day"], sums: KPIRollupTables.dailyColumns, on: database)
        try await rollup("kpi_causes", keys: ["day", "reason"], sums: ["claims", "charges_cents"], on: database)
        try await rollup("kpi_lags", keys: ["day", "lag_days"], sums: ["claims"], on: database)
        try await rollup("kpi_balances", keys: ["submitted", "day"], sums: ["amount_cents", "open_claims"], on: database)
        // Σ of every change of the claims submitted on a day: balances as of a date D are these
        // totals less the changes dated after D, which are few when D is recent.
        try await rollup("kpi_balance_totals", keys: ["submitted"], sums: ["amount_cents", "open_claims"], on: database)
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "ix_kpi_balances_day").on("kpi_balances").column("practice_id").column("grain").column("day").run()
        }

        try await database.schema("kpi_labels")
            .field("practice_id", .uuid, .required, .references("organizations", "id", onDelete: .restrict))
            .field("dimension", .string, .required)
            .field("key", .string, .required)
            .field("label", .string, .required)
            .unique(on: "practice_id", "dimension", "key", name: "uq_kpi_labels")
            .create()
    }

    private func rollup(_ table: String, keys: [String], sums: [String], on database: any Database) async throws {
        var schema = database.schema(table)
            .field("practice_id", .uuid, .required, .references("organizations", "id", onDelete: .restrict))
            .field("grain", .string, .required)
        for key in keys { schema = schema.field(FieldKey(stringLiteral: key), key == "lag_days" ? .int64 : .string, .required) }
        for dimension in Self.dimensionColumns { schema = schema.field(FieldKey(stringLiteral: dimension), .string, .required) }
        for sum in sums { schema = schema.field(FieldKey(stringLiteral: sum), .int64, .required) }
        let unique = ["practice_id", "grain"] + keys + Self.dimensionColumns
        try await schema.constraint(.constraint(.unique(fields: unique.map { .key(FieldKey(stringLiteral: $0)) }), name: "uq_\(table)"))
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["kpi_labels", "kpi_balance_totals", "kpi_balances", "kpi_lags", "kpi_causes", "kpi_daily"] {
            try await database.schema(table).delete()
        }
        try await database.schema("billing_files").deleteField("sequence").update()
    }
}

import FluentKit
import SQLKit

/// What each API token may be used for (`read,write,import,admin`). Tokens issued before scopes
/// existed keep what they could do: read, write and import.
struct AddTokenScopes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("api_tokens").field("scopes", .string).update()
        if let sql = database as? any SQLDatabase {
            try await sql.update("api_tokens").set("scopes", to: SQLBind("read,write,import")).run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("api_tokens").deleteField("scopes").update()
    }
}

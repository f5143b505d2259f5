import Domain
import FluentKit
import SQLKit

/// Ticket keys people can tell apart across practices: every practice gets a short prefix of its
/// own (its name's initials, a digit added on a collision; unique across the database), and every
/// ticket carries its practice's prefix, so a vendor's queue across practices shows `RFM-1` and
/// `LP-1`, never two `T-1`.
struct AddTicketKeyPrefixes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("organizations").field("ticket_prefix", .string).update()
        try await database.schema("tickets").field("key_prefix", .string).update()
        if let sql = database as? any SQLDatabase {
            // NULLs (vendors) never collide with one another, on SQLite and PostgreSQL alike.
            try await sql.create(index: "ux_organizations_ticket_prefix").unique().on("organizations").column("ticket_prefix").run()
        }
        var taken = Set<String>()
        let practices = try await OrganizationModel.query(on: database).filter(\.$kind == Organization.Kind.practice.rawValue)
            .sort(\.$createdAt).sort(\.$name).all()
        for practice in practices {
            let prefix = TicketKey.unique(TicketKey.suggestedPrefix(forName: practice.name), isTaken: taken.contains)
            taken.insert(prefix)
            practice.ticketPrefix = prefix
            try await practice.update(on: database)
            try await TicketModel.query(on: database).filter(\.$practiceID == practice.id ?? UUID()).set(\.$keyPrefix, to: prefix).update()
        }
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase { try await sql.drop(index: "ux_organizations_ticket_prefix").run() }
        try await database.schema("tickets").deleteField("key_prefix").update()
        try await database.schema("organizations").deleteField("ticket_prefix").update()
    }
}

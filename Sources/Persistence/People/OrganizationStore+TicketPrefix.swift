import Domain
import FluentKit
import Foundation

extension OrganizationStore {
    /// The ticket prefix of a practice (`RFM`); the old `T` for an organisation without one.
    public func ticketPrefix(of practice: Organization.ID) async throws -> String {
        try await OrganizationModel.find(practice.rawValue, on: database)?.ticketPrefix ?? TicketKey.legacyPrefix
    }

    /// Every practice's ticket prefix, by practice.
    public func ticketPrefixes() async throws -> [Organization.ID: String] {
        let rows = try await OrganizationModel.query(on: database).filter(\.$kind == Organization.Kind.practice.rawValue).all()
        return Dictionary(
            rows.compactMap { row in row.id.map { (Organization.ID($0), row.ticketPrefix ?? TicketKey.legacyPrefix) } },
            uniquingKeysWith: { first, _ in first })
    }

    /// The prefix a new practice named `name` gets: its initials, with a digit added when another
    /// practice has them.
    func freeTicketPrefix(for name: String) async throws -> String {
        let taken = Set(try await OrganizationModel.query(on: database).all(\.$ticketPrefix).compactMap { $0 })
        return TicketKey.unique(TicketKey.suggestedPrefix(forName: name), isTaken: taken.contains)
    }

    /// Gives a practice the ticket prefix an administrator chose, and its tickets with it (their
    /// old keys still resolve by number), on the audit trail. Refuses a prefix that is malformed or
    /// another practice's.
    @discardableResult
    public func setTicketPrefix(_ text: String, of practice: Organization.ID, now: Date = Date()) async throws -> String {
        let prefix = try TicketKey.validatedPrefix(text)
        return try await database.atomically { transaction in
            guard let row = try await OrganizationModel.find(practice.rawValue, on: transaction),
                row.kind == Organization.Kind.practice.rawValue
            else {
                throw StoreError.organizationNotFound(practice.description)
            }
            if row.ticketPrefix == prefix { return prefix }
            let holder = try await OrganizationModel.query(on: transaction).filter(\.$ticketPrefix == prefix).first()
            guard holder == nil else { throw TicketKeyError.prefixTaken(prefix) }
            let old = row.ticketPrefix ?? TicketKey.legacyPrefix
            row.ticketPrefix = prefix
            try await row.update(on: transaction)
            try await TicketModel.query(on: transaction).filter(\.$practiceID == practice.rawValue).set(\.$keyPrefix, to: prefix).update()
            try await AuditTrail(transaction).record(
                AuditEntry(
                    "practice.ticket_prefix.changed", practice: practice.rawValue, object: "organization:\(practice.rawValue)",
                    detail: "ticket keys now \(prefix)-n (were \(old)-n)"), at: now)
            return prefix
        }
    }
}

import Domain
import FluentKit
import Foundation

extension TicketStore {
    /// The ticket a path names, among those `caller` may see: its id, its key (`RFM-12`), or an
    /// old key (`T-12`) or bare number, which resolve when exactly one ticket the caller sees
    /// has that number. Anything else answers as a missing ticket, like another tenant's.
    public func resolve(_ text: String, visibleTo caller: Caller) async throws -> Ticket.ID {
        if let id = Ticket.ID(string: text) { return id }
        guard let key = TicketKey.parse(text) else { throw StoreError.notFound(kind: "ticket", id: String(text.prefix(40))) }
        var query = TicketModel.query(on: database).filter(\.$number == key.number)
        let exact = key.prefix.map { $0 != TicketKey.legacyPrefix } ?? false
        if exact, let prefix = key.prefix { query = query.filter(\.$keyPrefix == prefix) }
        var visible: [Ticket] = []
        for row in try await query.limit(50).all() {
            let ticket = try row.domain()
            if (try? await EngagementStore(database).find(ticket.engagementID, visibleTo: caller)) != nil { visible.append(ticket) }
        }
        guard let first = visible.first else { throw StoreError.notFound(kind: "ticket", id: String(text.prefix(40))) }
        guard visible.count == 1 else { throw TicketKeyError.ambiguous(key: text, candidates: visible.map(\.reference).sorted()) }
        return first.id
    }
}

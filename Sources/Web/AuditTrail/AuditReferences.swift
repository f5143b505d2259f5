import Domain
import FluentKit
import Foundation
import Persistence

/// The audit page names what its records point at the way people know it (a person by address,
/// a ticket by its key, an engagement by the other party): records store ids, pages never show them.
struct AuditReferences {
    /// Names by lower-case id.
    var names: [String: String] = [:]

    static var uuid: Regex<Substring> { #/[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}/# }

    /// Names for every id the records mention that the caller may see: people and organisations
    /// of the practice and its vendors, engagements, tickets.
    static func load(for records: [AuditRecord], caller: Caller, on database: any Database) async throws -> AuditReferences {
        var references = AuditReferences()
        let engagements = try await EngagementStore(database).list(visibleTo: caller)
        let organizations = Set([caller.organization.id] + engagements.flatMap { [$0.practiceID, $0.vendorID] })
        for id in organizations {
            guard let organization = try await OrganizationStore(database).find(id) else { continue }
            references.names[id.description.lowercased()] = organization.name
            for user in try await UserStore(database).list(organizationID: id) {
                references.names[user.id.description.lowercased()] = user.email.value
            }
        }
        for engagement in engagements {
            let other = engagement.practiceID == caller.organization.id ? engagement.vendorID : engagement.practiceID
            references.names[engagement.id.description.lowercased()] =
                "the engagement with " + (references.names[other.description.lowercased()] ?? "another party")
        }
        let mentioned = Set(
            records.flatMap { [$0.object ?? "", $0.detail ?? ""] }.flatMap { $0.matches(of: uuid).map { String($0.output).lowercased() } })
        let store = TicketStore(database)
        for id in mentioned where references.names[id] == nil {
            guard let ticketID = Ticket.ID(string: id), let (ticket, _) = try? await store.find(ticketID, visibleTo: caller) else {
                continue
            }
            references.names[id] = ticket.reference
        }
        return references
    }

    /// `text` with every id replaced by its name; an id of something without one here (a change
    /// request, a review) reads as "(id in the export)" — the CSV export keeps every id for tracing.
    func plain(_ text: String) -> String {
        text.replacing(Self.uuid) { match in names[String(match.output).lowercased()] ?? "(id in the export)" }
    }

    /// A record's object (`ticket:ID`) in words: "ticket RFM-12".
    func object(_ text: String) -> String {
        plain(text.replacingOccurrences(of: ":", with: " ").replacingOccurrences(of: "_", with: " "))
    }
}

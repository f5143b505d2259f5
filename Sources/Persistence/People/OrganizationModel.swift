import Domain
import FluentKit
import Foundation

/// Table `organizations`: practices and vendors.
final class OrganizationModel: Model, @unchecked Sendable {
    static let schema = "organizations"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "kind") var kind: String
    @Field(key: "time_zone") var timeZone: String
    /// A practice's ticket prefix (`RFM` in `RFM-12`), unique; `nil` for a vendor.
    @OptionalField(key: "ticket_prefix") var ticketPrefix: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(_ organization: Organization) {
        self.id = organization.id.rawValue
        self.name = organization.name
        self.kind = organization.kind.rawValue
        self.timeZone = organization.timeZone
    }

    /// Maps the row to its Domain value; a row that no longer decodes is a storage fault.
    func domain() throws(StoreError) -> Organization {
        guard let id, let kind = Organization.Kind(rawValue: kind) else {
            throw .corruptRow(table: Self.schema, detail: "organization kind '\(kind)'")
        }
        return Organization(id: .init(id), name: name, kind: kind, timeZone: timeZone)
    }
}

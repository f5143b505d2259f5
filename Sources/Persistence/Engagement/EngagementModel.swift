import Domain
import FluentKit
import Foundation

/// Table `engagements`: a practice's relationship with one vendor.
final class EngagementModel: Model, @unchecked Sendable {
    static let schema = "engagements"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "vendor_id") var vendorID: UUID
    @Field(key: "status") var status: String
    @Field(key: "template") var template: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(_ engagement: Engagement) {
        id = engagement.id.rawValue
        practiceID = engagement.practiceID.rawValue
        vendorID = engagement.vendorID.rawValue
        status = engagement.status.rawValue
        template = engagement.template
        createdAt = engagement.createdAt
    }

    func domain() throws(StoreError) -> Engagement {
        guard let id, let status = Engagement.Status(rawValue: status) else {
            throw .corruptRow(table: Self.schema, detail: "status '\(status)'")
        }
        return Engagement(
            id: .init(id), practiceID: .init(practiceID), vendorID: .init(vendorID), status: status, template: template,
            createdAt: createdAt)
    }
}

/// Table `points_of_contact`: whom each party names for each purpose.
final class PointOfContactModel: Model, @unchecked Sendable {
    static let schema = "points_of_contact"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "engagement_id") var engagementID: UUID
    @Field(key: "party") var party: String
    @Field(key: "purpose") var purpose: String
    @OptionalField(key: "user_id") var userID: UUID?
    @Field(key: "name") var name: String
    @Field(key: "channel") var channel: String
    @Field(key: "address") var address: String
    @Field(key: "hours") var hours: String
    @Field(key: "is_primary") var isPrimary: Bool

    init() {}

    init(_ contact: PointOfContact, practiceID: UUID) {
        id = contact.id.rawValue
        self.practiceID = practiceID
        update(from: contact)
    }

    func update(from contact: PointOfContact) {
        engagementID = contact.engagementID.rawValue
        party = contact.party.rawValue
        purpose = contact.purpose.rawValue
        userID = contact.userID?.rawValue
        name = contact.name
        channel = contact.channel.rawValue
        address = contact.address
        hours = contact.hours
        isPrimary = contact.isPrimary
    }

    func domain() throws(StoreError) -> PointOfContact {
        guard let id, let party = Party(rawValue: party), let purpose = PointOfContact.Purpose(rawValue: purpose),
            let channel = PointOfContact.Channel(rawValue: channel)
        else { throw .corruptRow(table: Self.schema, detail: "party, purpose or channel") }
        return PointOfContact(
            id: .init(id), engagementID: .init(engagementID), party: party, purpose: purpose, userID: userID.map { .init($0) },
            name: name, channel: channel, address: address, hours: hours, isPrimary: isPrimary)
    }
}

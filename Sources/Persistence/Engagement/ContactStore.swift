import Domain
import FluentKit
import Foundation

/// Reads and writes an engagement's points of contact; each party names only its own.
public struct ContactStore: Sendable {
    let database: any Database

    public init(_ database: any Database) { self.database = database }

    /// The engagement's contacts, practice first, by purpose then name.
    public func contacts(of engagement: Engagement.ID) async throws -> [PointOfContact] {
        try await PointOfContactModel.query(on: database).filter(\.$engagementID == engagement.rawValue).all()
            .map { try $0.domain() }
            .sorted { ($0.party, $0.purpose.rawValue, $0.name) < ($1.party, $1.purpose.rawValue, $1.name) }
    }

    /// Adds or replaces a contact of `party`; a new primary contact takes over from the party's previous one.
    public func save(_ contact: PointOfContact, in engagement: Engagement, as party: Party) async throws -> PointOfContact {
        let validated = try contact.validated()
        guard validated.party == party, validated.engagementID == engagement.id else { throw ContactError.otherParty }
        return try await database.atomically { transaction in
            let current = try await ContactStore(transaction).contacts(of: engagement.id)
            let contact = ContactDirectory.settled(validated, among: current)
            if let userID = contact.userID {
                guard let user = try await UserModel.find(userID.rawValue, on: transaction),
                    user.$organization.id == engagement.organization(of: party).rawValue
                else { throw StoreError.notFound(kind: "user", id: userID.description) }
            }
            if contact.isPrimary {
                try await PointOfContactModel.query(on: transaction).filter(\.$engagementID == engagement.id.rawValue)
                    .filter(\.$party == party.rawValue).filter(\.$id != contact.id.rawValue).set(\.$isPrimary, to: false).update()
            }
            if let existing = try await PointOfContactModel.find(contact.id.rawValue, on: transaction) {
                guard existing.engagementID == engagement.id.rawValue else {
                    throw StoreError.notFound(kind: "point of contact", id: contact.id.description)
                }
                guard existing.party == party.rawValue else { throw ContactError.otherParty }
                existing.update(from: contact)
                try await existing.update(on: transaction)
            } else {
                try await PointOfContactModel(contact, practiceID: engagement.practiceID.rawValue).create(on: transaction)
            }
            return contact
        }
    }

    /// Removes one of `party`'s contacts; the party's primary contact stays until another replaces it.
    public func remove(_ id: PointOfContact.ID, in engagement: Engagement, as party: Party) async throws {
        guard let model = try await PointOfContactModel.find(id.rawValue, on: database), model.engagementID == engagement.id.rawValue else {
            throw StoreError.notFound(kind: "point of contact", id: id.description)
        }
        guard model.party == party.rawValue else { throw ContactError.otherParty }
        if model.isPrimary { throw ContactError.lastPrimary }
        try await model.delete(on: database)
    }
}

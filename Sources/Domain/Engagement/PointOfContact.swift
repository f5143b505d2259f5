import Foundation

/// A person a party names for one purpose: a Sightline user or someone outside it.
public struct PointOfContact: Sendable, Equatable, Codable, Identifiable {
    /// Identifies a point of contact.
    public typealias ID = EntityID<PointOfContact>

    /// What the other party reaches this person for.
    public enum Purpose: String, Sendable, Codable, CaseIterable {
        case routine
        case urgent
        case downtime
        case patientConcerns = "patient_concerns"
        case executive

        /// A short human label.
        public var label: String {
            switch self {
            case .routine: "Routine questions"
            case .urgent: "Urgent escalations"
            case .downtime: "System downtime"
            case .patientConcerns: "Patient concerns"
            case .executive: "Executive"
            }
        }
    }

    /// How to reach the person.
    public enum Channel: String, Sendable, Codable, CaseIterable {
        case email, phone, portal, sightline
    }

    public var id: ID
    public var engagementID: Engagement.ID
    public var party: Party
    public var purpose: Purpose
    /// The Sightline user, when the contact has an account.
    public var userID: User.ID?
    /// The person's name (a user's display name, or an external person's).
    public var name: String
    public var channel: Channel
    /// The address, number or queue on that channel.
    public var address: String
    /// When the person answers, in words (`Mon–Fri 08:00–17:00 CT`, `24x7`).
    public var hours: String
    /// The one contact each party designates first.
    public var isPrimary: Bool

    public init(
        id: ID = ID(), engagementID: Engagement.ID, party: Party, purpose: Purpose, userID: User.ID? = nil, name: String,
        channel: Channel, address: String, hours: String, isPrimary: Bool
    ) {
        self.id = id
        self.engagementID = engagementID
        self.party = party
        self.purpose = purpose
        self.userID = userID
        self.name = name
        self.channel = channel
        self.address = address
        self.hours = hours
        self.isPrimary = isPrimary
    }

    /// Checks the fields a person typed.
    public func validated() throws(ContactError) -> PointOfContact {
        var contact = self
        contact.name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        contact.address = address.trimmingCharacters(in: .whitespacesAndNewlines)
        contact.hours = hours.trimmingCharacters(in: .whitespacesAndNewlines)
        if contact.name.isEmpty { throw .missing("name") }
        if contact.address.isEmpty { throw .missing("address") }
        if contact.hours.isEmpty { throw .missing("hours") }
        if contact.name.count > 200 || contact.address.count > 200 || contact.hours.count > 200 { throw .tooLong }
        return contact
    }
}

/// The rule for primary contacts: exactly one per party.
public enum ContactDirectory {
    /// The parties that do not have exactly one primary contact, with how many they have.
    public static func primaryProblems(_ contacts: [PointOfContact]) -> [ContactProblem] {
        Party.allCases.compactMap { party in
            let primaries = contacts.filter { $0.party == party && $0.isPrimary }.count
            return primaries == 1 ? nil : ContactProblem(party: party, primaryContacts: primaries)
        }
    }

    /// The contact as it must be stored among `contacts` so that a party with contacts always has
    /// exactly one primary: a party's first contact becomes its primary, and a primary stays
    /// primary until another contact is made primary in its place.
    public static func settled(_ contact: PointOfContact, among contacts: [PointOfContact]) -> PointOfContact {
        var contact = contact
        let others = contacts.filter { $0.party == contact.party && $0.id != contact.id }
        if !others.contains(where: \.isPrimary) { contact.isPrimary = true }
        return contact
    }

    /// The contacts after `contact` is added or replaced: a new primary takes the place of the
    /// party's previous primary, so there is never more than one, and never none.
    public static func upserting(_ contact: PointOfContact, into contacts: [PointOfContact]) -> [PointOfContact] {
        let contact = settled(contact, among: contacts)
        var result = contacts.filter { $0.id != contact.id }
        if contact.isPrimary {
            for index in result.indices where result[index].party == contact.party { result[index].isPrimary = false }
        }
        result.append(contact)
        return result
    }
}

/// A party without exactly one primary contact.
public struct ContactProblem: Sendable, Equatable, Codable {
    public var party: Party
    public var primaryContacts: Int

    public init(party: Party, primaryContacts: Int) {
        self.party = party
        self.primaryContacts = primaryContacts
    }

    /// The problem in words.
    public var message: String {
        primaryContacts == 0
            ? "the \(party.rawValue) has no primary contact"
            : "the \(party.rawValue) has \(primaryContacts) primary contacts; exactly one is allowed"
    }
}

/// Why a point of contact was refused.
public enum ContactError: Error, Equatable, Sendable, CustomStringConvertible {
    case missing(String)
    case tooLong
    /// Each party names only its own contacts.
    case otherParty
    /// Removing the party's only primary contact would leave it without one.
    case lastPrimary

    public var description: String {
        switch self {
        case .missing(let field): "\(field) is required"
        case .tooLong: "name, address and hours are at most 200 characters each"
        case .otherParty: "each party names only its own points of contact"
        case .lastPrimary: "this is the party's primary contact; make another contact primary first"
        }
    }
}

extension ContactError: CataloguedError {
    public var failureKind: FailureKind {
        switch self {
        case .otherParty: .forbidden
        case .lastPrimary: .conflict
        case .missing, .tooLong: .invalid
        }
    }
}

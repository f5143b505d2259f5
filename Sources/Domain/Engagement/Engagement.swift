import Foundation

/// A practice's working relationship with one vendor: the frame the contract, contacts, change
/// requests and tickets hang from.
public struct Engagement: Sendable, Equatable, Codable, Identifiable {
    /// Identifies an engagement.
    public typealias ID = EntityID<Engagement>

    /// Where the relationship stands.
    public enum Status: String, Sendable, Codable, CaseIterable {
        /// The contract is a draft both parties have not yet accepted.
        case draft
        /// A contract version is in force.
        case active
        /// The relationship has ended; its record stays.
        case ended
    }

    public var id: ID
    /// The practice that outsources the work.
    public var practiceID: Organization.ID
    /// The vendor doing it.
    public var vendorID: Organization.ID
    public var status: Status
    /// The template the first contract version started from.
    public var template: String
    public var createdAt: Date

    public init(id: ID = ID(), practiceID: Organization.ID, vendorID: Organization.ID, status: Status, template: String, createdAt: Date) {
        self.id = id
        self.practiceID = practiceID
        self.vendorID = vendorID
        self.status = status
        self.template = template
        self.createdAt = createdAt
    }

    /// The organisation acting for `party`.
    public func organization(of party: Party) -> Organization.ID { party == .practice ? practiceID : vendorID }

    /// The party `organization` is in this engagement, or `nil` when it is neither.
    public func party(of organization: Organization.ID) -> Party? {
        if organization == practiceID { return .practice }
        if organization == vendorID { return .vendor }
        return nil
    }
}

/// Why an engagement could not be created or used.
public enum EngagementError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The organisation named as the practice is a vendor, or the other way round.
    case wrongKind(role: Party, organization: String)
    /// The practice already has an engagement with this vendor that has not ended.
    case alreadyEngaged(practice: String, vendor: String)
    /// No template has this name.
    case unknownTemplate(String)

    public var description: String {
        switch self {
        case .wrongKind(let role, let organization): "organisation \(organization) is not a \(role.rawValue)"
        case .alreadyEngaged(let practice, let vendor):
            "practice \(practice) already has an engagement with vendor \(vendor) that has not ended"
        case .unknownTemplate(let name):
            "'\(name)' is not a contract template; templates are \(ContractTemplate.allCases.map(\.rawValue).joined(separator: ", "))"
        }
    }
}

extension EngagementError: CataloguedError {
    public var failureKind: FailureKind {
        if case .alreadyEngaged = self { return .conflict }
        return .invalid
    }
}

import Foundation

/// One entry of an engagement's risk register: what could go wrong with the outsourcing, how
/// likely and how bad, who owns it, how it is being reduced, and when it is looked at again.
public struct Risk: Sendable, Equatable, Codable, Identifiable {
    public typealias ID = EntityID<Risk>

    public enum Category: String, Sendable, Codable, CaseIterable {
        case financial, legal, commercial, operational, privacy
    }

    public enum Status: String, Sendable, Codable, CaseIterable {
        case open, closed
    }

    /// High, medium or low, from likelihood × impact (each 1 to 5).
    public enum Level: String, Sendable, Codable, Comparable {
        case low, medium, high

        public init(score: Int) {
            self = score >= 15 ? .high : score >= 6 ? .medium : .low
        }

        public static func < (lhs: Level, rhs: Level) -> Bool {
            let order: [Level] = [.low, .medium, .high]
            return order.firstIndex(of: lhs) ?? 0 < order.firstIndex(of: rhs) ?? 0
        }
    }

    public var id: ID
    public var engagementID: Engagement.ID
    /// 1, 2, 3, … per engagement (`R-3`).
    public var number: Int
    public var title: String
    public var category: Category
    public var likelihood: Int
    public var impact: Int
    public var ownerEmail: String
    public var mitigation: String
    public var reviewOn: CalendarDate
    public var status: Status
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: ID = ID(), engagementID: Engagement.ID, number: Int, title: String, category: Category, likelihood: Int, impact: Int,
        ownerEmail: String, mitigation: String, reviewOn: CalendarDate, status: Status = .open, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.engagementID = engagementID
        self.number = number
        self.title = title
        self.category = category
        self.likelihood = likelihood
        self.impact = impact
        self.ownerEmail = ownerEmail
        self.mitigation = mitigation
        self.reviewOn = reviewOn
        self.status = status
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public var reference: String { "R-\(number)" }
    public var score: Int { likelihood * impact }
    public var level: Level { Level(score: score) }

    /// Checks what a person may write: a title, ratings from 1 to 5, a mitigation plan.
    public func validate() throws(GovernanceError) {
        let trimmed = title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 200 else { throw .field("title", "a title of at most 200 characters") }
        guard (1...5).contains(likelihood) else { throw .field("likelihood", "from 1 (rare) to 5 (almost certain)") }
        guard (1...5).contains(impact) else { throw .field("impact", "from 1 (minor) to 5 (severe)") }
        guard mitigation.count <= 2_000 else { throw .field("mitigation", "at most 2,000 characters") }
    }
}

/// Why a governance record was refused.
public enum GovernanceError: Error, Equatable, Sendable, CustomStringConvertible {
    case field(String, String)
    case notAllowed(Role, String)
    case closed(String)
    /// The change cannot be made as things stand (the text says why).
    case conflict(String)

    public var field: String? {
        if case .field(let name, _) = self { return name }
        return nil
    }

    public var description: String {
        switch self {
        case .field(let name, let reason): "\(name): \(reason)"
        case .notAllowed(let role, let action): role.mayNot(action)
        case .closed(let what): "\(what) is closed already"
        case .conflict(let why): why
        }
    }
}

extension GovernanceError: CataloguedError {
    public var failureKind: FailureKind {
        switch self {
        case .notAllowed: .forbidden
        case .closed, .conflict: .conflict
        case .field: .invalid
        }
    }
}

import Foundation

/// One entry in a ticket's history. Every change to a ticket is one; clocks, reports and the
/// history page are all read from them.
public struct TicketEvent: Sendable, Equatable, Codable {
    /// What happened.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case opened, status, message, priority, category, assignee, link, escalation, watcher, attachment
    }

    /// Who sees a message: both parties, or only the author's organisation.
    public enum Visibility: String, Sendable, Codable, CaseIterable {
        case `public`, `internal`
    }

    /// 1, 2, 3, … per ticket.
    public var sequence: Int
    public var at: Date
    public var kind: Kind
    /// The person who acted; `nil` when Sightline did (an escalation by the sweeper).
    public var actor: User.ID?
    /// The party the actor acts for.
    public var party: Party?
    public var visibility: Visibility
    /// What changed: `status`, `reason`, `body`, `priority`, `category`, `level`, `clock`, …
    public var data: [String: String]

    public init(
        sequence: Int, at: Date, kind: Kind, actor: User.ID?, party: Party?, visibility: Visibility = .public, data: [String: String] = [:]
    ) {
        self.sequence = sequence
        self.at = at
        self.kind = kind
        self.actor = actor
        self.party = party
        self.visibility = visibility
        self.data = data
    }

    /// What the clocks need of this event, if anything (internal notes never count).
    public var clockEvent: TicketClockEvent? {
        switch kind {
        case .status: data["status"].flatMap(Ticket.Status.init(rawValue:)).map { TicketClockEvent(at: at, kind: .status($0)) }
        case .message: visibility == .public ? party.map { TicketClockEvent(at: at, kind: .publicMessage(by: $0)) } : nil
        case .priority: data["priority"].flatMap(TicketPriority.init(rawValue:)).map { TicketClockEvent(at: at, kind: .priority($0)) }
        case .category: data["category"].map { TicketClockEvent(at: at, kind: .category($0)) }
        case .opened, .assignee, .link, .escalation, .watcher, .attachment: nil
        }
    }
}

/// The moves a ticket's status may make; reopening a resolved or closed ticket is allowed and recorded.
public enum TicketWorkflow {
    /// Whether `from` may become `to`.
    public static func allows(from: Ticket.Status, to: Ticket.Status) -> Bool {
        guard from != to else { return false }
        switch from {
        case .open, .inProgress, .waitingOnRequester: return true
        case .resolved: return to == .closed || to == .open || to == .inProgress
        case .closed: return to == .open
        }
    }
}

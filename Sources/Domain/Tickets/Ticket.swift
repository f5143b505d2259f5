import Foundation

/// An issue or request between the parties of an engagement (the issue log).
public struct Ticket: Sendable, Equatable, Codable, Identifiable {
    /// Identifies a ticket.
    public typealias ID = EntityID<Ticket>

    /// What a ticket is about.
    public enum Category: String, Sendable, Codable, CaseIterable {
        case claimError = "claim_error"
        case patientConcern = "patient_concern"
        case accessIssue = "access_issue"
        case payerDeadline = "payer_deadline"
        case reportingError = "reporting_error"
        case processGap = "process_gap"
        case systemDowntime = "system_downtime"
        case requestForAction = "request_for_action"
        case documentationNeeded = "documentation_needed"
        /// Opened by Sightline when a KPI target is missed for a period.
        case serviceLevelMiss = "service_level_miss"
        case other
    }

    /// Where a ticket stands.
    public enum Status: String, Sendable, Codable, CaseIterable {
        case open
        case inProgress = "in_progress"
        case waitingOnRequester = "waiting_on_requester"
        case resolved, closed
    }

    public var id: ID
    public var engagementID: Engagement.ID
    /// 1, 2, 3, … per engagement.
    public var number: Int
    public var category: Category
    public var priority: TicketPriority
    public var title: String
    public var detail: String
    public var status: Status
    /// The party that raised it.
    public var requester: Party
    /// The party that owes the work.
    public var assignedParty: Party
    /// The grid task the work belongs to, when known.
    public var gridTask: String?
    /// The person who opened it; `nil` when Sightline did.
    public var openedBy: User.ID?
    public var openedAt: Date
    /// Where the facts behind the ticket are (a figures query, a claim), for tickets Sightline opens.
    public var evidence: [String: String]
    /// The person of the assigned party who works it, once someone is named.
    public var assignee: User.ID?
    /// The contract version whose response policy and escalation ladder were frozen with the ticket.
    public var contractVersion: Int?

    public init(
        id: ID = ID(), engagementID: Engagement.ID, number: Int, category: Category, priority: TicketPriority, title: String,
        detail: String, status: Status = .open, requester: Party, assignedParty: Party, gridTask: String?, openedBy: User.ID?,
        openedAt: Date, evidence: [String: String] = [:]
    ) {
        self.id = id
        self.engagementID = engagementID
        self.number = number
        self.category = category
        self.priority = priority
        self.title = title
        self.detail = detail
        self.status = status
        self.requester = requester
        self.assignedParty = assignedParty
        self.gridTask = gridTask
        self.openedBy = openedBy
        self.openedAt = openedAt
        self.evidence = evidence
    }

    /// The practice's ticket prefix when the ticket was read (``TicketKey``); `T` for tickets
    /// from before practices had one.
    public var keyPrefix: String = TicketKey.legacyPrefix

    /// `RFM-12`: the practice's prefix and the ticket's number, unique across practices.
    public var reference: String { "\(keyPrefix)-\(number)" }
}

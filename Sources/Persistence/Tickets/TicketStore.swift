import Domain
import FluentKit
import Foundation
import SQLKit

/// What a person files in the issue log.
public struct TicketDraft: Sendable, Equatable {
    public var category: Ticket.Category
    public var priority: TicketPriority
    public var title: String
    public var detail: String
    public var assignedParty: Party
    public var gridTask: String?

    public init(category: Ticket.Category, priority: TicketPriority, title: String, detail: String, assignedParty: Party, gridTask: String?)
    {
        self.category = category
        self.priority = priority
        self.title = title
        self.detail = detail
        self.assignedParty = assignedParty
        self.gridTask = gridTask
    }
}

/// Opens and lists tickets of an engagement.
public struct TicketStore: Sendable {
    let database: any Database

    public init(_ database: any Database) { self.database = database }

    /// Files a ticket from a person of either party.
    public func open(_ draft: TicketDraft, in engagement: Engagement, by caller: Caller, now: Date) async throws -> Ticket {
        let title = draft.title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty, title.count <= 200 else { throw TicketError.badTitle }
        guard draft.category != .serviceLevelMiss else { throw TicketError.reservedCategory }
        if let task = draft.gridTask, !task.isEmpty {
            let versions = try await EngagementStore(database).versions(of: engagement.id)
            guard versions.last?.contract.grid.task(task) != nil else { throw TicketError.unknownTask(task) }
        }
        return try await insert(
            engagement: engagement, category: draft.category, priority: draft.priority, title: title, detail: draft.detail,
            requester: caller.user.role.party, assignedParty: draft.assignedParty,
            gridTask: draft.gridTask.flatMap { $0.isEmpty ? nil : $0 },
            openedBy: caller.user.id, now: now, evidence: [:], dedupeKey: nil)
    }

    /// Inserts a ticket with the engagement's next number. With `dedupeKey`, returns the ticket
    /// already opened under that key instead of opening a second one.
    func insert(
        engagement: Engagement, category: Ticket.Category, priority: TicketPriority, title: String, detail: String, requester: Party,
        assignedParty: Party, gridTask: String?, openedBy: User.ID?, now: Date, evidence: [String: String], dedupeKey: String?
    ) async throws -> Ticket {
        try await database.atomically { transaction in
            // The engagement's row is taken for writing first, so two tickets opened at once are
            // numbered one after the other instead of colliding on a number.
            try await TicketStore(transaction).sql.update(EngagementModel.schema).set(SQLColumn("id"), to: SQLColumn("id"))
                .where("id", .equal, SQLBind(engagement.id.rawValue)).run()
            if let dedupeKey,
                let existing = try await TicketModel.query(on: transaction)
                    .filter(\.$engagementID == engagement.id.rawValue).filter(\.$dedupeKey == dedupeKey).first()
            {
                return try existing.domain()
            }
            let last = try await TicketModel.query(on: transaction).filter(\.$engagementID == engagement.id.rawValue).max(\.$number) ?? 0
            var ticket = Ticket(
                engagementID: engagement.id, number: last + 1, category: category, priority: priority, title: title, detail: detail,
                requester: requester, assignedParty: assignedParty, gridTask: gridTask, openedBy: openedBy, openedAt: now,
                evidence: evidence)
            // The policy in force when the ticket opened is frozen with it (SLA.md "Policies").
            let versions = try await EngagementStore(transaction).versions(of: engagement.id)
            let today = try await EngagementStore(transaction).today(for: engagement, now: now)
            ticket.contractVersion = (ContractVersion.inForce(on: today, among: versions) ?? versions.last)?.number
            ticket.keyPrefix = try await OrganizationStore(transaction).ticketPrefix(of: engagement.practiceID)
            let row = try TicketModel(ticket, practiceID: engagement.practiceID.rawValue, dedupeKey: dedupeKey)
            row.requesterUserID = openedBy?.rawValue
            try await row.create(on: transaction)
            _ = try await TicketStore(transaction).append(
                .opened, to: ticket, practiceID: engagement.practiceID, at: now, actor: openedBy, party: requester, organization: nil,
                data: ["category": category.rawValue, "priority": priority.rawValue, "assignedParty": assignedParty.rawValue])
            return ticket
        }
    }

    /// The engagement's tickets, newest first, optionally only those opened in `[from, to)`.
    public func list(in engagement: Engagement.ID, openedFrom from: Date? = nil, before to: Date? = nil) async throws -> [Ticket] {
        var query = TicketModel.query(on: database).filter(\.$engagementID == engagement.rawValue)
        if let from { query = query.filter(\.$openedAt >= from) }
        if let to { query = query.filter(\.$openedAt < to) }
        return try await query.sort(\.$openedAt, .descending).sort(\.$number, .descending).all().map { try $0.domain() }
    }
}

/// Why a ticket was refused.
public enum TicketError: Error, Equatable, Sendable, CustomStringConvertible {
    case badTitle
    /// `service_level_miss` tickets are opened by Sightline when a period closes.
    case reservedCategory
    /// The grid task does not exist in the contract.
    case unknownTask(String)
    /// A message needs text.
    case badMessage
    /// The workflow does not allow this status change.
    case badTransition(from: Ticket.Status, to: Ticket.Status)
    /// A manual escalation says why.
    case reasonRequired
    /// The ladder has no such level.
    case unknownLevel(String, known: [String])
    /// A link names neither another ticket of the engagement nor a claim.
    case badLink

    public var description: String {
        switch self {
        case .badTitle: "a ticket needs a title of at most 200 characters"
        case .reservedCategory: "service_level_miss tickets are opened by Sightline when a month closes"
        case .unknownTask(let task): "the contract has no task '\(task)'"
        case .badMessage: "a message needs text of at most 20,000 characters"
        case .badTransition(let from, let to): "a ticket that is \(from.rawValue) cannot become \(to.rawValue)"
        case .reasonRequired: "an escalation needs a reason"
        case .badLink: "a link names another ticket of the same engagement, or a claim (its patient control number)"
        case .unknownLevel(let level, let known): "'\(level)' is not a level of the escalation ladder (\(known.joined(separator: ", ")))"
        }
    }
}

extension TicketError: CataloguedError {
    public var failureKind: FailureKind {
        if case .badTransition = self { return .conflict }
        return .invalid
    }
}

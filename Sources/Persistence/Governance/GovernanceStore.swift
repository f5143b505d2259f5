import Domain
import FluentKit
import Foundation

/// The engagement's governance: its risk register, its reviews (agenda generated from the
/// period, minutes), and the actions reviews end in, which carry forward until done.
public struct GovernanceStore: Sendable {
    let database: any Database

    public init(_ database: any Database) { self.database = database }

    static func require(_ caller: Caller, to action: String) throws(GovernanceError) {
        guard Policy.allows(caller.user.role, .keepGovernance) else { throw .notAllowed(caller.user.role, action) }
    }

    /// Someone of either party to the engagement, by e-mail (an owner of a risk or an action).
    public func party(_ email: String, of engagement: Engagement, field: String) async throws -> String {
        let address = try? EmailAddress(email)
        guard let address, let user = try await UserStore(database).find(email: address),
            user.organizationID == engagement.practiceID || user.organizationID == engagement.vendorID
        else { throw GovernanceError.field(field, "'\(email)' is nobody of the practice or the vendor") }
        return user.email.value
    }

    // MARK: Risks

    public func risks(in engagement: Engagement.ID) async throws -> [Risk] {
        try await RiskModel.query(on: database).filter(\.$engagementID == engagement.rawValue).sort(\.$number).all().map { try $0.domain() }
    }

    /// Adds a risk; the number follows the engagement's last.
    public func addRisk(_ draft: Risk, in engagement: Engagement, by caller: Caller, now: Date) async throws -> Risk {
        try Self.require(caller, to: "keep the risk register")
        var risk = draft
        risk.title = draft.title.trimmingCharacters(in: .whitespacesAndNewlines)
        risk.ownerEmail = try await party(draft.ownerEmail, of: engagement, field: "owner")
        try risk.validate()
        let checked = risk
        return try await database.atomically { transaction in
            var risk = checked
            let last = try await RiskModel.query(on: transaction).filter(\.$engagementID == engagement.id.rawValue).sort(
                \.$number, .descending
            ).first()
            risk.id = Risk.ID()
            risk.engagementID = engagement.id
            risk.number = (last?.number ?? 0) + 1
            risk.status = .open
            risk.createdAt = now
            risk.updatedAt = now
            try await RiskModel(risk, practiceID: engagement.practiceID.rawValue).create(on: transaction)
            try await AuditTrail(transaction).record(
                AuditEntry(
                    "risk.create", practice: engagement.practiceID.rawValue, object: "risk:\(risk.id)",
                    detail: "\(risk.reference) \(risk.category.rawValue) \(risk.likelihood)×\(risk.impact): \(risk.title.prefix(120))"),
                at: now)
            return risk
        }
    }

    /// One risk the caller may see, with its engagement; another organisation's answers as missing.
    public func risk(_ id: Risk.ID, visibleTo caller: Caller) async throws -> (Risk, Engagement) {
        guard let row = try await RiskModel.find(id.rawValue, on: database) else {
            throw StoreError.notFound(kind: "risk", id: id.description)
        }
        let engagement = try await EngagementStore(database).owning(row.engagementID, of: "risk", id: id.description, visibleTo: caller)
        return (try row.domain(), engagement)
    }

    /// Re-rates, re-plans or closes a risk.
    public func updateRisk(
        _ id: Risk.ID, in engagement: Engagement, by caller: Caller, now: Date, change: @escaping @Sendable (inout Risk) -> Void
    ) async throws -> Risk {
        try Self.require(caller, to: "keep the risk register")
        return try await database.atomically { transaction in
            guard let row = try await RiskModel.find(id.rawValue, on: transaction), row.engagementID == engagement.id.rawValue else {
                throw StoreError.notFound(kind: "risk", id: id.description)
            }
            var risk = try row.domain()
            change(&risk)
            risk.updatedAt = now
            try risk.validate()
            row.copy(risk)
            try await row.update(on: transaction)
            try await AuditTrail(transaction).record(
                AuditEntry(
                    "risk.update", practice: engagement.practiceID.rawValue, object: "risk:\(id)",
                    detail: "\(risk.reference) \(risk.likelihood)×\(risk.impact) \(risk.status.rawValue), review \(risk.reviewOn)"), at: now
            )
            return risk
        }
    }

    // MARK: Reviews

    public func reviews(in engagement: Engagement.ID) async throws -> [GovernanceReview] {
        try await GovernanceReviewModel.query(on: database).filter(\.$engagementID == engagement.rawValue).sort(\.$number, .descending)
            .all().map { try $0.domain() }
    }

    /// One review the caller may see, with its engagement; another organisation's answers as missing.
    public func review(_ id: GovernanceReview.ID, visibleTo caller: Caller) async throws -> (GovernanceReview, Engagement) {
        guard let row = try await GovernanceReviewModel.find(id.rawValue, on: database) else {
            throw StoreError.notFound(kind: "review", id: id.description)
        }
        let engagement = try await EngagementStore(database).owning(row.engagementID, of: "review", id: id.description, visibleTo: caller)
        return (try row.domain(), engagement)
    }

    /// Schedules a review on `day` over the period the contract's cadence gives, with its agenda
    /// generated now from that period and `free` items added.
    public func schedule(
        on day: CalendarDate, in engagement: Engagement, free: [String], by caller: Caller, now: Date
    ) async throws -> GovernanceReview {
        try Self.require(caller, to: "schedule governance reviews")
        let versions = try await EngagementStore(database).versions(of: engagement.id)
        let cadence = ContractVersion.inForce(on: day, among: versions)?.contract.governance.reviewCadence ?? .monthly
        guard let period = GovernanceReview.period(before: day, cadence: cadence) else {
            throw GovernanceError.field("scheduledOn", "not a day a review can look back from")
        }
        let items = free.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        guard items.allSatisfy({ $0.count <= 500 }) else { throw GovernanceError.field("free", "each item at most 500 characters") }
        var sources = try await agendaSources(engagement, from: period.from, to: period.to, now: now)
        sources.free = items
        let zone = try await OrganizationStore(database).find(engagement.practiceID)?.timeZone ?? "UTC"
        let today = CalendarDate.on(now, in: zone) ?? day
        let agenda = sources.agenda(periodEnd: period.to, today: today)
        return try await database.atomically { transaction in
            let last = try await GovernanceReviewModel.query(on: transaction).filter(\.$engagementID == engagement.id.rawValue).sort(
                \.$number, .descending
            ).first()
            let review = GovernanceReview(
                engagementID: engagement.id, number: (last?.number ?? 0) + 1, periodFrom: period.from, periodTo: period.to,
                scheduledOn: day, agenda: agenda, createdAt: now)
            try await GovernanceReviewModel(review, practiceID: engagement.practiceID.rawValue).create(on: transaction)
            try await AuditTrail(transaction).record(
                AuditEntry(
                    "review.schedule", practice: engagement.practiceID.rawValue, object: "review:\(review.id)",
                    detail: "review \(review.number) on \(day) over \(period.from) to \(period.to), \(agenda.count) agenda items"), at: now)
            return review
        }
    }

    /// Records the minutes: who attended, what was decided, notes; the review is then held.
    public func recordMinutes(
        _ id: GovernanceReview.ID, attendees: [String], decisions: [String], notes: String, by caller: Caller, now: Date
    ) async throws
        -> GovernanceReview
    {
        try Self.require(caller, to: "minute governance reviews")
        let (_, engagement) = try await review(id, visibleTo: caller)
        let people = attendees.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let decided = decisions.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !people.isEmpty else { throw GovernanceError.field("attendees", "name who attended") }
        guard people.count <= 50, people.allSatisfy({ $0.count <= 200 }) else {
            throw GovernanceError.field("attendees", "at most 50, each at most 200 characters")
        }
        guard decided.count <= 100, decided.allSatisfy({ $0.count <= 1_000 }) else {
            throw GovernanceError.field("decisions", "at most 100, each at most 1,000 characters")
        }
        guard notes.count <= 20_000 else { throw GovernanceError.field("notes", "at most 20,000 characters") }
        return try await database.atomically { transaction in
            guard let row = try await GovernanceReviewModel.find(id.rawValue, on: transaction) else {
                throw StoreError.notFound(kind: "review", id: id.description)
            }
            var review = try row.domain()
            review.status = .held
            review.attendees = people
            review.decisions = decided
            review.notes = notes
            try row.copy(review)
            try await row.update(on: transaction)
            try await AuditTrail(transaction).record(
                AuditEntry(
                    "review.minutes", practice: engagement.practiceID.rawValue, object: "review:\(id)",
                    detail: "\(people.count) attended, \(decided.count) decisions"), at: now)
            return review
        }
    }

    // MARK: Actions

    /// The engagement's actions: open ones first (by due day), then done ones.
    public func actions(in engagement: Engagement.ID) async throws -> [ReviewAction] {
        try await ReviewActionModel.query(on: database).filter(\.$engagementID == engagement.rawValue).all().map { try $0.domain() }
            .sorted { ($0.status == .open ? 0 : 1, $0.dueOn, $0.number) < ($1.status == .open ? 0 : 1, $1.dueOn, $1.number) }
    }

    /// An action a review ends in.
    public func addAction(
        to reviewID: GovernanceReview.ID, title: String, owner: String, dueOn: CalendarDate, linksTo: String, by caller: Caller,
        now: Date
    ) async throws -> ReviewAction {
        try Self.require(caller, to: "assign review actions")
        let (_, engagement) = try await review(reviewID, visibleTo: caller)
        let ownerEmail = try await party(owner, of: engagement, field: "owner")
        let action = ReviewAction(
            engagementID: engagement.id, reviewID: reviewID, number: 0, title: title.trimmingCharacters(in: .whitespacesAndNewlines),
            ownerEmail: ownerEmail, dueOn: dueOn, linksTo: linksTo.trimmingCharacters(in: .whitespacesAndNewlines), createdAt: now)
        try action.validate()
        let checked = action
        return try await database.atomically { transaction in
            var action = checked
            let last = try await ReviewActionModel.query(on: transaction).filter(\.$engagementID == engagement.id.rawValue).sort(
                \.$number, .descending
            ).first()
            action.number = (last?.number ?? 0) + 1
            try await ReviewActionModel(action, practiceID: engagement.practiceID.rawValue).create(on: transaction)
            try await AuditTrail(transaction).record(
                AuditEntry(
                    "review.action", practice: engagement.practiceID.rawValue, object: "action:\(action.id)",
                    detail: "\(action.reference) for \(ownerEmail), due \(dueOn): \(action.title.prefix(120))"), at: now)
            return action
        }
    }

    /// Marks an action done with a note of what was done.
    public func completeAction(_ id: ReviewAction.ID, note: String, by caller: Caller, now: Date) async throws -> ReviewAction {
        try Self.require(caller, to: "close review actions")
        guard let row = try await ReviewActionModel.find(id.rawValue, on: database) else {
            throw StoreError.notFound(kind: "action", id: id.description)
        }
        let engagement = try await EngagementStore(database).owning(row.engagementID, of: "action", id: id.description, visibleTo: caller)
        let text = note.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text.count <= 1_000 else {
            throw GovernanceError.field("note", "say what was done, in at most 1,000 characters")
        }
        return try await database.atomically { transaction in
            guard let row = try await ReviewActionModel.find(id.rawValue, on: transaction) else {
                throw StoreError.notFound(kind: "action", id: id.description)
            }
            guard row.status == ReviewAction.Status.open.rawValue else { throw GovernanceError.closed("action A-\(row.number)") }
            row.status = ReviewAction.Status.done.rawValue
            row.doneAt = now
            row.doneNote = text
            try await row.update(on: transaction)
            if let ticket = row.ticketID {
                // The overdue ticket the action opened is done with it.
                _ = try? await TicketStore(transaction).setStatus(
                    .init(ticket), to: .resolved, reason: "action A-\(row.number) done: \(text.prefix(200))", by: caller, now: now)
            }
            try await AuditTrail(transaction).record(
                AuditEntry(
                    "review.action.done", practice: engagement.practiceID.rawValue, object: "action:\(id)",
                    detail: "A-\(row.number): \(text.prefix(200))"), at: now)
            return try row.domain()
        }
    }
}

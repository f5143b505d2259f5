import Domain
import FluentKit
import Foundation

/// Table `risks`.
final class RiskModel: Model, @unchecked Sendable {
    static let schema = "risks"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "engagement_id") var engagementID: UUID
    @Field(key: "number") var number: Int
    @Field(key: "title") var title: String
    @Field(key: "category") var category: String
    @Field(key: "likelihood") var likelihood: Int
    @Field(key: "impact") var impact: Int
    @Field(key: "owner_email") var ownerEmail: String
    @Field(key: "mitigation") var mitigation: String
    @Field(key: "review_on") var reviewOn: String
    @Field(key: "status") var status: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    init(_ risk: Risk, practiceID: UUID) {
        id = risk.id.rawValue
        self.practiceID = practiceID
        copy(risk)
        engagementID = risk.engagementID.rawValue
        number = risk.number
        createdAt = risk.createdAt
    }

    func copy(_ risk: Risk) {
        title = risk.title
        category = risk.category.rawValue
        likelihood = risk.likelihood
        impact = risk.impact
        ownerEmail = risk.ownerEmail
        mitigation = risk.mitigation
        reviewOn = risk.reviewOn.description
        status = risk.status.rawValue
        updatedAt = risk.updatedAt
    }

    func domain() throws(StoreError) -> Risk {
        guard let id, let category = Risk.Category(rawValue: category), let reviewOn = CalendarDate(reviewOn),
            let state = Risk.Status(rawValue: status)
        else {
            throw .corruptRow(table: Self.schema, detail: "category, review day or status")
        }
        return Risk(
            id: .init(id), engagementID: .init(engagementID), number: number, title: title, category: category, likelihood: likelihood,
            impact: impact, ownerEmail: ownerEmail, mitigation: mitigation, reviewOn: reviewOn, status: state, createdAt: createdAt,
            updatedAt: updatedAt)
    }
}

/// Table `governance_reviews`: agenda, attendees and decisions kept whole as JSON.
final class GovernanceReviewModel: Model, @unchecked Sendable {
    static let schema = "governance_reviews"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "engagement_id") var engagementID: UUID
    @Field(key: "number") var number: Int
    @Field(key: "period_from") var periodFrom: String
    @Field(key: "period_to") var periodTo: String
    @Field(key: "scheduled_on") var scheduledOn: String
    @Field(key: "status") var status: String
    @Field(key: "agenda") var agenda: String
    @Field(key: "attendees") var attendees: String
    @Field(key: "decisions") var decisions: String
    @Field(key: "notes") var notes: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(_ review: GovernanceReview, practiceID: UUID) throws {
        id = review.id.rawValue
        self.practiceID = practiceID
        engagementID = review.engagementID.rawValue
        number = review.number
        periodFrom = review.periodFrom.description
        periodTo = review.periodTo.description
        scheduledOn = review.scheduledOn.description
        createdAt = review.createdAt
        try copy(review)
    }

    func copy(_ review: GovernanceReview) throws {
        status = review.status.rawValue
        agenda = try StoredDocument.encode(review.agenda)
        attendees = try StoredDocument.encode(review.attendees)
        decisions = try StoredDocument.encode(review.decisions)
        notes = review.notes
    }

    func domain() throws(StoreError) -> GovernanceReview {
        guard let id, let from = CalendarDate(periodFrom), let to = CalendarDate(periodTo), let scheduled = CalendarDate(scheduledOn),
            let state = GovernanceReview.Status(rawValue: status)
        else { throw .corruptRow(table: Self.schema, detail: "days or status") }
        return GovernanceReview(
            id: .init(id), engagementID: .init(engagementID), number: number, periodFrom: from, periodTo: to, scheduledOn: scheduled,
            status: state,
            agenda: try StoredDocument.decode([AgendaItem].self, from: agenda, table: Self.schema),
            attendees: try StoredDocument.decode([String].self, from: attendees, table: Self.schema),
            decisions: try StoredDocument.decode([String].self, from: decisions, table: Self.schema), notes: notes, createdAt: createdAt)
    }
}

/// Table `review_actions`; `ticket_id` is the ticket an overdue action opened.
final class ReviewActionModel: Model, @unchecked Sendable {
    static let schema = "review_actions"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "engagement_id") var engagementID: UUID
    @Field(key: "review_id") var reviewID: UUID
    @Field(key: "number") var number: Int
    @Field(key: "title") var title: String
    @Field(key: "owner_email") var ownerEmail: String
    @Field(key: "due_on") var dueOn: String
    @Field(key: "links_to") var linksTo: String
    @Field(key: "status") var status: String
    @OptionalField(key: "done_at") var doneAt: Date?
    @Field(key: "done_note") var doneNote: String
    @OptionalField(key: "ticket_id") var ticketID: UUID?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(_ action: ReviewAction, practiceID: UUID) {
        id = action.id.rawValue
        self.practiceID = practiceID
        engagementID = action.engagementID.rawValue
        reviewID = action.reviewID.rawValue
        number = action.number
        title = action.title
        ownerEmail = action.ownerEmail
        dueOn = action.dueOn.description
        linksTo = action.linksTo
        status = action.status.rawValue
        doneAt = action.doneAt
        doneNote = action.doneNote
        createdAt = action.createdAt
    }

    func domain() throws(StoreError) -> ReviewAction {
        guard let id, let due = CalendarDate(dueOn), let state = ReviewAction.Status(rawValue: status) else {
            throw .corruptRow(table: Self.schema, detail: "due day or status")
        }
        return ReviewAction(
            id: .init(id), engagementID: .init(engagementID), reviewID: .init(reviewID), number: number, title: title,
            ownerEmail: ownerEmail, dueOn: due, linksTo: linksTo, status: state, doneAt: doneAt, doneNote: doneNote, createdAt: createdAt)
    }
}

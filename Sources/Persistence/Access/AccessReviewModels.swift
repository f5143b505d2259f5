import Domain
import FluentKit
import Foundation

/// Table `access_grants`.
final class AccessGrantModel: Model, @unchecked Sendable {
    static let schema = "access_grants"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "engagement_id") var engagementID: UUID
    @Field(key: "user_id") var userID: UUID
    @Field(key: "system") var system: String
    @Field(key: "system_name") var systemName: String
    @Field(key: "account") var account: String
    @Field(key: "access_level") var accessLevel: String
    @Field(key: "recorded_by") var recordedBy: UUID
    @Field(key: "recorded_at") var recordedAt: Date
    @OptionalField(key: "revoked_by") var revokedBy: UUID?
    @OptionalField(key: "revoked_at") var revokedAt: Date?
    @OptionalField(key: "revoke_note") var revokeNote: String?

    init() {}

    func domain(email: String) throws -> AccessGrant {
        guard let id, let kind = AccessGrant.System(rawValue: system) else {
            throw StoreError.corruptRow(table: Self.schema, detail: "system \(system)")
        }
        return AccessGrant(
            id: .init(id), engagementID: .init(engagementID), userID: .init(userID), email: email, system: kind, systemName: systemName,
            account: account, accessLevel: accessLevel, recordedAt: recordedAt, revokedAt: revokedAt, revokeNote: revokeNote)
    }
}

/// Table `access_reviews`.
final class AccessReviewModel: Model, @unchecked Sendable {
    static let schema = "access_reviews"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "engagement_id") var engagementID: UUID
    @Field(key: "title") var title: String
    @Field(key: "reviewer_id") var reviewerID: UUID
    @Field(key: "due_on") var dueOn: String
    @Field(key: "due_at") var dueAt: Date
    @Field(key: "status") var status: String
    @Field(key: "created_by") var createdBy: UUID
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "completed_at") var completedAt: Date?
    @OptionalField(key: "ticket_id") var ticketID: UUID?

    init() {}

    func domain(reviewer: String, items: [AccessReviewItem]) throws -> AccessReview {
        guard let id, let due = CalendarDate(dueOn), let state = AccessReview.Status(rawValue: status) else {
            throw StoreError.corruptRow(table: Self.schema, detail: "due \(dueOn), status \(status)")
        }
        return AccessReview(
            id: .init(id), engagementID: .init(engagementID), title: title, reviewerID: .init(reviewerID), reviewerEmail: reviewer,
            dueOn: due, dueAt: dueAt, status: state, createdAt: createdAt, completedAt: completedAt,
            ticketID: ticketID.map { .init($0) }, items: items)
    }
}

/// Table `access_review_items`: what was under review is copied in, so the campaign stays the
/// record of what was decided even after people and grants change.
final class AccessReviewItemModel: Model, @unchecked Sendable {
    static let schema = "access_review_items"

    @ID(key: .id) var id: UUID?
    @Field(key: "review_id") var reviewID: UUID
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "user_id") var userID: UUID
    @Field(key: "email") var email: String
    @Field(key: "role") var role: String
    @Field(key: "access") var access: String
    @OptionalField(key: "membership_id") var membershipID: UUID?
    @OptionalField(key: "grant_id") var grantID: UUID?
    @OptionalField(key: "decision") var decision: String?
    @OptionalField(key: "evidence") var evidence: String?
    @OptionalField(key: "decided_by") var decidedBy: UUID?
    @OptionalField(key: "decided_at") var decidedAt: Date?

    init() {}

    convenience init(review: UUID, practice: UUID, kind: AccessReviewItem.Kind, user: UUID, email: String, role: String, access: String) {
        self.init()
        id = UUID()
        reviewID = review
        practiceID = practice
        self.kind = kind.rawValue
        userID = user
        self.email = email
        self.role = role
        self.access = access
    }

    func domain(decidedBy email: String?) throws -> AccessReviewItem {
        guard let id, let kind = AccessReviewItem.Kind(rawValue: kind), let role = Role(rawValue: role) else {
            throw StoreError.corruptRow(table: Self.schema, detail: "kind \(kind), role \(role)")
        }
        return AccessReviewItem(
            id: .init(id), kind: kind, userID: .init(userID), email: self.email, role: role, access: access,
            decision: decision.flatMap(AccessReviewItem.Decision.init(rawValue:)), evidence: evidence,
            decidedByEmail: email, decidedAt: decidedAt)
    }
}

/// A free-text field trimmed and held to its length, or the error naming it.
func boundedText(_ text: String?, field: String, _ range: ClosedRange<Int>) throws -> String {
    let value = (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    guard range.contains(value.count) else {
        throw AccessReviewError.field(
            field,
            range.lowerBound == 0
                ? "at most \(range.upperBound) characters"
                : "give \(range.lowerBound) to \(range.upperBound) characters")
    }
    return value
}

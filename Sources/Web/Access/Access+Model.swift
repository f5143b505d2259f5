import Domain
import Foundation
import Persistence

/// `/engagements/{engagement}/access`: the grants the vendor's people hold in the practice's other
/// systems, the engagement's access reviews, and the forms the signed-in person may use.
struct AccessPage: Encodable {
    struct Grant: Encodable {
        let email, system, systemName, account, accessLevel, recorded, state: String
        let revokeLink: String?
    }

    struct Review: Encodable {
        let title, reviewer, dueOn, progress, status, link: String
        let overdue: Bool
    }

    struct Choice: Encodable {
        let value, label: String
    }

    let chrome: PageChrome
    let id: String
    let name: String
    let grants: [Grant]
    let reviews: [Review]
    let showsReviews: Bool
    let keeps: Bool
    let opens: Bool
    let systems: [Choice]
    let vendorPeople: [Choice]
    let reviewers: [Choice]
    let suggestedDue: String
    let error: String?

    init(
        engagement: Engagement, vendor: String, grants: [AccessGrant], reviews: [AccessReview], vendorPeople: [User], reviewers: [User],
        caller: Caller, suggestedDue: String, chrome: PageChrome, error: String?, now: Date
    ) {
        self.chrome = chrome
        id = engagement.id.description
        name = vendor
        let practiceSide = caller.organization.id == engagement.practiceID
        keeps = practiceSide && Policy.allows(caller.user.role, .keepAccessGrants)
        opens = practiceSide && Policy.allows(caller.user.role, .openAccessReview)
        showsReviews = practiceSide && Policy.allows(caller.user.role, .readAccessReviews)
        let keeps = self.keeps
        self.grants = grants.map { grant in
            Grant(
                email: grant.email, system: grant.system.label, systemName: grant.systemName, account: grant.account,
                accessLevel: grant.accessLevel,
                recorded: Self.day(grant.recordedAt),
                state: grant.revokedAt.map { "revoked \(Self.day($0))" + (grant.revokeNote.map { ": \($0)" } ?? "") } ?? "current",
                revokeLink: keeps && grant.revokedAt == nil ? "/engagements/\(engagement.id)/access-grants/\(grant.id)/revoke" : nil)
        }
        self.reviews = reviews.map { review in
            Review(
                title: review.title, reviewer: review.reviewerEmail, dueOn: review.dueOn.description,
                progress: "\(review.decided) of \(review.items.count) decided",
                status: Self.status(of: review, now: now),
                link: "/access-reviews/\(review.id)", overdue: review.isOverdue(at: now))
        }
        systems = AccessGrant.System.allCases.map { Choice(value: $0.rawValue, label: $0.label) }
        self.vendorPeople = vendorPeople.map { Choice(value: $0.email.value, label: "\($0.email.value) (\($0.role.label))") }
        self.reviewers = reviewers.map { Choice(value: $0.email.value, label: "\($0.email.value) (\($0.role.label))") }
        self.suggestedDue = suggestedDue
        self.error = error
    }

    static func day(_ date: Date) -> String { String(BreakGlassStore.instant(date).prefix(10)) }
}

/// `/access-reviews/{review}`: one campaign, each access with its decision or the form to make it.
struct AccessReviewPage: Encodable {
    struct Item: Encodable {
        let id, email, role, kind, access: String
        let decision, evidence, decidedBy, decidedAt: String?
        let decideLink: String?
    }

    let chrome: PageChrome
    let id: String
    let title: String
    let engagementLink: String
    let vendor: String
    let reviewer: String
    let dueOn: String
    let status: String
    let progress: String
    let ticket: String?
    let ticketLink: String?
    let items: [Item]
    let error: String?

    init(
        review: AccessReview, engagement: Engagement, vendor: String, ticket: String?, caller: Caller, chrome: PageChrome, error: String?,
        now: Date
    ) {
        self.chrome = chrome
        id = review.id.description
        title = review.title
        engagementLink = "/engagements/\(engagement.id)/access"
        self.vendor = vendor
        reviewer = review.reviewerEmail
        dueOn = review.dueOn.description
        status = AccessPage.status(of: review, now: now)
        progress = "\(review.decided) of \(review.items.count) decided"
        self.ticket = ticket
        ticketLink = review.ticketID.map { "/tickets/\($0)" }
        let decides = review.status == .open && (review.reviewerID == caller.user.id || Policy.allows(caller.user.role, .openAccessReview))
        items = review.items.map { item in
            Item(
                id: item.id.description, email: item.email, role: item.role.label,
                kind: item.kind == .sightline ? "Sightline" : "Other system",
                access: item.access, decision: item.decision?.label, evidence: item.evidence, decidedBy: item.decidedByEmail,
                decidedAt: item.decidedAt.map(BreakGlassStore.instant),
                decideLink: decides && item.decision == nil ? "/access-reviews/\(review.id)/items/\(item.id)" : nil)
        }
        self.error = error
    }
}

extension AccessPage {
    /// Where a campaign stands, in words: completed on its day, overdue, or open.
    static func status(of review: AccessReview, now: Date) -> String {
        if review.status == .completed { return "completed \(review.completedAt.map(day) ?? "")" }
        return review.isOverdue(at: now) ? "overdue" : "open"
    }
}

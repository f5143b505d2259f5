import Domain
import FluentKit
import Foundation
import SQLKit

/// What opening a campaign needs: the reviewer's e-mail, the last day to decide, a title.
public struct AccessReviewDraft: Sendable {
    public var reviewer: String
    public var dueOn: String
    public var title: String?

    public init(reviewer: String, dueOn: String, title: String?) {
        self.reviewer = reviewer
        self.dueOn = dueOn
        self.title = title
    }
}

/// Access-review campaigns. The practice's administrator opens one on an engagement: it lists
/// every vendor person on the engagement and every current grant in the practice's other
/// systems. The named reviewer (or the administrator) keeps or revokes each with evidence; a
/// revoke takes the person off the engagement, or records the grant revoked, at once. The
/// campaign completes with its last decision; one still open after its due date opens a ticket
/// assigned to the reviewer, which escalates on the contract's ladder like any other.
public struct AccessReviewStore: Sendable {
    let database: any Database

    public init(_ database: any Database) { self.database = database }

    /// The engagement's campaigns, newest first, without their items.
    public func reviews(of engagement: Engagement, visibleTo caller: Caller) async throws -> [AccessReview] {
        guard caller.organization.id == engagement.practiceID else {
            throw AccessReviewError.notAllowed(caller.user.role, "see access reviews")
        }
        var query = AccessReviewModel.query(on: database).filter(\.$engagementID == engagement.id.rawValue)
        // Someone named to review sees the campaigns they review.
        if !Policy.allows(caller.user.role, .readAccessReviews) { query = query.filter(\.$reviewerID == caller.user.id.rawValue) }
        let rows = try await query.sort(\.$createdAt, .descending).all()
        if rows.isEmpty, !Policy.allows(caller.user.role, .readAccessReviews) {
            throw AccessReviewError.notAllowed(caller.user.role, "see access reviews")
        }
        var reviews: [AccessReview] = []
        for row in rows { reviews.append(try await Self.domain(row, on: database)) }
        return reviews
    }

    /// A campaign with its items, for the practice's readers and its reviewer; another tenant's
    /// campaign answers like a missing one.
    public func review(_ id: AccessReview.ID, visibleTo caller: Caller) async throws -> (AccessReview, Engagement) {
        let (row, engagement) = try await Self.row(id, visibleTo: caller, on: database)
        guard Policy.allows(caller.user.role, .readAccessReviews) || row.reviewerID == caller.user.id.rawValue else {
            throw AccessReviewError.notAllowed(caller.user.role, "see access reviews")
        }
        return (try await Self.domain(row, on: database), engagement)
    }

    /// Opens a campaign over everything the vendor's people hold on the engagement today.
    public func open(_ draft: AccessReviewDraft, on engagement: Engagement, by caller: Caller, now: Date) async throws -> AccessReview {
        guard caller.organization.id == engagement.practiceID, Policy.allows(caller.user.role, .openAccessReview) else {
            throw AccessReviewError.notAllowed(caller.user.role, "open access reviews")
        }
        guard let dueOn = CalendarDate(draft.dueOn.trimmingCharacters(in: .whitespaces)) else {
            throw AccessReviewError.field("dueOn", "a date as YYYY-MM-DD")
        }
        let today = try await EngagementStore(database).today(for: engagement, now: now)
        guard dueOn >= today else { throw AccessReviewError.dueInPast(today) }
        guard let nextDay = dueOn.adding(days: 1), dueOn <= today.adding(days: 366) ?? today else {
            throw AccessReviewError.field("dueOn", "at most a year ahead")
        }
        let zone = TimeZone(identifier: try await OrganizationStore(database).find(engagement.practiceID)?.timeZone ?? "UTC") ?? .gmt
        guard let dueAt = BusinessCalendar.instant(nextDay, minute: 0, zone: zone) else {
            throw AccessReviewError.field("dueOn", "a date as YYYY-MM-DD")
        }
        let title = try boundedText(draft.title.flatMap { $0.isEmpty ? nil : $0 } ?? "Access review due \(dueOn)", field: "title", 3...200)
        let email = try EmailAddress(draft.reviewer)
        return try await database.atomically { transaction in
            guard
                let reviewer = try await UserModel.query(on: transaction).filter(\.$email == email.value)
                    .filter(\.$organization.$id == engagement.practiceID.rawValue).filter(\.$deactivatedAt == nil).first(),
                let reviewerID = reviewer.id, let role = Role(rawValue: reviewer.role), Policy.allows(role, .reviewAccess)
            else { throw AccessReviewError.reviewer(email.value) }
            // Taken for writing first, so two campaigns opened at once cannot both be the open one.
            try await TicketStore(transaction).sql.update(EngagementModel.schema).set(SQLColumn("id"), to: SQLColumn("id"))
                .where("id", .equal, SQLBind(engagement.id.rawValue)).run()
            guard
                try await AccessReviewModel.query(on: transaction).filter(\.$engagementID == engagement.id.rawValue)
                    .filter(\.$status == AccessReview.Status.open.rawValue).count() == 0
            else { throw AccessReviewError.alreadyOpen }
            let row = AccessReviewModel()
            let id = UUID()
            row.id = id
            row.practiceID = engagement.practiceID.rawValue
            row.engagementID = engagement.id.rawValue
            row.title = title
            row.reviewerID = reviewerID
            row.dueOn = dueOn.description
            row.dueAt = dueAt
            row.status = AccessReview.Status.open.rawValue
            row.createdBy = caller.user.id.rawValue
            row.createdAt = now
            try await row.create(on: transaction)
            let items = try await Self.items(of: engagement, review: id, on: transaction)
            guard !items.isEmpty else { throw AccessReviewError.nothingToReview }
            for item in items { try await item.create(on: transaction) }
            try await AuditTrail(transaction).record(
                AuditEntry(
                    "access_review.opened", practice: engagement.practiceID.rawValue, object: "access_review:\(id.uuidString.lowercased())",
                    detail: "\(items.count) accesses for \(reviewer.email) to review by \(dueOn)"), at: now)
            try await MailOutbox(transaction).enqueue(
                MailMessage(
                    to: reviewer.email, subject: "[Sightline] Access review to do by \(dueOn)",
                    body:
                        "\(caller.user.email.value) asks you to review \(items.count) accesses the vendor's people hold (\(title)). Keep or revoke each, with evidence, by \(dueOn).\n\nOpen it in Sightline: /access-reviews/\(id.uuidString.lowercased())\n"
                ),
                practiceID: engagement.practiceID, now: now)
            return try await Self.domain(row, on: transaction)
        }
    }

    /// Every vendor person on the engagement, and every current grant, as items to decide.
    static func items(of engagement: Engagement, review: UUID, on database: any Database) async throws -> [AccessReviewItemModel] {
        var items: [AccessReviewItemModel] = []
        for member in try await MembershipStore(database).members(of: engagement) where member.status == .active {
            let item = AccessReviewItemModel(
                review: review, practice: engagement.practiceID.rawValue, kind: .sightline, user: member.userID.rawValue,
                email: member.email, role: member.role.rawValue, access: "Sightline: \(member.role.rawValue) on the engagement")
            item.membershipID = member.id.rawValue
            items.append(item)
        }
        let roles = try await UserModel.query(on: database).filter(\.$organization.$id == engagement.vendorID.rawValue).all()
        for grant in try await AccessGrantStore(database).grants(of: engagement.id, current: true) {
            let item = AccessReviewItemModel(
                review: review, practice: engagement.practiceID.rawValue, kind: .grant, user: grant.userID.rawValue,
                email: grant.email, role: roles.first { $0.id == grant.userID.rawValue }?.role ?? Role.vendorAgent.rawValue,
                access: grant.summary)
            item.grantID = grant.id.rawValue
            items.append(item)
        }
        return items.sorted { ($0.email, $0.kind, $0.access) < ($1.email, $1.kind, $1.access) }
    }

    /// Keeps or revokes one access, with evidence; the reviewer or the practice's administrator.
    public func decide(
        _ itemID: AccessReviewItem.ID, in id: AccessReview.ID, decision: AccessReviewItem.Decision, evidence: String?,
        by caller: Caller, now: Date
    ) async throws -> AccessReview {
        let evidence = try boundedText(evidence, field: "evidence", 10...1000)
        return try await database.atomically { transaction in
            let (row, engagement) = try await Self.row(id, visibleTo: caller, on: transaction)
            guard row.reviewerID == caller.user.id.rawValue || Policy.allows(caller.user.role, .openAccessReview) else {
                throw AccessReviewError.notAllowed(caller.user.role, "decide in an access review you are not the reviewer of")
            }
            guard row.status == AccessReview.Status.open.rawValue else { throw AccessReviewError.closed }
            guard let item = try await AccessReviewItemModel.find(itemID.rawValue, on: transaction), item.reviewID == row.id else {
                throw StoreError.notFound(kind: "access review item", id: itemID.description)
            }
            if let done = item.decision.flatMap(AccessReviewItem.Decision.init(rawValue:)) { throw AccessReviewError.decided(done) }
            item.decision = decision.rawValue
            item.evidence = evidence
            item.decidedBy = caller.user.id.rawValue
            item.decidedAt = now
            try await item.update(on: transaction)
            try await AuditTrail(transaction).record(
                AuditEntry(
                    "access_review.\(decision.rawValue)", practice: row.practiceID, object: "access_review:\(id)",
                    severity: decision == .revoke ? .high : .info, detail: "\(item.email): \(item.access)"), at: now)
            if decision == .revoke {
                try await Self.revoke(item, review: row, engagement: engagement, evidence: evidence, by: caller, now: now, on: transaction)
            }
            if try await AccessReviewItemModel.query(on: transaction).filter(\.$reviewID == row.id ?? UUID()).filter(\.$decision == nil)
                .count() == 0
            {
                try await Self.complete(row, engagement: engagement, now: now, on: transaction)
            }
            return try await Self.domain(row, on: transaction)
        }
    }

    /// A revoke takes effect at once: off the engagement, or the grant recorded as revoked (and
    /// the practice's administrators told to close the account in that system).
    static func revoke(
        _ item: AccessReviewItemModel, review: AccessReviewModel, engagement: Engagement, evidence: String, by caller: Caller,
        now: Date, on database: any Database
    ) async throws {
        if let membership = item.membershipID, let row = try await EngagementMemberModel.find(membership, on: database),
            row.status == EngagementMember.Status.active.rawValue
        {
            try await MembershipStore.takeOff(
                row, note: "revoked in access review: \(review.title)", by: caller.user.id, in: engagement, on: database, now: now)
        }
        if let grant = item.grantID, let row = try await AccessGrantModel.find(grant, on: database), row.revokedAt == nil {
            _ = try await AccessGrantStore.revoke(row, note: evidence, by: caller.user.id, on: database, now: now)
            try await MailOutbox(database).tellAdministrators(
                of: engagement.practiceID, subject: "[Sightline] Close an account: access revoked in a review",
                body:
                    "\(caller.user.email.value) revoked \(item.email)'s access: \(item.access). Make sure the account is closed in that system.\n\nThe review: /access-reviews/\(review.id?.uuidString.lowercased() ?? "")\n",
                now: now)
        }
    }

    /// Marks the campaign completed and resolves the ticket its lateness opened.
    static func complete(_ row: AccessReviewModel, engagement: Engagement, now: Date, on database: any Database) async throws {
        row.status = AccessReview.Status.completed.rawValue
        row.completedAt = now
        try await row.update(on: database)
        try await AuditTrail(database).record(
            AuditEntry(
                "access_review.completed", practice: row.practiceID, object: "access_review:\(row.id?.uuidString.lowercased() ?? "")"),
            at: now)
        guard let ticketID = row.ticketID, let ticket = try await TicketModel.find(ticketID, on: database)?.domain(),
            ticket.status != .resolved, ticket.status != .closed
        else { return }
        try await TicketModel.query(on: database).filter(\.$id == ticketID).set(\.$status, to: Ticket.Status.resolved.rawValue).update()
        _ = try await TicketStore(database).append(
            .status, to: ticket, practiceID: engagement.practiceID, at: now, actor: nil, party: .practice,
            organization: nil,
            data: [
                "status": Ticket.Status.resolved.rawValue, "from": ticket.status.rawValue,
                "reason": "the access review was completed",
            ])
    }

    static func row(
        _ id: AccessReview.ID, visibleTo caller: Caller, on database: any Database
    ) async throws -> (AccessReviewModel, Engagement) {
        guard let row = try await AccessReviewModel.find(id.rawValue, on: database), row.practiceID == caller.organization.id.rawValue,
            let engagement = try await EngagementModel.find(row.engagementID, on: database)?.domain()
        else { throw StoreError.notFound(kind: "access review", id: id.description) }
        return (row, engagement)
    }

    static func domain(_ row: AccessReviewModel, on database: any Database) async throws -> AccessReview {
        let items = try await AccessReviewItemModel.query(on: database).filter(\.$reviewID == row.id ?? UUID()).all()
        let emails = try await AccessGrantStore.emails(of: [row.reviewerID] + items.compactMap(\.decidedBy), on: database)
        return try row.domain(
            reviewer: emails[row.reviewerID] ?? "",
            items: try items.map { try $0.domain(decidedBy: $0.decidedBy.flatMap { emails[$0] }) }
                .sorted { ($0.email, $0.kind.rawValue, $0.access) < ($1.email, $1.kind.rawValue, $1.access) })
    }
}

import Domain
import FluentKit
import Foundation

/// A campaign overdue, and the ticket it opened.
public struct OverdueAccessReview: Sendable, Equatable, Encodable {
    public var review: String
    public var ticket: String
}

extension AccessReviewStore {
    /// Opens one ticket per campaign still open after its due date: assigned to the practice and
    /// to the reviewer, high priority, so that it escalates on the contract's ladder like any other
    /// ticket; the reviewer and the practice's administrators are e-mailed. A campaign opens its
    /// ticket once, however many sweeps see it (the ticket's de-duplication key is the campaign).
    public func escalateOverdue(at now: Date) async throws -> [OverdueAccessReview] {
        let due = try await AccessReviewModel.query(on: database).filter(\.$status == AccessReview.Status.open.rawValue)
            .filter(\.$dueAt <= now).filter(\.$ticketID == nil).sort(\.$dueAt).all()
        var opened: [OverdueAccessReview] = []
        for candidate in due {
            guard let id = candidate.id else { continue }
            if let done = try await database.atomically({ transaction in try await AccessReviewStore(transaction).escalate(id, now: now) })
            {
                opened.append(done)
            }
        }
        return opened
    }

    private func escalate(_ id: UUID, now: Date) async throws -> OverdueAccessReview? {
        // Read again inside the transaction: another sweeper, or the last decision, may have come first.
        guard let row = try await AccessReviewModel.find(id, on: database), row.status == AccessReview.Status.open.rawValue,
            row.ticketID == nil,
            let engagement = try await EngagementModel.find(row.engagementID, on: database)?.domain()
        else { return nil }
        let review = try await Self.domain(row, on: database)
        let reference = "/access-reviews/\(review.id)"
        var ticket = try await TicketStore(database).insert(
            engagement: engagement, category: .accessIssue, priority: .high, title: "Access review overdue: \(review.title)",
            detail:
                "\(review.decided) of \(review.items.count) accesses decided by the due date \(review.dueOn). Reviewer: \(review.reviewerEmail). Decide the rest at \(reference).",
            requester: .practice, assignedParty: .practice, gridTask: nil, openedBy: nil, now: now,
            evidence: ["accessReview": review.id.description], dedupeKey: "access-review:\(review.id)")
        // The reviewer owes the work: theirs to pick up, when still an active person of the practice.
        if ticket.assignee == nil, let reviewer = try await UserModel.find(row.reviewerID, on: database), reviewer.deactivatedAt == nil,
            reviewer.$organization.id == engagement.practiceID.rawValue
        {
            try await TicketModel.query(on: database).filter(\.$id == ticket.id.rawValue).set(\.$assigneeUserID, to: row.reviewerID)
                .update()
            _ = try await TicketStore(database).append(
                .assignee, to: ticket, practiceID: engagement.practiceID, at: now, actor: nil, party: nil,
                organization: nil, data: ["user": review.reviewerID.description, "email": reviewer.email])
            ticket.assignee = review.reviewerID
        }
        row.ticketID = ticket.id.rawValue
        try await row.update(on: database)
        try await AuditTrail(database).record(
            AuditEntry(
                "access_review.overdue", practice: row.practiceID, object: "access_review:\(review.id)", severity: .high,
                detail: "\(review.decided) of \(review.items.count) decided; ticket \(ticket.reference)"), at: now)
        let body =
            "The access review \"\(review.title)\" was due \(review.dueOn) and \(review.items.count - review.decided) of its \(review.items.count) accesses are still undecided. Ticket \(ticket.reference) now tracks it and escalates on the contract's ladder.\n\nOpen the review in Sightline: \(reference)\n"
        let subject = "[Sightline] Access review overdue: \(ticket.reference)"
        // Administrators are told anyway; a reviewer of another role is told as well.
        if let reviewer = try await UserModel.find(row.reviewerID, on: database), reviewer.role != Role.practiceAdmin.rawValue {
            try await MailOutbox(database).enqueue(
                MailMessage(to: reviewer.email, subject: subject, body: body), practiceID: engagement.practiceID, now: now)
        }
        try await MailOutbox(database).tellAdministrators(of: engagement.practiceID, subject: subject, body: body, now: now)
        return OverdueAccessReview(review: review.id.description, ticket: ticket.reference)
    }
}

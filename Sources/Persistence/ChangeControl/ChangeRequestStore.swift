import Domain
import FluentKit
import Foundation

/// What a person proposes; the store fills in the rest (number, base version, proposer).
public struct ChangeProposal: Sendable, Equatable {
    public var kind: ChangeRequest.Kind
    public var title: String
    public var reason: String
    public var edits: [ContractEdit]
    public var budgetImpactMonthly: Money?
    public var timelineImpact: String
    public var requestedEffectiveFrom: CalendarDate?

    public init(
        kind: ChangeRequest.Kind, title: String, reason: String, edits: [ContractEdit], budgetImpactMonthly: Money? = nil,
        timelineImpact: String = "", requestedEffectiveFrom: CalendarDate? = nil
    ) {
        self.kind = kind
        self.title = title
        self.reason = reason
        self.edits = edits
        self.budgetImpactMonthly = budgetImpactMonthly
        self.timelineImpact = timelineImpact
        self.requestedEffectiveFrom = requestedEffectiveFrom
    }
}

/// A comment on a change request.
public struct ChangeRequestComment: Sendable, Equatable, Codable {
    public var author: User.ID
    public var party: Party
    public var body: String
    public var at: Date
}

/// Proposes and decides change requests; an approval by both parties creates the next contract
/// version in the same transaction.
public struct ChangeRequestStore: Sendable {
    let database: any Database

    public init(_ database: any Database) { self.database = database }

    /// Records a proposal against the newest accepted version, after checking its edits apply.
    public func propose(_ proposal: ChangeProposal, in engagement: Engagement, by caller: Caller, now: Date) async throws -> ChangeRequest {
        let title = proposal.title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty, title.count <= 200 else { throw ChangeRequestError.badTitle }
        return try await database.atomically { transaction in
            let versions = try await EngagementStore(transaction).versions(of: engagement.id)
            guard let latest = ContractVersion.latestAccepted(among: versions) else { throw ChangeRequestError.noContractInForce }
            do throws(ContractEditError) { _ = try latest.contract.applying(proposal.edits) } catch {
                throw ChangeRequestError.cannotApply(error)
            }
            let last =
                try await ChangeRequestModel.query(on: transaction).filter(\.$engagementID == engagement.id.rawValue).max(\.$number) ?? 0
            let request = ChangeRequest(
                engagementID: engagement.id, number: last + 1, kind: proposal.kind, title: title, reason: proposal.reason,
                edits: proposal.edits, baseVersion: latest.number, budgetImpactMonthly: proposal.budgetImpactMonthly,
                timelineImpact: proposal.timelineImpact, requestedEffectiveFrom: proposal.requestedEffectiveFrom,
                proposedBy: caller.user.id, proposedByParty: caller.user.role.party, proposedAt: now)
            try await ChangeRequestModel(request, practiceID: engagement.practiceID.rawValue).create(on: transaction)
            try await AuditTrail(transaction).record(
                AuditEntry(
                    "contract.change", practice: engagement.practiceID.rawValue, object: "change-request:\(request.id)",
                    detail: "change request \(request.number) proposed"), at: now)
            return request
        }
    }

    /// The engagement's change requests, newest first; all statuses stay on record.
    public func list(in engagement: Engagement.ID, status: ChangeRequest.Status? = nil) async throws -> [ChangeRequest] {
        var query = ChangeRequestModel.query(on: database).filter(\.$engagementID == engagement.rawValue)
        if let status { query = query.filter(\.$status == status.rawValue) }
        return try await query.sort(\.$number, .descending).all().map { try $0.domain() }
    }

    /// One change request of the engagement.
    public func find(_ id: ChangeRequest.ID, in engagement: Engagement.ID) async throws -> ChangeRequest {
        try await model(id, in: engagement).domain()
    }

    private func model(_ id: ChangeRequest.ID, in engagement: Engagement.ID) async throws -> ChangeRequestModel {
        guard let model = try await ChangeRequestModel.find(id.rawValue, on: database), model.engagementID == engagement.rawValue else {
            throw StoreError.notFound(kind: "change request", id: id.description)
        }
        return model
    }

    /// The discussion, oldest first.
    public func comments(on id: ChangeRequest.ID) async throws -> [ChangeRequestComment] {
        try await ChangeRequestCommentModel.query(on: database).filter(\.$changeRequestID == id.rawValue).sort(\.$createdAt).all()
            .compactMap {
                guard let party = Party(rawValue: $0.party) else { return nil }
                return ChangeRequestComment(author: .init($0.authorID), party: party, body: $0.body, at: $0.createdAt)
            }
    }

    /// Adds a comment by either party; closed requests keep their discussion closed too.
    public func comment(
        on id: ChangeRequest.ID, in engagement: Engagement, by caller: Caller, body: String, now: Date
    ) async throws -> ChangeRequestComment {
        let text = body.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text.count <= 10_000 else { throw ChangeRequestStoreError.badComment }
        let request = try await find(id, in: engagement.id)
        guard request.status == .proposed else { throw ChangeRequestError.closed(request.status) }
        let row = ChangeRequestCommentModel()
        row.id = UUID()
        row.practiceID = engagement.practiceID.rawValue
        row.changeRequestID = id.rawValue
        row.authorID = caller.user.id.rawValue
        row.party = caller.user.role.party.rawValue
        row.body = text
        row.createdAt = now
        try await row.create(on: database)
        return ChangeRequestComment(author: caller.user.id, party: caller.user.role.party, body: text, at: now)
    }

    /// What a decision led to: the request as it now stands, and the version an approval by both parties created.
    public struct Outcome: Sendable, Equatable {
        public var request: ChangeRequest
        public var newVersion: ContractVersion?
    }

    /// Approves for the caller's party (`party`, when given, must be it). When both parties have
    /// approved, the next contract version is created in the same transaction.
    public func approve(
        _ id: ChangeRequest.ID, in engagement: Engagement, by caller: Caller, for party: Party?, note: String?, now: Date
    ) async throws -> Outcome {
        try await decide(id, in: engagement) { request, store in
            let actor = ChangeRequest.Actor(userID: caller.user.id, role: caller.user.role)
            guard try request.approve(by: actor, for: party, at: now, note: note) else { return nil }
            let versions = try await store.versions(of: engagement.id)
            guard let latest = ContractVersion.latestAccepted(among: versions),
                let base = versions.first(where: { $0.number == request.baseVersion })
            else { throw ChangeRequestError.noContractInForce }
            var next = try request.nextVersion(latest: latest, base: base, today: try await store.today(for: engagement, now: now), at: now)
            next.engagementID = engagement.id
            request.status = .approved
            request.resultingVersion = next.number
            return next
        }
    }

    /// Rejects for the caller's party; the request stays on record.
    public func reject(
        _ id: ChangeRequest.ID, in engagement: Engagement, by caller: Caller, for party: Party?, note: String, now: Date
    ) async throws -> Outcome {
        try await decide(id, in: engagement) { request, _ in
            try request.reject(by: .init(userID: caller.user.id, role: caller.user.role), for: party, at: now, note: note)
            return nil
        }
    }

    /// Withdraws the caller's own proposal; it stays on record.
    public func withdraw(
        _ id: ChangeRequest.ID, in engagement: Engagement, by caller: Caller, note: String?, now: Date
    ) async throws -> Outcome {
        try await decide(id, in: engagement) { request, _ in
            try request.withdraw(by: .init(userID: caller.user.id, role: caller.user.role), at: now, note: note)
            return nil
        }
    }

    private func decide(
        _ id: ChangeRequest.ID, in engagement: Engagement,
        _ change: @escaping @Sendable (inout ChangeRequest, EngagementStore) async throws -> ContractVersion?
    ) async throws -> Outcome {
        try await database.atomically { transaction in
            let store = ChangeRequestStore(transaction)
            let model = try await store.model(id, in: engagement.id)
            var request = try model.domain()
            let version = try await change(&request, EngagementStore(transaction))
            try model.update(from: request)
            try await model.update(on: transaction)
            if let version {
                try await ContractVersionModel(version, practiceID: engagement.practiceID.rawValue).create(on: transaction)
            }
            try await AuditTrail(transaction).record(
                AuditEntry(
                    "contract.change", practice: engagement.practiceID.rawValue, object: "change-request:\(request.id)",
                    detail: "change request \(request.number) \(request.status.rawValue)"
                        + (version.map { ": contract version \($0.number)" } ?? "")), at: Date())
            return Outcome(request: request, newVersion: version)
        }
    }
}

/// Why a change-request write was refused by the store.
public enum ChangeRequestStoreError: Error, Equatable, Sendable, CustomStringConvertible {
    case badComment

    public var description: String {
        switch self {
        case .badComment: "a comment needs text of at most 10,000 characters"
        }
    }
}

extension ChangeRequestStoreError: CataloguedError {
    public var failureKind: FailureKind {
        .invalid
    }
}

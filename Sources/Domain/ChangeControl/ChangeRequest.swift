import Foundation

/// A proposed change to the contract in force. It takes effect only when an authorised approver
/// of each party approves it; then it yields the next contract version.
public struct ChangeRequest: Sendable, Equatable, Codable, Identifiable {
    /// Identifies a change request.
    public typealias ID = EntityID<ChangeRequest>

    /// What the change is about.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case scope
        case serviceLevel = "service_level"
        case price, access, other
    }

    /// Where the request stands.
    public enum Status: String, Sendable, Codable, CaseIterable {
        /// Open for discussion and approval.
        case proposed, approved, rejected, withdrawn
    }

    /// One party's approval or rejection.
    public struct Decision: Sendable, Equatable, Codable {
        public var party: Party
        public var userID: User.ID
        public var at: Date
        public var note: String?

        public init(party: Party, userID: User.ID, at: Date, note: String? = nil) {
            self.party = party
            self.userID = userID
            self.at = at
            self.note = note
        }
    }

    public var id: ID
    public var engagementID: Engagement.ID
    /// 1, 2, 3, … per engagement (`CR-3`).
    public var number: Int
    public var kind: Kind
    public var title: String
    public var reason: String
    /// The proposed changes.
    public var edits: [ContractEdit]
    /// The version the changes were proposed against.
    public var baseVersion: Int
    /// Change in the monthly cost to the practice (negative for a saving).
    public var budgetImpactMonthly: Money?
    /// The impact on the timeline, in words.
    public var timelineImpact: String
    /// The day the proposer wants the change to take effect.
    public var requestedEffectiveFrom: CalendarDate?
    public var status: Status
    public var proposedBy: User.ID
    public var proposedByParty: Party
    public var proposedAt: Date
    public var approvals: [Decision]
    /// The rejection or withdrawal that closed the request.
    public var closing: Decision?
    /// The version the approval created.
    public var resultingVersion: Int?

    public init(
        id: ID = ID(), engagementID: Engagement.ID, number: Int, kind: Kind, title: String, reason: String, edits: [ContractEdit],
        baseVersion: Int, budgetImpactMonthly: Money?, timelineImpact: String, requestedEffectiveFrom: CalendarDate?,
        proposedBy: User.ID, proposedByParty: Party, proposedAt: Date
    ) {
        self.id = id
        self.engagementID = engagementID
        self.number = number
        self.kind = kind
        self.title = title
        self.reason = reason
        self.edits = edits
        self.baseVersion = baseVersion
        self.budgetImpactMonthly = budgetImpactMonthly
        self.timelineImpact = timelineImpact
        self.requestedEffectiveFrom = requestedEffectiveFrom
        self.status = .proposed
        self.proposedBy = proposedBy
        self.proposedByParty = proposedByParty
        self.proposedAt = proposedAt
        self.approvals = []
    }

    /// `CR-3`.
    public var reference: String { "CR-\(number)" }

    /// The parties whose approval is still missing.
    public var awaiting: [Party] { Party.allCases.filter { party in !approvals.contains { $0.party == party } } }

    /// Who acts on a request, and for which party they say they act.
    public struct Actor: Sendable, Equatable {
        public var userID: User.ID
        public var role: Role

        public init(userID: User.ID, role: Role) {
            self.userID = userID
            self.role = role
        }
    }

    /// Records `actor`'s approval for their party. Returns `true` when both parties have now
    /// approved, so the caller must create the next version (``ChangeRequest/nextVersion(of:latest:base:approvedOn:timeZoneToday:)``).
    /// - Parameter party: the party the approver says they approve for; it must be their own.
    public mutating func approve(by actor: Actor, for party: Party?, at now: Date, note: String?) throws(ChangeRequestError) -> Bool {
        try checkDecision(by: actor, for: party)
        guard !approvals.contains(where: { $0.party == actor.role.party }) else { throw .alreadyApproved(actor.role.party) }
        approvals.append(Decision(party: actor.role.party, userID: actor.userID, at: now, note: note))
        return awaiting.isEmpty
    }

    /// Closes the request as rejected by `actor`'s party; it stays on record.
    public mutating func reject(by actor: Actor, for party: Party?, at now: Date, note: String) throws(ChangeRequestError) {
        try checkDecision(by: actor, for: party)
        guard !note.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw .reasonRequired }
        status = .rejected
        closing = Decision(party: actor.role.party, userID: actor.userID, at: now, note: note)
    }

    /// Closes the request as withdrawn by the person who proposed it; it stays on record.
    public mutating func withdraw(by actor: Actor, at now: Date, note: String?) throws(ChangeRequestError) {
        guard status == .proposed else { throw .closed(status) }
        guard actor.userID == proposedBy else { throw .notTheProposer }
        status = .withdrawn
        closing = Decision(party: actor.role.party, userID: actor.userID, at: now, note: note)
    }

    private func checkDecision(by actor: Actor, for party: Party?) throws(ChangeRequestError) {
        guard status == .proposed else { throw .closed(status) }
        if let party, party != actor.role.party { throw .wrongParty(claimed: party, actual: actor.role.party) }
        guard actor.role.isAuthorisedApprover else { throw .notAnApprover(actor.role) }
    }

    /// The contract version the approved request creates: the latest accepted contract with the
    /// edits applied. When another change took effect since the request was proposed, the edits
    /// still apply unless that change touched the same values.
    /// - Parameters:
    ///   - base: the version the request was proposed against.
    ///   - today: the approval day in the practice's time zone; a change never takes effect
    ///     before both parties approved it, nor before the version it follows.
    public func nextVersion(
        latest: ContractVersion, base: ContractVersion, today: CalendarDate, at now: Date
    ) throws(ChangeRequestError) -> ContractVersion {
        if latest.number != base.number, ContractDiff(from: base.contract, to: latest.contract).touches(edits.map(\.path)) {
            throw .conflict(baseVersion: base.number, latestVersion: latest.number)
        }
        let contract: Contract
        do { contract = try latest.contract.applying(edits) } catch { throw .cannotApply(error) }
        let effective = [requestedEffectiveFrom ?? today, today, latest.effectiveFrom ?? today].max() ?? today
        return ContractVersion(
            engagementID: engagementID, number: latest.number + 1, status: .accepted, contract: contract, effectiveFrom: effective,
            acceptances: approvals.map { .init(party: $0.party, userID: $0.userID, at: $0.at, note: "approved \(reference)") },
            changeRequest: id, createdAt: now)
    }
}

/// Why a change request could not be proposed or decided.
public enum ChangeRequestError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The role may not approve or reject change requests.
    case notAnApprover(Role)
    /// The approver named a party that is not their own.
    case wrongParty(claimed: Party, actual: Party)
    /// The party has already approved.
    case alreadyApproved(Party)
    /// The request is no longer open.
    case closed(ChangeRequest.Status)
    /// Only the proposer withdraws a request.
    case notTheProposer
    /// A rejection must say why.
    case reasonRequired
    /// The title is empty or too long.
    case badTitle
    /// Another approved change touched the same values since the request was proposed.
    case conflict(baseVersion: Int, latestVersion: Int)
    /// The edits do not apply to the contract in force.
    case cannotApply(ContractEditError)
    /// There is no accepted contract to change yet.
    case noContractInForce

    public var description: String {
        switch self {
        case .notAnApprover(let role):
            "your role (\(role.label)) may not approve or reject change requests; the practice administrator and the vendor team lead do"
        case .wrongParty(let claimed, let actual): "you approve for the \(actual.rawValue), not for the \(claimed.rawValue)"
        case .alreadyApproved(let party): "the \(party.rawValue) has already approved this change request"
        case .closed(let status): "the change request is \(status.rawValue) and can no longer change"
        case .notTheProposer: "only the person who proposed a change request may withdraw it"
        case .reasonRequired: "a rejection needs a reason"
        case .badTitle: "a change request needs a title of at most 200 characters"
        case .conflict(let base, let latest):
            "version \(latest) changed the same terms since this request was proposed against version \(base); withdraw it and propose it again"
        case .cannotApply(let error): error.description
        case .noContractInForce: "the contract is still a draft; edit the draft instead of proposing a change"
        }
    }
}

extension ChangeRequestError: CataloguedError {
    public var failureKind: FailureKind {
        switch self {
        case .notAnApprover, .wrongParty, .notTheProposer: .forbidden
        case .alreadyApproved, .closed, .conflict, .noContractInForce: .conflict
        case .reasonRequired, .badTitle, .cannotApply: .invalid
        }
    }
}

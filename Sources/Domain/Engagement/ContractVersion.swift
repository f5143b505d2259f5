import Foundation

/// One version of an engagement's contract. Version 1 starts as a draft the practice edits; a
/// version is in force from its effective date once both parties accepted it, and is never
/// edited again: later changes make later versions.
public struct ContractVersion: Sendable, Equatable, Codable {
    /// Where a version stands.
    public enum Status: String, Sendable, Codable {
        /// Being drafted; not in force.
        case draft
        /// Accepted by both parties; in force from `effectiveFrom` until a later version takes over.
        case accepted
    }

    public var engagementID: Engagement.ID
    /// 1, 2, 3, … per engagement.
    public var number: Int
    public var status: Status
    public var contract: Contract
    /// The first day the version is in force, in the practice's time zone.
    public var effectiveFrom: CalendarDate?
    /// Who accepted the version for each party (a draft collects them).
    public var acceptances: [Acceptance]
    /// The change request that made this version (none for version 1).
    public var changeRequest: ChangeRequest.ID?
    public var createdAt: Date

    public init(
        engagementID: Engagement.ID, number: Int, status: Status, contract: Contract, effectiveFrom: CalendarDate?,
        acceptances: [Acceptance], changeRequest: ChangeRequest.ID?, createdAt: Date
    ) {
        self.engagementID = engagementID
        self.number = number
        self.status = status
        self.contract = contract
        self.effectiveFrom = effectiveFrom
        self.acceptances = acceptances
        self.changeRequest = changeRequest
        self.createdAt = createdAt
    }

    /// A party's acceptance of a version (a signature on a draft, an approval of a change request).
    public struct Acceptance: Sendable, Equatable, Codable {
        public var party: Party
        /// The user who accepted, or `nil` for an agreement signed outside Sightline.
        public var userID: User.ID?
        public var at: Date
        public var note: String?

        public init(party: Party, userID: User.ID?, at: Date, note: String? = nil) {
            self.party = party
            self.userID = userID
            self.at = at
            self.note = note
        }
    }

    /// The version in force on `date`: of the accepted versions effective on or before it, the
    /// latest. `nil` before the first one takes effect.
    public static func inForce(on date: CalendarDate, among versions: [ContractVersion]) -> ContractVersion? {
        versions.filter { $0.status == .accepted && ($0.effectiveFrom.map { $0 <= date } ?? false) }
            .max { $0.number < $1.number }
    }

    /// The newest accepted version: what a change request is made against.
    public static func latestAccepted(among versions: [ContractVersion]) -> ContractVersion? {
        versions.filter { $0.status == .accepted }.max { $0.number < $1.number }
    }

    /// Replaces a draft's contract. Only the practice edits the draft; any acceptance given so far
    /// is withdrawn, because it was given to other terms.
    public mutating func editDraft(_ contract: Contract, by role: Role) throws(ContractVersionError) {
        guard status == .draft else { throw .notADraft(number) }
        guard Policy.allows(role, .editContract) else { throw .notAnEditor(role) }
        let problems = contract.problems
        guard problems.isEmpty else { throw .invalid(problems) }
        self.contract = contract
        acceptances = []
    }

    /// Records `party`'s acceptance of the draft; when both parties have accepted, the version is
    /// in force from `effectiveFrom`.
    public mutating func acceptDraft(by role: Role, user: User.ID?, at now: Date, effectiveFrom: CalendarDate) throws(ContractVersionError)
    {
        guard status == .draft else { throw .notADraft(number) }
        guard role.isAuthorisedApprover else { throw .notASigner(role) }
        guard !acceptances.contains(where: { $0.party == role.party }) else { throw .alreadyAccepted(role.party) }
        acceptances.append(Acceptance(party: role.party, userID: user, at: now))
        if Set(acceptances.map(\.party)) == Set(Party.allCases) {
            status = .accepted
            self.effectiveFrom = effectiveFrom
        }
    }
}

/// Why a contract version could not be changed or accepted.
public enum ContractVersionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The version is accepted; it changes only through a change request.
    case notADraft(Int)
    /// Only the practice's administrator or manager edits the draft.
    case notAnEditor(Role)
    /// Only a party's authorised signer accepts a contract.
    case notASigner(Role)
    /// The party has already accepted this draft.
    case alreadyAccepted(Party)
    /// The contract has problems that stop it being accepted.
    case invalid([String])
    /// No version of the contract exists on that date.
    case noneInForce(CalendarDate)

    public var description: String {
        switch self {
        case .notADraft(let number): "contract version \(number) is in force and cannot be edited; propose a change request"
        case .notAnEditor(let role):
            "your role (\(role.label)) may not edit the draft contract; the practice administrator or manager does"
        case .notASigner(let role):
            "your role (\(role.label)) may not accept a contract; the practice administrator and the vendor team lead do"
        case .alreadyAccepted(let party): "the \(party.rawValue) has already accepted this draft"
        case .invalid(let problems): "the contract is not valid: \(problems.joined(separator: "; "))"
        case .noneInForce(let date): "no contract version is in force on \(date)"
        }
    }
}

extension ContractVersionError: CataloguedError {
    public var failureKind: FailureKind {
        switch self {
        case .notAnEditor, .notASigner: .forbidden
        case .notADraft, .alreadyAccepted: .conflict
        case .invalid: .invalid
        case .noneInForce: .notFound
        }
    }
}

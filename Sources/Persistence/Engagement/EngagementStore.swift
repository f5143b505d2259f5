import Domain
import FluentKit
import Foundation

/// Reads and writes engagements, their contract versions and points of contact. Every read that
/// takes an id checks that the caller's organisation is a party; another tenant's engagement
/// answers exactly like a missing one.
public struct EngagementStore: Sendable {
    let database: any Database

    /// A store over `database` (a connection or an open transaction).
    public init(_ database: any Database) { self.database = database }

    /// Creates an engagement with version 1 of its contract from `template`: a draft, or, with
    /// `signedOn`, an agreement both parties already signed, in force from that date. This is the
    /// operator's command (`sightline engagement create`), made with both parties' written word;
    /// in the app a practice invites a vendor and the engagement is made when the vendor's lead
    /// accepts (``InvitationStore``).
    public func create(
        practice practiceID: Organization.ID, vendor vendorID: Organization.ID, template: ContractTemplate, signedOn: CalendarDate?,
        now: Date
    ) async throws -> Engagement {
        try await database.atomically { transaction in
            let signed = signedOn.map { _ in
                Party.allCases.map { ContractVersion.Acceptance(party: $0, userID: nil, at: now, note: "signed outside Sightline") }
            }
            return try await EngagementStore(transaction).make(
                practice: practiceID, vendor: vendorID, template: template, signedOn: signedOn,
                acceptances: signed ?? [], how: nil, now: now)
        }
    }

    /// Makes the engagement inside the caller's transaction: checks both organisations' kinds and
    /// that no engagement between them is open, puts the vendor's team on it, writes version 1
    /// (accepted by `acceptances` when `signedOn` is given) and the audit record (`how` adds how it came about).
    func make(
        practice practiceID: Organization.ID, vendor vendorID: Organization.ID, template: ContractTemplate, signedOn: CalendarDate?,
        acceptances: [ContractVersion.Acceptance], how: String?, now: Date
    ) async throws -> Engagement {
        let organizations = OrganizationStore(database)
        guard let practice = try await organizations.find(practiceID) else { throw StoreError.organizationNotFound(practiceID.description) }
        guard practice.kind == .practice else { throw EngagementError.wrongKind(role: .practice, organization: practiceID.description) }
        guard let vendor = try await organizations.find(vendorID) else { throw StoreError.organizationNotFound(vendorID.description) }
        guard vendor.kind == .vendor else { throw EngagementError.wrongKind(role: .vendor, organization: vendorID.description) }
        let open = try await EngagementModel.query(on: database).filter(\.$practiceID == practiceID.rawValue)
            .filter(\.$vendorID == vendorID.rawValue).filter(\.$status != Engagement.Status.ended.rawValue).count()
        guard open == 0 else { throw EngagementError.alreadyEngaged(practice: practice.name, vendor: vendor.name) }
        let engagement = Engagement(
            practiceID: practiceID, vendorID: vendorID, status: signedOn == nil ? .draft : .active, template: template.rawValue,
            createdAt: now)
        try await EngagementModel(engagement).create(on: database)
        try await MembershipStore(database).addSigningTeam(of: engagement, at: now)
        let version = ContractVersion(
            engagementID: engagement.id, number: 1, status: signedOn == nil ? .draft : .accepted,
            contract: template.contract(timeZone: practice.timeZone), effectiveFrom: signedOn,
            acceptances: signedOn == nil ? [] : acceptances,
            changeRequest: nil, createdAt: now)
        try await ContractVersionModel(version, practiceID: practiceID.rawValue).create(on: database)
        let made =
            signedOn.map { "engagement created with \(vendor.name.prefix(80)), contract signed \($0)" }
            ?? "engagement created with \(vendor.name.prefix(80)), contract drafted"
        try await AuditTrail(database).record(
            AuditEntry(
                "contract.change", practice: practiceID.rawValue, object: "engagement:\(engagement.id)",
                detail: how.map { "\(made), \($0)" } ?? made), at: now)
        return engagement
    }

    /// The engagements `organization` is a party to, newest first (for the operator and for
    /// work that runs for a whole organisation; people see ``list(visibleTo:)``).
    public func list(of organization: Organization.ID) async throws -> [Engagement] {
        try await EngagementModel.query(on: database).group(.or) {
            $0.filter(\.$practiceID == organization.rawValue).filter(\.$vendorID == organization.rawValue)
        }.sort(\.$createdAt, .descending).all().map { try $0.domain() }
    }

    /// The engagements the caller sees, newest first: all of their practice's; of their vendor's,
    /// those they are an active member of.
    public func list(visibleTo caller: Caller) async throws -> [Engagement] {
        let all = try await list(of: caller.organization.id)
        guard caller.organization.kind == .vendor else { return all }
        let mine = Set(try await MembershipStore(database).engagements(of: caller.user.id))
        return all.filter { mine.contains($0.id.rawValue) }
    }

    /// The engagement with `id` when the caller's practice is a party to it, or their vendor is and
    /// they are an active member; anything else answers like a missing engagement.
    public func find(_ id: Engagement.ID, visibleTo caller: Caller) async throws -> Engagement {
        let organization = caller.organization.id.rawValue
        guard let model = try await EngagementModel.find(id.rawValue, on: database),
            model.practiceID == organization || model.vendorID == organization
        else { throw StoreError.notFound(kind: "engagement", id: id.description) }
        if model.practiceID != organization, !(try await MembershipStore(database).isMember(caller.user.id, of: id)) {
            throw StoreError.notFound(kind: "engagement", id: id.description)
        }
        return try model.domain()
    }

    /// The engagement a record (a pilot, a risk, an audit, …) belongs to, for a caller who asked
    /// for that record by id: when the caller does not see the engagement, the record itself
    /// answers as missing, exactly like one that does not exist.
    public func owning(_ engagement: UUID, of kind: String, id: String, visibleTo caller: Caller) async throws -> Engagement {
        do {
            return try await find(.init(engagement), visibleTo: caller)
        } catch StoreError.notFound {
            throw StoreError.notFound(kind: kind, id: id)
        }
    }

    /// The engagement with `id` and its practice, whoever asks: for the operator's command line only.
    public func unscoped(_ id: Engagement.ID) async throws -> (Engagement, Organization) {
        guard let engagement = try await EngagementModel.find(id.rawValue, on: database)?.domain() else {
            throw StoreError.notFound(kind: "engagement", id: id.description)
        }
        guard let practice = try await OrganizationStore(database).find(engagement.practiceID) else {
            throw StoreError.organizationNotFound(engagement.practiceID.description)
        }
        return (engagement, practice)
    }

    /// Every version of the engagement's contract, oldest first.
    public func versions(of engagement: Engagement.ID) async throws -> [ContractVersion] {
        try await ContractVersionModel.query(on: database).filter(\.$engagementID == engagement.rawValue).sort(\.$number).all()
            .map { try $0.domain() }
    }

    /// The version to show: `number` when given; else the one in force on `day` (default today in
    /// the practice's time zone), or, with no day asked for and none in force yet, the draft.
    public func version(of engagement: Engagement, number: Int?, on day: CalendarDate?, now: Date) async throws -> ContractVersion {
        if let number { return try await version(number, of: engagement.id) }
        let versions = try await versions(of: engagement.id)
        let date: CalendarDate
        if let day { date = day } else { date = try await today(for: engagement, now: now) }
        if let found = ContractVersion.inForce(on: date, among: versions) { return found }
        if day == nil, let draft = versions.last, draft.status == .draft { return draft }
        throw ContractVersionError.noneInForce(date)
    }

    /// One version by number.
    public func version(_ number: Int, of engagement: Engagement.ID) async throws -> ContractVersion {
        guard let model = try await versionModel(number, of: engagement) else {
            throw StoreError.notFound(kind: "contract version", id: "\(number)")
        }
        return try model.domain()
    }

    func versionModel(_ number: Int, of engagement: Engagement.ID) async throws -> ContractVersionModel? {
        try await ContractVersionModel.query(on: database).filter(\.$engagementID == engagement.rawValue).filter(\.$number == number)
            .first()
    }

    /// Replaces the draft contract (version 1 before both parties accepted it).
    public func editDraft(of engagement: Engagement, contract: Contract, by role: Role) async throws -> ContractVersion {
        try await database.atomically { transaction in
            let store = EngagementStore(transaction)
            guard let model = try await store.versionModel(1, of: engagement.id) else {
                throw StoreError.notFound(kind: "contract version", id: "1")
            }
            var version = try model.domain()
            try version.editDraft(contract, by: role)
            try model.update(from: version)
            try await model.update(on: transaction)
            try await AuditTrail(transaction).record(
                AuditEntry(
                    "contract.change", practice: engagement.practiceID.rawValue, object: "engagement:\(engagement.id)",
                    detail: "draft contract edited"), at: Date())
            return version
        }
    }

    /// Records the caller's party accepting the draft; with both parties, the contract is in force
    /// from `effectiveFrom` (default: today in the practice's time zone).
    public func acceptDraft(
        of engagement: Engagement, by caller: Caller, effectiveFrom: CalendarDate?, now: Date
    ) async throws -> ContractVersion {
        try await database.atomically { transaction in
            let store = EngagementStore(transaction)
            guard let model = try await store.versionModel(1, of: engagement.id) else {
                throw StoreError.notFound(kind: "contract version", id: "1")
            }
            var version = try model.domain()
            let today = try await store.today(for: engagement, now: now)
            try version.acceptDraft(by: caller.user.role, user: caller.user.id, at: now, effectiveFrom: effectiveFrom ?? today)
            try model.update(from: version)
            try await model.update(on: transaction)
            if version.status == .accepted, let row = try await EngagementModel.find(engagement.id.rawValue, on: transaction) {
                row.status = Engagement.Status.active.rawValue
                try await row.update(on: transaction)
            }
            try await AuditTrail(transaction).record(
                AuditEntry(
                    "contract.change", practice: engagement.practiceID.rawValue, object: "engagement:\(engagement.id)",
                    detail: version.status == .accepted
                        ? "draft accepted by both parties: in force" : "draft accepted by the \(caller.user.role.party.rawValue)"), at: now)
            return version
        }
    }

    /// Today's date in the practice's time zone.
    func today(for engagement: Engagement, now: Date) async throws -> CalendarDate {
        let practice = try await OrganizationStore(database).find(engagement.practiceID)
        guard let today = CalendarDate.on(now, in: practice?.timeZone ?? "UTC") else {
            throw StoreError.corruptRow(table: "organizations", detail: "time zone")
        }
        return today
    }

    /// The fragmentation among the practice's engagements that have not ended, from each one's
    /// newest contract version (a draft included: the warning matters most while drafting).
    public func fragmentation(practice: Organization.ID) async throws -> [FragmentationWarning] {
        let engagements = try await EngagementModel.query(on: database).filter(\.$practiceID == practice.rawValue)
            .filter(\.$status != Engagement.Status.ended.rawValue).sort(\.$createdAt).all().map { try $0.domain() }
        var holdings: [FragmentationWarning.Holding] = []
        for engagement in engagements {
            guard let newest = try await versions(of: engagement.id).last else { continue }
            holdings.append(.init(engagement: engagement.id, vendor: engagement.vendorID, grid: newest.contract.grid))
        }
        return FragmentationWarning.detect(holdings)
    }
}

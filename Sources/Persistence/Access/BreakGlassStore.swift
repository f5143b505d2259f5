import Domain
import FluentKit
import Foundation

/// Table `break_glass_grants`.
final class BreakGlassGrantModel: Model, @unchecked Sendable {
    static let schema = "break_glass_grants"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "reason") var reason: String
    @Field(key: "opened_at") var openedAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "ended_at") var endedAt: Date?
    @OptionalField(key: "ended_by") var endedBy: UUID?

    init() {}

    func domain() -> BreakGlassGrant {
        BreakGlassGrant(
            id: .init(id ?? UUID()), userID: .init(userID), practiceID: .init(practiceID), reason: reason,
            openedAt: openedAt, expiresAt: expiresAt, endedAt: endedAt)
    }
}

/// Opens, finds and ends break-glass grants. Opening and ending are audited at high severity in
/// the practice's trail, and opening e-mails the practice's administrators.
public struct BreakGlassStore: Sendable {
    let database: any Database

    public init(_ database: any Database) { self.database = database }

    /// Opens a grant for the caller: a practice's auditor for their practice, a vendor's people
    /// for a practice that engages their organisation (`practice` names it when there are several).
    /// A grant already open for the same practice ends and this one takes its place.
    public func open(
        for caller: Caller, practice: Organization.ID?, reason text: String, hours: Double?, now: Date
    ) async throws -> BreakGlassGrant {
        let (reason, length) = try BreakGlassGrant.validate(role: caller.user.role, reason: text, hours: hours)
        let practiceID = try await self.practice(for: caller, named: practice)
        return try await database.atomically { transaction in
            for open in try await Self.open(user: caller.user.id, practice: practiceID, at: now, on: transaction) {
                open.endedAt = now
                open.endedBy = caller.user.id.rawValue
                try await open.update(on: transaction)
            }
            let row = BreakGlassGrantModel()
            row.id = UUID()
            row.userID = caller.user.id.rawValue
            row.practiceID = practiceID.rawValue
            row.reason = reason
            row.openedAt = now
            row.expiresAt = now.addingTimeInterval(length)
            try await row.create(on: transaction)
            let grant = row.domain()
            try await AuditTrail(transaction).record(
                AuditEntry(
                    "breakglass.opened", practice: practiceID.rawValue, object: "break-glass:\(grant.id)", severity: .high,
                    detail: "until \(Self.instant(grant.expiresAt)): \(reason.prefix(500))"), at: now)
            let organization =
                try await OrganizationModel.find(caller.organization.id.rawValue, on: transaction)?.name ?? "another organisation"
            try await MailOutbox(transaction).tellAdministrators(
                of: practiceID, subject: "Break-glass access to your patient data",
                body:
                    "\(caller.user.email.value) (\(caller.user.role.label), \(organization)) opened emergency access to your practice's patient data until \(Self.instant(grant.expiresAt)) UTC.\nTheir reason and every read under this access are in Sightline's audit trail (/audit, severity high). End it early on the Break glass page.",
                now: now)
            return grant
        }
    }

    /// The caller's open grant for `practice` (or, when none is named, the only practice they hold one for).
    public func active(for caller: Caller, practice: Organization.ID?, now: Date) async throws -> BreakGlassGrant? {
        var query = BreakGlassGrantModel.query(on: database).filter(\.$userID == caller.user.id.rawValue)
            .filter(\.$endedAt == nil).filter(\.$expiresAt > now)
        if let practice { query = query.filter(\.$practiceID == practice.rawValue) }
        var open = try await query.sort(\.$openedAt, .descending).all()
        if caller.organization.kind == .vendor {
            // Only while they still work with the practice: a member of an engagement in force with it.
            let practices = Set(
                try await EngagementStore(database).list(visibleTo: caller).filter { $0.status == .active }.map(\.practiceID.rawValue))
            open = open.filter { practices.contains($0.practiceID) }
        }
        guard Set(open.map(\.practiceID)).count <= 1 else {
            throw BreakGlassError.choosePractice(Array(Set(open.map(\.practiceID.uuidString))).sorted())
        }
        return open.first?.domain()
    }

    /// Grants the caller may see: their own, and for a practice's people every grant to their practice; newest first.
    public func list(visibleTo caller: Caller, limit: Int = 100) async throws -> [BreakGlassGrant] {
        try await BreakGlassGrantModel.query(on: database).group(.or) {
            $0.filter(\.$userID == caller.user.id.rawValue).filter(\.$practiceID == caller.organization.id.rawValue)
        }.sort(\.$openedAt, .descending).limit(limit).all().map { $0.domain() }
    }

    /// Ends a grant early: its holder, or the practice's administrator or auditor. Anyone else
    /// gets the answer a grant that does not exist gets.
    public func end(_ id: BreakGlassGrant.ID, by caller: Caller, now: Date) async throws -> BreakGlassGrant {
        try await database.atomically { transaction in
            guard let row = try await BreakGlassGrantModel.find(id.rawValue, on: transaction),
                row.userID == caller.user.id.rawValue || row.practiceID == caller.organization.id.rawValue
            else { throw StoreError.notFound(kind: "break-glass grant", id: id.description) }
            guard row.userID == caller.user.id.rawValue || Policy.allows(caller, .endOthersBreakGlass) else {
                throw BreakGlassError.notEligible(caller.user.role)
            }
            if row.endedAt == nil, row.expiresAt > now {
                row.endedAt = now
                row.endedBy = caller.user.id.rawValue
                try await row.update(on: transaction)
                try await AuditTrail(transaction).record(
                    AuditEntry(
                        "breakglass.ended", practice: row.practiceID, object: "break-glass:\(id)", severity: .high, detail: "ended early"),
                    at: now)
            }
            return row.domain()
        }
    }

    /// The practice a caller's grant is for.
    private func practice(for caller: Caller, named: Organization.ID?) async throws -> Organization.ID {
        if caller.organization.kind == .practice { return caller.organization.id }
        // The practices of engagements in force the caller works on.
        let engaged = try await EngagementStore(database).list(visibleTo: caller).filter { $0.status == .active }.map(\.practiceID)
        if let named {
            guard engaged.contains(named) else { throw StoreError.notFound(kind: "practice", id: named.description) }
            return named
        }
        let distinct = Array(Set(engaged))
        guard distinct.count == 1, let only = distinct.first else {
            if distinct.isEmpty { throw StoreError.notFound(kind: "engagement", id: "with a practice in force") }
            throw BreakGlassError.choosePractice(distinct.map(\.description).sorted())
        }
        return only
    }

    private static func open(
        user: User.ID, practice: Organization.ID, at now: Date, on database: any Database
    ) async throws -> [BreakGlassGrantModel] {
        try await BreakGlassGrantModel.query(on: database).filter(\.$userID == user.rawValue).filter(\.$practiceID == practice.rawValue)
            .filter(\.$endedAt == nil).filter(\.$expiresAt > now).all()
    }

    public static func instant(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}

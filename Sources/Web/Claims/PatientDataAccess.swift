import Domain
import Foundation
import Persistence
import Vapor

/// Whose claims a request reads and on what authority: the caller's practice for the roles that
/// read claims, or an open break-glass grant for anyone else (vendor people, or the auditor
/// for patients' identifiers). Reads under a grant are audited at high severity.
struct PatientDataAccess {
    let practiceID: UUID
    let grant: BreakGlassGrant?
    /// Whether patients' names, member ids, birth dates and addresses may be shown.
    let identifiers: Bool

    static func resolve(_ request: Request, to action: String) async throws -> PatientDataAccess {
        let caller = try request.caller
        let named = try QueryParameters(request.url.query).first("practice").map { text in
            guard let id = Organization.ID(string: text) else { throw APIError.invalidInput(field: "practice", reason: "is not an id") }
            return id
        }
        let grant =
            Policy.allows(caller.user.role, .openBreakGlass)
            ? try await BreakGlassStore(request.tenantDB).active(for: caller, practice: named, now: request.now) : nil
        if caller.organization.kind == .practice, Policy.allows(caller.user.role, .readFigures) {
            return PatientDataAccess(
                practiceID: caller.organization.id.rawValue, grant: grant,
                identifiers: Policy.allows(caller.user.role, .readPatientIdentity) || grant != nil)
        }
        guard let grant else {
            throw Abort(
                .forbidden,
                reason:
                    "your role (\(caller.user.role.rawValue)) may not \(action); in an emergency, break the glass (the Break glass page, or POST /api/v1/break-glass) with a reason"
            )
        }
        return PatientDataAccess(practiceID: grant.practiceID.rawValue, grant: grant, identifiers: true)
    }

    /// `entry` as this access records it: in the practice's trail, at high severity under a grant.
    func record(_ entry: AuditEntry) -> AuditEntry {
        var entry = entry
        entry.practice = practiceID
        if let grant {
            entry.severity = .high
            entry.detail = "break-glass \(grant.id)" + (entry.detail.map { "; \($0)" } ?? "")
        }
        return entry
    }
}

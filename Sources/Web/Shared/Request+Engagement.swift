import Domain
import Persistence
import Vapor

/// What every route of an engagement asks first: who calls, the engagement they may see, and
/// the practice's zone and today. One home, so no controller reaches into another for them.
extension Request {
    /// The engagement named in the path (`:engagement`), when the caller's organisation is a party
    /// to it; another tenant's answers like a missing one (404).
    func engagement() async throws -> (Caller, Engagement) {
        let caller = try self.caller
        let text = parameters.get("engagement") ?? ""
        guard let id = Engagement.ID(string: text) else { throw StoreError.notFound(kind: "engagement", id: text) }
        return (caller, try await EngagementStore(tenantDB).find(id, visibleTo: caller))
    }

    /// The time zone of the engagement's practice, in which its days, months and clocks are read (UTC if it names none).
    func practiceZone(of engagement: Engagement) async throws -> String {
        try await OrganizationStore(tenantDB).find(engagement.practiceID)?.timeZone ?? "UTC"
    }

    /// The practice's zone and today's day in it.
    func practiceToday(of engagement: Engagement) async throws -> (zone: String, today: CalendarDate) {
        let zone = try await practiceZone(of: engagement)
        guard let today = CalendarDate.on(now, in: zone) else { throw Abort(.internalServerError) }
        return (zone, today)
    }
}

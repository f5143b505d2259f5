import Domain
import Persistence
import Vapor

extension Request {
    /// The time zone of the engagement's practice, in which its days, months and clocks are read (UTC if it names none).
    func practiceZone(of engagement: Engagement) async throws -> String {
        try await OrganizationStore(tenantDB).find(engagement.practiceID)?.timeZone ?? "UTC"
    }

    /// The practice's zone and today's day in it.
    func practiceToday(of engagement: Engagement) async throws -> (zone: String, today: CalendarDate) {
        let zone = try await practiceZone(of: engagement)
        guard let today = CalendarDate.on(Date(), in: zone) else { throw Abort(.internalServerError) }
        return (zone, today)
    }
}

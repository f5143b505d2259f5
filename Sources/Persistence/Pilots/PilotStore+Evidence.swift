import Domain
import FluentKit
import Foundation

extension PilotStore {
    /// Judges a phase's gate now on the scope's evidence: the figures of the baseline and pilot
    /// days restricted to the scope's payers, locations, providers and procedures, and the share
    /// met of each of the vendor's clocks on the tickets opened in the pilot's days (on the
    /// scope's grid tasks when it names any), days read in the practice's time zone.
    public func evaluate(_ pilot: Pilot, in engagement: Engagement, at now: Date) async throws -> GateEvaluation {
        let zone = try await OrganizationStore(database).find(engagement.practiceID)?.timeZone ?? "UTC"
        let query = try KPIQuery(database)
        var filters: [KPIDimension: Set<String>] = [:]
        filters[.payer] = Set(pilot.scope.payers)
        filters[.location] = Set(pilot.scope.locations)
        filters[.provider] = Set(pilot.scope.providers)
        filters[.procedure] = Set(pilot.scope.procedures)
        let practice = engagement.practiceID.rawValue
        let baseline = try await query.answer(
            KPIRequest(practiceID: practice, from: pilot.baselineFrom, to: pilot.baselineTo, filters: filters)
        ).totals
        let during = try await query.answer(KPIRequest(practiceID: practice, from: pilot.from, to: pilot.to, filters: filters)).totals
        let tasks = Set(pilot.scope.gridTasks)
        let items = try await TicketStore(database).reportItems(in: engagement.id, from: pilot.from, to: pilot.to, zone: zone, asOf: now)
            .filter { $0.ticket.assignedParty == .vendor && (tasks.isEmpty || $0.ticket.gridTask.map(tasks.contains) == true) }
        var serviceLevels: [String: Double?] = [:]
        for row in SLAReport(items, by: .party).rows where row.group == Party.vendor.rawValue {
            serviceLevels[row.clock] = row.shareMet
        }
        return GateEvaluation(
            pilot, evidence: .init(baseline: baseline, pilot: during, serviceLevels: serviceLevels), at: now,
            today: CalendarDate.on(now, in: zone) ?? pilot.to)
    }
}

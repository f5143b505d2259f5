import Domain
import FluentKit
import Foundation

/// Where an engagement's targets stand: each figure computed now over the target's own period and
/// judged by ``ServiceLevelJudge`` as of the practice's today, beside what the period's close froze
/// (with the billing files imported since), so a page shows both when they differ.
public struct ServiceLevelStandings: Sendable {
    let database: any Database

    public init(_ database: any Database) { self.database = database }

    /// The standing of every target over the period `period` gives it.
    /// - Parameters:
    ///   - today: the practice's day; a period not over by then is in progress.
    ///   - zone: the practice's time zone, in which the day of a close is read.
    public func standings(of engagement: Engagement, targets: [KPITarget], today: CalendarDate, zone: String,
                          period: (KPITarget) -> MeasurementPeriod) async throws -> [TargetStanding] {
        guard !targets.isEmpty else { return [] }
        let query = try KPIQuery(database)
        var figures: [MeasurementPeriod: KPIFigures] = [:]
        var standings: [TargetStanding] = []
        var filesSince: [Date: Int] = [:]
        for target in targets {
            let measured = period(target)
            if figures[measured] == nil {
                let asOf = min(measured.to, today)
                figures[measured] = try await query.answer(KPIRequest(practiceID: engagement.practiceID.rawValue, from: measured.from,
                                                                      to: measured.to, asOf: asOf)).totals
            }
            let totals = figures[measured] ?? KPIFigures(KPISums())
            var atClose: TargetStanding.AtClose?
            if let row = try await ServiceLevelResultModel.query(on: database).filter(\.$engagementID == engagement.id.rawValue)
                .filter(\.$month == measured.closingMonth.description).filter(\.$targetKey == target.key).first() {
                let stored = try StoredDocument.decode(ServiceLevelResult.self, from: row.document, table: ServiceLevelResultModel.schema)
                if filesSince[row.evaluatedAt] == nil {
                    filesSince[row.evaluatedAt] = try await BillingFileModel.query(on: database).filter(\.$practiceID == engagement.practiceID.rawValue)
                        .filter(\.$importedAt > row.evaluatedAt).count()
                }
                atClose = .init(closedOn: CalendarDate.on(row.evaluatedAt, in: zone) ?? measured.to, value: stored.value, verdict: stored.verdict,
                                filesSince: filesSince[row.evaluatedAt] ?? 0)
            }
            standings.append(TargetStanding(target: target, period: measured, value: totals.value(of: target.figure),
                                            reason: totals.reasons[target.figure], asOf: today, atClose: atClose))
        }
        return standings
    }

    /// The standings of the contract in force at the end of `month` (or today, if sooner), each over the period of its kind that `month` falls in.
    public func standings(of engagement: Engagement, month: CalendarMonth, today: CalendarDate, zone: String) async throws -> [TargetStanding] {
        let versions = try await EngagementStore(database).versions(of: engagement.id)
        let targets = ContractVersion.inForce(on: min(month.lastDay, today), among: versions)?.contract.serviceLevels.kpiTargets ?? []
        return try await standings(of: engagement, targets: targets, today: today, zone: zone) { MeasurementPeriod($0.period, containing: month) }
    }

    /// The targets judged at the closes of `months`, each beside the same figure computed now over
    /// the same days and judged by the same target (the stored outcome is read as stored: old
    /// rows' `met`, `missed` and `not_measurable` stay readable).
    public func closed(_ engagementID: Engagement.ID, months: [String], zone: String, asOf now: Date) async throws -> [VendorScorecard.Target] {
        let rows = try await ServiceLevelResultModel.query(on: database).filter(\.$engagementID == engagementID.rawValue).filter(\.$month ~~ months).all()
        guard !rows.isEmpty, let engagement = try await EngagementModel.find(engagementID.rawValue, on: database)?.domain() else { return [] }
        let today = CalendarDate.on(now, in: zone) ?? CalendarDate(year: 1970, month: 1, day: 1)!
        var found: [VendorScorecard.Target] = []
        for row in rows {
            let closed = try StoredDocument.decode(ServiceLevelResult.self, from: row.document, table: ServiceLevelResultModel.schema)
            let period = MeasurementPeriod(closed.target.period, containing: CalendarMonth(closed.to))
            let standing = try await standings(of: engagement, targets: [closed.target], today: today, zone: zone) { _ in period }.first
            if let standing { found.append(VendorScorecard.Target(month: row.month, closed: closed, standing: standing)) }
        }
        return found
    }
}

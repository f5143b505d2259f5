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
    public func standings(
        of engagement: Engagement, targets: [KPITarget], today: CalendarDate, zone: String,
        period: (KPITarget) -> MeasurementPeriod
    ) async throws -> [TargetStanding] {
        guard !targets.isEmpty else { return [] }
        var lookups = try Lookups(database, practiceID: engagement.practiceID.rawValue, today: today, zone: zone)
        var standings: [TargetStanding] = []
        for target in targets {
            let measured = period(target)
            let row = try await ServiceLevelResultModel.query(on: database).filter(\.$engagementID == engagement.id.rawValue)
                .filter(\.$month == measured.closingMonth.description).filter(\.$targetKey == target.key).first()
            standings.append(try await lookups.standing(of: target, over: measured, closedIn: row))
        }
        return standings
    }

    /// The standings of the contract in force at the end of `month` (or today, if sooner), each over the period of its kind that `month` falls in.
    public func standings(
        of engagement: Engagement, month: CalendarMonth, today: CalendarDate, zone: String
    ) async throws -> [TargetStanding] {
        let versions = try await EngagementStore(database).versions(of: engagement.id)
        let targets = ContractVersion.inForce(on: min(month.lastDay, today), among: versions)?.contract.serviceLevels.kpiTargets ?? []
        return try await standings(of: engagement, targets: targets, today: today, zone: zone) {
            MeasurementPeriod($0.period, containing: month)
        }
    }

    /// The targets judged at the closes of `months`, each beside the same figure computed now over
    /// the same days and judged by the same target (the stored outcome is read as stored: old
    /// rows' `met`, `missed` and `not_measurable` stay readable).
    public func closed(
        _ engagementID: Engagement.ID, months: [String], zone: String, asOf now: Date
    ) async throws -> [VendorScorecard.Target] {
        let rows = try await ServiceLevelResultModel.query(on: database).filter(\.$engagementID == engagementID.rawValue).filter(
            \.$month ~~ months
        ).all()
        guard !rows.isEmpty, let today = CalendarDate.on(now, in: zone) else { return [] }
        var lookups = try Lookups(database, practiceID: rows[0].practiceID, today: today, zone: zone)
        var found: [VendorScorecard.Target] = []
        for row in rows {
            let closed = try StoredDocument.decode(ServiceLevelResult.self, from: row.document, table: ServiceLevelResultModel.schema)
            let period = MeasurementPeriod(closed.target.period, containing: CalendarMonth(closed.to))
            let standing = try await lookups.standing(of: closed.target, over: period, closedIn: row)
            found.append(VendorScorecard.Target(month: row.month, closed: closed, standing: standing))
        }
        return found
    }

    /// The figures of each period and the files imported after each close, each read once however many targets share them.
    private struct Lookups {
        let database: any Database
        let query: KPIQuery
        let practiceID: UUID
        let today: CalendarDate
        let zone: String
        var figures: [MeasurementPeriod: KPIFigures] = [:]
        var filesSince: [Date: Int] = [:]

        init(_ database: any Database, practiceID: UUID, today: CalendarDate, zone: String) throws {
            self.database = database
            query = try KPIQuery(database)
            self.practiceID = practiceID
            self.today = today
            self.zone = zone
        }

        /// The figure now over `period` (balances as of its end, or today if sooner), judged as of today, beside the close in `row`.
        mutating func standing(
            of target: KPITarget, over period: MeasurementPeriod, closedIn row: ServiceLevelResultModel?
        ) async throws -> TargetStanding {
            if figures[period] == nil {
                figures[period] = try await query.answer(
                    KPIRequest(practiceID: practiceID, from: period.from, to: period.to, asOf: min(period.to, today))
                ).totals
            }
            let totals = figures[period] ?? KPIFigures(KPISums())
            var atClose: TargetStanding.AtClose?
            if let row {
                let stored = try StoredDocument.decode(ServiceLevelResult.self, from: row.document, table: ServiceLevelResultModel.schema)
                if filesSince[row.evaluatedAt] == nil {
                    filesSince[row.evaluatedAt] = try await BillingFileModel.query(on: database).filter(\.$practiceID == practiceID)
                        .filter(\.$importedAt > row.evaluatedAt).count()
                }
                atClose = .init(
                    closedOn: CalendarDate.on(row.evaluatedAt, in: zone) ?? period.to, value: stored.value, verdict: stored.verdict,
                    filesSince: filesSince[row.evaluatedAt] ?? 0)
            }
            return TargetStanding(
                target: target, period: period, value: totals.value(of: target.figure), reason: totals.reasons[target.figure],
                asOf: today, atClose: atClose)
        }
    }
}

import Domain
import FluentKit
import Foundation
import SQLKit

/// What closing a month found, per engagement.
public struct PeriodCloseReport: Sendable, Equatable, Codable {
    /// One engagement's verdicts.
    public struct Engagement: Sendable, Equatable, Codable {
        public var engagementID: Domain.Engagement.ID
        public var vendorName: String
        /// The contract version in force on the month's last day; `nil` when none was.
        public var contractVersion: Int?
        public var results: [Result]
    }

    /// One target's verdict and the ticket a miss opened.
    public struct Result: Sendable, Equatable, Codable {
        public var result: ServiceLevelResult
        public var ticket: String?
    }

    public var practiceID: Organization.ID
    public var month: CalendarMonth
    /// How many times the month has been closed, this run included.
    public var runs: Int
    public var engagements: [Engagement]

    /// Targets missed across engagements.
    public var misses: Int { engagements.reduce(0) { $0 + $1.results.filter { $0.result.outcome == .missed }.count } }
}

/// Closes a practice's month: evaluates every KPI target of every engagement's contract in force
/// from Sightline's own figures, and opens one `service_level_miss` ticket per missed target and
/// month, however often the close runs.
public struct PeriodCloser: Sendable {
    /// Who or what closed the month.
    public enum Trigger: String, Sendable {
        case manual, automatic
    }

    let database: any Database

    public init(_ database: any Database) { self.database = database }

    public func close(
        practice practiceID: Organization.ID, month: CalendarMonth, trigger: Trigger, by user: User.ID?, now: Date
    ) async throws -> PeriodCloseReport {
        guard let practice = try await OrganizationStore(database).find(practiceID), practice.kind == .practice else {
            throw StoreError.organizationNotFound(practiceID.description)
        }
        guard let today = CalendarDate.on(now, in: practice.timeZone), month.lastDay < today else {
            throw PeriodCloseError.monthNotOver(month.description)
        }
        return try await database.atomically { transaction in
            let engagements = try await EngagementModel.query(on: transaction).filter(\.$practiceID == practiceID.rawValue)
                .sort(\.$createdAt).all().map { try $0.domain() }
            var lines: [PeriodCloseReport.Engagement] = []
            for engagement in engagements {
                lines.append(try await Self.evaluate(engagement, month: month, on: transaction, now: now, today: today))
            }
            let row =
                try await PeriodCloseModel.query(on: transaction).filter(\.$practiceID == practiceID.rawValue)
                .filter(\.$month == month.description).first()
                ?? {
                    let row = PeriodCloseModel()
                    row.id = UUID()
                    row.practiceID = practiceID.rawValue
                    row.month = month.description
                    row.runs = 0
                    return row
                }()
            row.runs += 1
            row.trigger = trigger.rawValue
            row.closedBy = user?.rawValue
            row.closedAt = now
            try await row.save(on: transaction)
            return PeriodCloseReport(practiceID: practiceID, month: month, runs: row.runs, engagements: lines)
        }
    }

    static func evaluate(
        _ engagement: Engagement, month: CalendarMonth, on database: any Database, now: Date, today: CalendarDate
    ) async throws
        -> PeriodCloseReport.Engagement
    {
        let vendor = try await OrganizationStore(database).find(engagement.vendorID)
        let versions = try await EngagementStore(database).versions(of: engagement.id)
        guard let version = ContractVersion.inForce(on: month.lastDay, among: versions) else {
            return .init(engagementID: engagement.id, vendorName: vendor?.name ?? "", contractVersion: nil, results: [])
        }
        let query = try KPIQuery(database)
        var results: [PeriodCloseReport.Result] = []
        for target in version.contract.serviceLevels.kpiTargets {
            guard let span = ServiceLevelResult.span(of: target.period, closing: month) else { continue }
            let figures = try await query.answer(
                KPIRequest(practiceID: engagement.practiceID.rawValue, from: span.from, to: span.to, asOf: span.to)
            ).totals
            let result = ServiceLevelResult(
                target: target, from: span.from, to: span.to, value: figures.value(of: target.figure),
                reason: figures.reasons[target.figure], asOf: today)
            let row =
                try await ServiceLevelResultModel.query(on: database).filter(\.$engagementID == engagement.id.rawValue)
                .filter(\.$month == month.description).filter(\.$targetKey == target.key).first()
                ?? {
                    let row = ServiceLevelResultModel()
                    row.id = UUID()
                    row.practiceID = engagement.practiceID.rawValue
                    row.engagementID = engagement.id.rawValue
                    row.month = month.description
                    row.targetKey = target.key
                    return row
                }()
            var ticket: Ticket?
            if result.outcome == .missed {
                ticket = try await TicketStore(database).insert(
                    engagement: engagement, category: .serviceLevelMiss, priority: .high,
                    title:
                        "Service level missed in \(MeasurementPeriod(.month, containing: month).label): \(FigureCatalogue.label(target.figure))",
                    detail: result.summary, requester: .practice,
                    assignedParty: .vendor, gridTask: version.contract.grid.task(target.relatedTask)?.key, openedBy: nil, now: now,
                    evidence: evidence(for: result, version: version.number), dedupeKey: "service-level:\(target.key):\(month)")
            } else if let existing = row.ticketID {
                ticket = try await TicketModel.find(existing, on: database)?.domain()
            }
            row.contractVersion = version.number
            row.outcome = result.outcome.rawValue
            row.document = try StoredDocument.encode(result)
            row.ticketID = ticket?.id.rawValue ?? row.ticketID
            row.evaluatedAt = now
            try await row.save(on: database)
            results.append(.init(result: result, ticket: ticket?.reference))
        }
        return .init(engagementID: engagement.id, vendorName: vendor?.name ?? "", contractVersion: version.number, results: results)
    }

    /// Where the facts behind a verdict are: the figures and, where one exists, the claims behind them.
    static func evidence(for result: ServiceLevelResult, version: Int) -> [String: String] {
        var evidence = [
            "figure": result.target.figure,
            "value": result.value.map { String($0) } ?? "",
            "target": "\(result.target.comparator.rawValue) \(result.target.target)",
            "period": "\(result.from)..\(result.to)",
            "contractVersion": "\(version)",
            "figures": "/api/v1/kpis?from=\(result.from)&to=\(result.to)&asOf=\(result.to)",
        ]
        if let figure = result.target.claimsFigure {
            evidence["claims"] =
                figure == "openBalances"
                ? "/api/v1/claims?figure=openBalances&asOf=\(result.to)"
                : "/api/v1/claims?figure=\(figure)&from=\(result.from)&to=\(result.to)"
        }
        return evidence
    }

    /// The months to close automatically: after the last closed month (or the first month a
    /// contract was in force), up to the last month that is over, once its files are in — that is,
    /// once a remittance paid after the month's end has been imported.
    public func dueMonths(practice: Organization, now: Date) async throws -> [CalendarMonth] {
        guard let today = CalendarDate.on(now, in: practice.timeZone), let lastOver = CalendarMonth(today).adding(months: -1) else {
            return []
        }
        var earliest: CalendarDate?
        for engagement in try await EngagementModel.query(on: database).filter(\.$practiceID == practice.id.rawValue).all() {
            for version in try await EngagementStore(database).versions(of: .init(engagement.id ?? UUID())) {
                if let effective = version.effectiveFrom, version.status == .accepted { earliest = min(earliest ?? effective, effective) }
            }
        }
        guard let earliest, let sql = database as? any SQLDatabase else { return [] }
        let closed = try await PeriodCloseModel.query(on: database).filter(\.$practiceID == practice.id.rawValue).all().map(\.month)
        let latest = try await sql.select().column(SQLFunction("max", args: SQLColumn("payment_date")), as: "latest")
            .from("remittances").where("practice_id", .equal, practice.id.rawValue).first()
        let latestPayment = try latest?.decode(column: "latest", as: String?.self)
        guard let latestPayment, let paidThrough = CalendarDate(latestPayment) else { return [] }
        var months: [CalendarMonth] = []
        var month = CalendarMonth(earliest)
        while month <= lastOver {
            if !closed.contains(month.description), month.lastDay < paidThrough { months.append(month) }
            guard let next = month.adding(months: 1) else { break }
            month = next
        }
        return months
    }
}

/// Why a month could not be closed.
public enum PeriodCloseError: Error, Equatable, Sendable, CustomStringConvertible {
    case monthNotOver(String)

    public var description: String {
        switch self {
        case .monthNotOver(let month): "\(month) is not over yet in the practice's time zone"
        }
    }
}

extension PeriodCloseError: CataloguedError {
    public var failureKind: FailureKind {
        .invalid
    }
}

extension PeriodCloser {
    /// The practice's first month closed (`YYYY-MM`) and when it was closed; `nil` before any.
    public static func firstClose(of practice: Organization.ID, on database: any Database) async throws -> (month: String, closedAt: Date)?
    {
        guard
            let close = try await PeriodCloseModel.query(on: database).filter(\.$practiceID == practice.rawValue).sort(\.$closedAt).first()
        else { return nil }
        return (close.month, close.closedAt)
    }
}

import Domain
import FluentKit
import Foundation

/// Table `reported_figures`.
final class ReportedFigureModel: Model, @unchecked Sendable {
    static let schema = "reported_figures"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "engagement_id") var engagementID: UUID
    @Field(key: "month") var month: String
    @Field(key: "figure") var figure: String
    @Field(key: "value") var value: Double
    @Field(key: "reported_by") var reportedBy: UUID
    @Field(key: "reported_at") var reportedAt: Date

    init() {}
}

/// The vendor's monthly figures and their comparison with Sightline's own.
public struct ReportedFigureStore: Sendable {
    let database: any Database

    public init(_ database: any Database) { self.database = database }

    /// Records the vendor's figures for `month`, all or none; a figure reported again replaces the earlier value.
    public func record(
        _ figures: [String: Double], month: CalendarMonth, in engagement: Engagement, by caller: Caller, now: Date
    ) async throws {
        guard caller.user.role.party == .vendor, caller.organization.id == engagement.vendorID else { throw ReportedFigureError.vendorOnly }
        guard !figures.isEmpty else { throw ReportedFigureError.empty }
        for (figure, value) in figures {
            _ = try ReportedFigureError.value(String(value), figure: figure, line: nil)
        }
        try await database.atomically { transaction in
            for (figure, value) in figures.sorted(by: { $0.key < $1.key }) {
                let row =
                    try await ReportedFigureModel.query(on: transaction).filter(\.$engagementID == engagement.id.rawValue)
                    .filter(\.$month == month.description).filter(\.$figure == figure).first() ?? ReportedFigureModel()
                if row.id == nil {
                    row.id = UUID()
                    row.practiceID = engagement.practiceID.rawValue
                    row.engagementID = engagement.id.rawValue
                    row.month = month.description
                    row.figure = figure
                }
                row.value = value
                row.reportedBy = caller.user.id.rawValue
                row.reportedAt = now
                try await row.save(on: transaction)
            }
        }
    }

    /// The vendor's figures for `month` beside Sightline's (the month's figures, balances as of its
    /// last day), with the tolerance of the contract in force that day (2% when none is).
    public func comparison(month: CalendarMonth, in engagement: Engagement) async throws -> ReportedFigureComparison {
        let rows = try await ReportedFigureModel.query(on: database).filter(\.$engagementID == engagement.id.rawValue)
            .filter(\.$month == month.description).all()
        let reported = Dictionary(rows.map { ($0.figure, $0.value) }, uniquingKeysWith: { _, last in last })
        let versions = try await EngagementStore(database).versions(of: engagement.id)
        let tolerance = ContractVersion.inForce(on: month.lastDay, among: versions)?.contract.serviceLevels.reportingTolerance ?? 0.02
        let figures = try await KPIQuery(database).answer(
            KPIRequest(practiceID: engagement.practiceID.rawValue, from: month.firstDay, to: month.lastDay)
        ).totals
        return ReportedFigureComparison(month: month, tolerance: tolerance, reported: reported) { figures.value(of: $0) }
    }
}

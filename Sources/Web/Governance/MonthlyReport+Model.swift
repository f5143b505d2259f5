import Domain
import Foundation
import Persistence

/// `/engagements/{id}/report?month=`: one month of the engagement on paper for the governance
/// review — the revenue-cycle figures against the contract (for those who may read them), the
/// vendor's service levels, and change control.
struct MonthlyReportPageModel: Encodable, Equatable {
    struct Change: Encodable, Equatable {
        let reference, title, status, link, proposed: String
    }

    let chrome: PageChrome
    let title: String
    let parties: String
    let month: String
    let engagementLink: String
    let previousLink: String
    let nextLink: String?
    let generated: String
    let contract: String
    let service: ScorecardPageModel
    let figures: DashboardPageModel?
    /// The month has not ended in the practice's time zone: nothing in it is judged yet.
    let inProgress: Bool
    let openChanges: [Change]
    let decidedChanges: [Change]

    struct Input {
        let engagementID: Engagement.ID
        let practice: String
        let vendor: String
        let month: CalendarMonth
        /// The practice's zone: the month's days and every time shown are read in it.
        let zone: String
        let contract: ContractVersion?
        let card: VendorScorecard
        /// The month's figures and the six months ending with it; nil for those who may not read them.
        let figures: (totals: KPIFigures, months: [KPIGroup])?
        let changes: [ChangeRequest]
        let now: Date
        let currentMonth: CalendarMonth?
        /// Each target of the contract over the period of its kind the month falls in, judged as of the practice's today.
        var standings: [TargetStanding] = []
        /// The practice's today.
        var today: CalendarDate? = nil
    }

    init(chrome: PageChrome, _ input: Input) {
        self.chrome = chrome
        let name = RoleHomePageModel.monthName(input.month)
        title = "Monthly performance report, \(name)"
        parties = "\(input.practice) and \(input.vendor)"
        month = input.month.description
        engagementLink = "/engagements/\(input.engagementID)"
        let base = "/engagements/\(input.engagementID)/report?month="
        previousLink = base + (input.month.adding(months: -1)?.description ?? input.month.description)
        nextLink = input.currentMonth.flatMap { current in
            input.month < current ? input.month.adding(months: 1).map { base + $0.description } : nil
        }
        let formatter = ClockCell.formatter(timeZone: input.zone)
        generated = "Generated \(formatter.string(from: input.now)) (\(input.zone)); days are the practice's."
        contract =
            input.contract.map { "Contract version \($0.number)" + ($0.effectiveFrom.map { ", in force from \($0)" } ?? "") }
            ?? "No contract was in force at the month's end."
        service = ScorecardPageModel(chrome: chrome, engagementID: input.engagementID, card: input.card)
        figures = input.figures.map { figures in
            DashboardPageModel(
                chrome: chrome, from: input.month.firstDay, to: input.month.lastDay, totals: figures.totals, months: figures.months,
                payers: [], targets: input.contract?.contract.serviceLevels.kpiTargets ?? [], standings: input.standings,
                asOf: input.today.map { min($0, input.month.lastDay) })
        }
        inProgress = input.currentMonth.map { input.month >= $0 } ?? false
        let first = Self.start(of: input.month, zone: input.zone),
            last = input.month.adding(months: 1).flatMap { Self.start(of: $0, zone: input.zone) }
        func within(_ date: Date?) -> Bool { date.map { $0 >= (first ?? .distantPast) && $0 < (last ?? .distantFuture) } ?? false }
        func row(_ change: ChangeRequest) -> Change {
            Change(
                reference: change.reference, title: change.title, status: change.status.rawValue,
                link: "/engagements/\(input.engagementID)/change-requests/\(change.id)", proposed: formatter.string(from: change.proposedAt)
            )
        }
        // Still open now, and already proposed by the month's end.
        openChanges = input.changes.filter { $0.status == .proposed && $0.proposedAt < (last ?? .distantFuture) }.map(row)
        decidedChanges = input.changes.filter { change in
            change.status != .proposed && within(change.closing?.at ?? change.approvals.map(\.at).max())
        }.map(row)
    }

    /// Midnight starting the month's first day in `zone`.
    static func start(of month: CalendarMonth, zone: String) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        guard let timeZone = TimeZone(identifier: zone) else { return nil }
        calendar.timeZone = timeZone
        return calendar.date(from: DateComponents(year: month.year, month: month.month, day: 1))
    }
}

import Domain
import Foundation
import Persistence

/// `/scope?month=YYYY-MM`: the month's vendor work in and out of scope, with a path to the change
/// request that would bring each out-of-scope group into the contract.
struct ScopePageModel: Encodable, Equatable {
    struct Group: Encodable, Equatable {
        let task: String
        let why: String
        let tickets: Int
        let workRecords: Int
        let minutes: Int
        let proposeLink: String
    }

    struct Line: Encodable, Equatable {
        let vendor: String
        let engagementLink: String
        let inScope: Int
        let outOfScope: Int
        let outOfScopeHours: String
        let groups: [Group]
        /// "2 work records hold numbers too large to add up and are left out", or `nil`.
        let uncounted: String?
    }

    let chrome: PageChrome
    let month: String
    let previous: String
    let next: String
    let lines: [Line]

    init(chrome: PageChrome, report: ScopeReport) {
        self.chrome = chrome
        month = report.month.description
        previous = report.month.adding(months: -1)?.description ?? month
        next = report.month.adding(months: 1)?.description ?? month
        lines = report.lines.map { line in
            Line(
                vendor: line.vendorName, engagementLink: "/engagements/\(line.engagementID)",
                inScope: line.inScopeTickets + line.inScopeWorkRecords, outOfScope: line.outOfScopeTickets + line.outOfScopeWorkRecords,
                outOfScopeHours: KPITarget.format(Double(line.outOfScopeMinutes) / 60, rate: false),
                groups: line.groups.map { group in
                    let why =
                        switch group.status {
                        case .noTask: "tied to no task"
                        case .unknownTask: "a task the contract does not have"
                        case .inHouseTask: "a task the practice keeps in-house"
                        case .inScope: "in scope"
                        }
                    let change =
                        group.task.map { task in
                            group.status == .inHouseTask
                                ? "grid.tasks[\(task)].responsible = [\"vendor\"]" : "grid.tasks[\(task)] = {\"key\":\"\(task)\"}"
                        } ?? "grid.tasks[new-task] = {\"key\":\"new-task\"}"
                    let propose = PageLink.to(
                        "/engagements/\(line.engagementID)/change-requests/new",
                        [("kind", "scope"), ("title", "Add \(group.task ?? "the work") to the vendor's scope"), ("changes", change)])
                    return Group(
                        task: group.task ?? "—", why: why, tickets: group.tickets, workRecords: group.workRecords, minutes: group.minutes,
                        proposeLink: propose)
                },
                uncounted: line.uncounted == 0
                    ? nil
                    : "\(line.uncounted) work record\(line.uncounted == 1 ? " holds" : "s hold") numbers too large to add up and \(line.uncounted == 1 ? "is" : "are") left out of these totals"
            )
        }
    }
}

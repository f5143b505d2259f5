import Domain
import FluentKit
import Foundation
import Persistence

extension DemoWorkspace {
    /// What the practice's oversight of the vendor left.
    public struct Oversight: Sendable {
        /// Months the vendor reported its figures for, and the figures flagged beyond the tolerance.
        public let reportedMonths: Int
        public let flagged: Int
        /// The access review completed last quarter, and the one open now.
        public let completedAccessReview: String
        public let openAccessReview: String
    }

    /// The vendor's monthly figures and the practice's access reviews, as they happened: the
    /// vendor's lead sends each closed month's figures on the fifth business day after it — its
    /// own system's counts, which agree with Sightline's within the contract's tolerance, but for
    /// the month before last, whose claim count took voided claims in (the one difference
    /// flagged). The owner opened last quarter's access review in its last month and the
    /// compliance auditor kept every access with evidence within days; this quarter's is open.
    public static func seedOversight(
        on database: any Database, engagement: Engagement, practice: Organization, vendor: Organization, now: Date
    ) async throws
        -> Oversight
    {
        let clock = try await demoClock(of: engagement, practice: practice, now: now, on: database)
        let today = clock.today
        func caller(_ address: String) async throws -> Caller {
            guard let user = try await UserStore(database).find(email: try EmailAddress(address)) else {
                throw StoreError.userNotFound(email: address)
            }
            return Caller(user: user, organization: user.organizationID == practice.id ? practice : vendor)
        }
        let owner = try await caller("owner@riverbend.example"), auditor = try await caller("compliance@riverbend.example")
        let lead = try await caller("lead@northgate.example")

        // The vendor's figures, month by month since the contract started.
        let versions = try await EngagementStore(database).versions(of: engagement.id)
        guard let started = versions.compactMap(\.effectiveFrom).min() else {
            throw StoreError.corruptRow(table: "contract_versions", detail: "no contract in force")
        }
        let flaggedMonth = CalendarMonth(today).adding(months: -2)
        let reporting = ReportedFigureStore(database)
        var reported = 0
        var month = CalendarMonth(started)
        while month < CalendarMonth(today) {
            let at = reportedAt(month, clock: clock)
            guard at <= now else { break }
            let tolerance = ContractVersion.inForce(on: month.lastDay, among: versions)?.contract.serviceLevels.reportingTolerance ?? 0.02
            let figures = try await KPIQuery(database).answer(
                KPIRequest(practiceID: practice.id.rawValue, from: month.firstDay, to: month.lastDay)
            ).totals
            // The vendor's system rounds and cuts off a little differently: within a quarter of the tolerance.
            let wobble = [0.0, 0.002, -0.003, 0.001, -0.001, 0.0025][reported % 6] * tolerance / 0.02
            var values: [String: Double] = [:]
            for key in ["claimsSubmitted", "grossCharges", "payerPayments", "netCollectionRate"] {
                guard let value = figures.value(of: key) else { continue }
                let scale = key == "netCollectionRate" ? 10_000.0 : 100
                values[key] = key == "claimsSubmitted" ? value : (value * (1 + wobble) * scale).rounded() / scale
            }
            if month == flaggedMonth, let claims = values["claimsSubmitted"] {
                // Voided claims counted as submitted: three times the tolerance more.
                values["claimsSubmitted"] = (claims * (1 + 3 * tolerance)).rounded(.up)
            }
            if !values.isEmpty {
                try await reporting.record(values, month: month, in: engagement, by: lead, now: at)
                reported += 1
            }
            guard let next = month.adding(months: 1) else { break }
            month = next
        }
        var flagged = 0
        var counted = CalendarMonth(started)
        while counted < month {
            flagged += try await reporting.comparison(month: counted, in: engagement).flagged
            guard let next = counted.adding(months: 1) else { break }
            counted = next
        }

        // Last quarter's access review, done in its last month; this quarter's, open.
        let reviews = AccessReviewStore(database)
        let thisQuarter = quarter(of: today)
        let lastQuarter = quarter(of: thisQuarter.from.adding(days: -1) ?? thisQuarter.from)
        let lastMonth = CalendarMonth(lastQuarter.to)
        let opened = clock.at(clock.businessDay(onOrAfter: lastMonth.firstDay.adding(days: 9) ?? lastMonth.firstDay), 10)
        let completedTitle = accessReviewTitle(quarterOf: lastQuarter.from)
        var done = try await reviews.open(
            AccessReviewDraft(
                reviewer: auditor.user.email.value,
                dueOn: (CalendarDate.on(opened, in: clock.calendar.timeZone)?.adding(days: 14) ?? today).description,
                title: completedTitle),
            on: engagement, by: owner, now: opened)
        var decidedAt = opened
        for item in done.items {
            decidedAt = clock.after(5, from: decidedAt)
            done = try await reviews.decide(
                item.id, in: done.id, decision: .keep,
                evidence: "Still works on the engagement; access matches the contract's access rules.",
                by: auditor, now: decidedAt)
        }
        let openTitle = accessReviewTitle(quarterOf: today)
        let startOfQuarter = clock.at(clock.businessDay(onOrAfter: thisQuarter.from.adding(days: 9) ?? thisQuarter.from), 10)
        let openedNow = startOfQuarter <= now ? startOfQuarter : clock.ago(2)
        let openedDay = CalendarDate.on(openedNow, in: clock.calendar.timeZone) ?? today
        let due = max(today.adding(days: 10) ?? today, openedDay.adding(days: 14) ?? today)
        _ = try await reviews.open(
            AccessReviewDraft(reviewer: auditor.user.email.value, dueOn: due.description, title: openTitle),
            on: engagement, by: owner, now: openedNow)
        return Oversight(reportedMonths: reported, flagged: flagged, completedAccessReview: completedTitle, openAccessReview: openTitle)
    }
}

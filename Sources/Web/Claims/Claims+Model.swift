import Domain
import Foundation
import Persistence

/// `/claims?figure=…`: the claims behind a figure, a page at a time.
struct ClaimListPageModel: Encodable, Equatable {
    struct Row: Encodable, Equatable {
        let claim, link, submitted, charge, firstAdjudication, outcome, reason, balance, payer: String
    }

    let chrome: PageChrome
    let title: String
    let total: Int
    let page: Int
    let pages: Int
    let rows: [Row]
    let previousLink: String?
    let nextLink: String?
    let csvLink: String

    init(chrome: PageChrome, page: ClaimSelection.Page, query: String, reason: String?) {
        self.chrome = chrome
        let figure = FigureDefinition.label(page.figure == "openBalances" ? "arTotal" : page.figure)
        title =
            "\(figure)\(reason.map { " — \($0)" } ?? ""): \(page.from) to \(page.to)"
            + (page.figure == "openBalances" ? " (as of \(page.asOf))" : "")
        total = page.total
        self.page = page.page
        pages = max(1, (page.total + page.perPage - 1) / page.perPage)
        rows = page.claims.map {
            Row(
                claim: $0.claim, link: "/claims/" + PageLink.segment($0.claim),
                submitted: $0.originalSubmissionDate ?? "—", charge: $0.charge.map { $0.shown } ?? "—",
                firstAdjudication: $0.firstAdjudication ?? "—",
                outcome: $0.firstAdjudicationClass ?? "—", reason: $0.primaryReason ?? "—", balance: $0.balance.map { $0.shown } ?? "—",
                payer: $0.payer)
        }
        // The list's own query, read as the server read it and encoded again: what arrived loosely
        // encoded leaves properly encoded.
        let base = PageLink.query(PageLink.items(ofQuery: query).filter { $0.name != "page" }.map { ($0.name, $0.value) })
        previousLink = page.page > 1 ? PageLink.to("/claims", query: base + "&" + PageLink.query([("page", page.page - 1)])) : nil
        nextLink = page.page < pages ? PageLink.to("/claims", query: base + "&" + PageLink.query([("page", page.page + 1)])) : nil
        csvLink = PageLink.to("/claims.csv", query: base)
    }
}

/// `/claims/{claim}`: one claim's timeline, each fact with the file and segment it came from and its raw segments.
struct ClaimPageModel: Encodable, Equatable {
    struct Event: Encodable, Equatable {
        let kind, date, source, details: String
        /// The raw segments or CSV line, empty when not kept.
        let raw: String
    }

    let chrome: PageChrome
    let claim: String
    let summary: [String]
    let events: [Event]
    let balances: DashboardPageModel.Chart
    /// The people the claim is for, one line each; `nil` when the role may not see them.
    let patients: [String]?

    init(chrome: PageChrome, timeline: ClaimTimeline) {
        self.chrome = chrome
        claim = timeline.claim
        summary = [
            "Original submission: \(timeline.originalSubmissionDate ?? "none on file")",
            "First decision: \(timeline.firstAdjudication ?? "none yet")" + (timeline.firstAdjudicationClass.map { " (\($0))" } ?? ""),
            "Primary denial reason: \(timeline.primaryReason ?? "—")"
                + (timeline.primaryReason.flatMap { timeline.codes[$0] }.map { ": \($0)" } ?? ""),
        ]
        events = timeline.events.map { event in
            Event(
                kind: event.kind, date: event.date ?? "undated", source: "\(event.file), segment \(event.segment)",
                details: event.details.keys.sorted().map { "\($0): \(event.details[$0] ?? "")" }.joined(separator: "; "),
                raw: event.source ?? "")
        }
        patients = timeline.patients?.map { patient in
            [
                "\(patient.lastName), \(patient.firstName)", patient.memberId.isEmpty ? nil : "member id \(patient.memberId)",
                patient.birthDate.map { "born \($0)" }, patient.address.isEmpty ? nil : patient.address,
            ].compactMap { $0 }.joined(separator: " · ")
        }
        balances = DashboardPageModel.Chart(
            title: "Balance",
            svg: SVGChart.line(
                title: "Balance after each day",
                points: timeline.balances.map { (label: String($0.date.suffix(5)), value: Double($0.balance.cents) / 100) },
                format: { String(format: "$%.2f", $0) }, target: nil))
    }
}

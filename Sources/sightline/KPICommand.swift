import ArgumentParser
import Domain
import Foundation
import Persistence
import Web

/// `sightline kpi`: the revenue-cycle figures of KPIS.md for a range, computed from the rollups.
struct KPICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kpi",
        abstract: "Print the revenue-cycle figures (KPIS.md) of a practice for a date range.",
        discussion: """
            Figures are computed by Sightline from the imported files. Balances and aging are as of --as-of \
            (default: --to). Rates are fractions in JSON and CSV, percentages in the table. A figure that \
            cannot be computed is null (blank in CSV, '-' in the table) with the reason.
            """)

    @Option(help: "The practice's organisation id (needed when there are several; see: sightline org list).") var practice: String?
    @Option(help: "First day of the range (YYYY-MM-DD).") var from: String
    @Option(help: "Last day of the range, inclusive (YYYY-MM-DD).") var to: String
    @Option(name: .customLong("as-of"), help: "Date of the balances and aging (YYYY-MM-DD; default: --to).") var asOf: String?
    @Option(help: "Group by month, payer, location, provider or procedure.") var by: KPIRequest.Grouping?
    @Option(help: "Only this payer id (repeatable).") var payer: [String] = []
    @Option(help: "Only this location id (repeatable).") var location: [String] = []
    @Option(help: "Only this provider id (repeatable).") var provider: [String] = []
    @Option(help: "Only this procedure code (repeatable).") var procedure: [String] = []
    @Flag(help: "One JSON object.") var json = false
    @Flag(help: "CSV: the totals, then one row per group.") var csv = false

    func validate() throws {
        for (flag, value) in [("--from", from), ("--to", to), ("--as-of", asOf ?? to)] where CalendarDate(value) == nil {
            throw ValidationError("\(flag) '\(value)' is not a date (YYYY-MM-DD)")
        }
        if let start = CalendarDate(from), let end = CalendarDate(to), end < start {
            throw ValidationError("--to \(to) is before --from \(from)")
        }
        if json && csv { throw ValidationError("choose one of --json and --csv") }
    }

    func run() async throws {
        try await runReportingErrors {
            let practiceID = try practice.map { text in
                guard let id = Organization.ID(string: text) else {
                    throw CommandInputError(description: "--practice '\(text)' is not an organisation id (see: sightline org list)")
                }
                return id
            }
            let configuration = try loadConfiguration(quiet: true)
            let filters: [KPIDimension: Set<String>] = [
                .payer: Set(payer), .location: Set(location), .provider: Set(provider), .procedure: Set(procedure),
            ]
            // validate() has checked the dates.
            guard let from = CalendarDate(from), let to = CalendarDate(to) else { throw ExitCode(SysExit.usage) }
            let (asOf, by) = (asOf.flatMap { CalendarDate($0) }, by)
            let (answer, reasons) = try await SightlineRuntime.withDatabase(configuration) { db in
                guard let resolved = try await OrganizationStore(db).resolvePractice(practiceID) else {
                    throw CommandInputError(description: "there is no practice yet: create one (sightline org create) or import a file")
                }
                let answer = try await KPIQuery(db).answer(
                    KPIRequest(practiceID: resolved.id.rawValue, from: from, to: to, asOf: asOf, by: by, filters: filters))
                return (answer, try await CodeDescriptions(db).descriptions(.carc))
            }
            if json {
                say(try answer.json())
            } else if csv {
                FileHandle.standardOutput.write(Data(KPIReportText.csv(answer).utf8))
            } else {
                say(KPIReportText.table(answer, reasons: reasons))
            }
        }
    }
}

extension KPIRequest.Grouping: ExpressibleByArgument {}

/// The figures as text: a table for people, CSV for spreadsheets.
enum KPIReportText {
    static func percent(_ value: Double?) -> String { value.map { String(format: "%.1f%%", $0 * 100) } ?? "-" }
    static func number(_ value: Double?, decimals: Int = 1) -> String { value.map { String(format: "%.\(decimals)f", $0) } ?? "-" }
    static func money(_ value: Money) -> String { "$" + value.description }

    /// The headline figures of one set, in a fixed order: (column, value as text).
    static func headline(_ f: KPIFigures) -> [(String, String)] {
        [
            ("CLAIMS", "\(f.claimsSubmitted)"), ("CHARGES", money(f.grossCharges)), ("PAYER PAID", money(f.payerPayments)),
            ("PATIENT PAID", money(f.patientPayments)), ("DENIAL RATE", percent(f.initialDenialRate)), ("CLEAN", percent(f.cleanClaimRate)),
            ("NET COLLECTION", percent(f.netCollectionRate)), ("LAG DAYS", number(f.paymentLagDays)), ("A/R", money(f.arTotal)),
            ("A/R >90", percent(f.arOver90Pct)), ("DAYS IN A/R", number(f.daysInAR)),
        ]
    }

    /// The figures as a table; `reasons` holds CARC descriptions, when loaded (sightline codes load).
    static func table(_ answer: KPIAnswer, reasons: [String: String] = [:]) -> String {
        let request = answer.request
        var out =
            "Figures from \(request.from) to \(request.to), balances as of \(request.asOf) (definitions \(KPIFigures.definitionsVersion))\n\n"
        let t = answer.totals
        // Every figure that is one number, labelled and written by its unit as the one catalogue says.
        let values: [(String, String)] = FigureCatalogue.oneNumber.map { info in
            let value = t.value(info.figure)
            return switch info.unit {
            case .money: (info.key, value.map { money(Money(cents: Int64(($0 * 100).rounded()))) } ?? "-")
            case .count: (info.key, value.map { String(Int($0)) } ?? "-")
            case .rate: (info.key, percent(value))
            case .days, .table: (info.key, number(value))
            }
        }
        let rows = values.map { [FigureCatalogue.label($0.0), $0.1] } + [["Unmatched adjudications", "\(t.unmatchedAdjudications)"]]
        out += TextTable.render(header: ["FIGURE", "VALUE"], rows: rows) + "\n"
        out +=
            "\nAging\n"
            + TextTable.render(
                header: ["DAYS", "AMOUNT", "CLAIMS"], rows: t.aging.map { [$0.bucket.rawValue, money($0.amount), "\($0.claims)"] }) + "\n"
        if !t.denialCauses.isEmpty {
            // The description of the CARC after the group, cut to keep the table readable.
            func described(_ reason: String) -> String {
                guard let code = reason.split(separator: "-").last, let text = reasons[String(code)] else { return "" }
                return text.count > 60 ? String(text.prefix(59)) + "…" : text
            }
            let header = ["REASON", "CATEGORY", "CLAIMS", "CHARGES"] + (reasons.isEmpty ? [] : ["DESCRIPTION"])
            out +=
                "\nInitial denials by primary reason\n"
                + TextTable.render(
                    header: header,
                    rows: t.denialCauses.prefix(15).map {
                        [$0.reason, $0.category.rawValue, "\($0.claims)", money($0.charges)]
                            + (reasons.isEmpty ? [] : [described($0.reason)])
                    }) + "\n"
        }
        if let groups = answer.groups, let by = request.by {
            let header = [by.rawValue.uppercased(), "NAME"] + headline(t).map(\.0)
            let body = groups.map { [$0.key, $0.label] + headline($0.figures).map(\.1) } + [["TOTAL", ""] + headline(t).map(\.1)]
            out += "\nBy \(by.rawValue)\n" + TextTable.render(header: header, rows: body) + "\n"
        }
        if !t.reasons.isEmpty {
            out += "\n" + t.reasons.keys.sorted().map { "\($0): - because \(t.reasons[$0] ?? "")" }.joined(separator: "\n") + "\n"
        }
        return out
    }

    /// Columns of the CSV, after `scope,key,label`.
    static let csvColumns =
        FigureCatalogue.oneNumber.map(\.key)
        + AgingBucket.allCases.flatMap { ["aging \($0.rawValue) amount", "aging \($0.rawValue) claims"] } + [
            "unmatchedAdjudications", Figure.denialCauses.rawValue,
        ]

    static func csv(_ answer: KPIAnswer) -> String {
        let field = CSVText.field
        func values(_ f: KPIFigures) -> [String] {
            var out = FigureCatalogue.oneNumber.map { f.csvCell($0.figure) }
            out += f.aging.flatMap { [$0.amount.description, "\($0.claims)"] }
            out += ["\(f.unmatchedAdjudications)", f.denialCauses.map { "\($0.reason) \($0.claims)" }.joined(separator: "; ")]
            return out
        }
        var lines = [(["scope", "key", "label"] + csvColumns).map(field).joined(separator: ",")]
        lines.append((["total", "", ""] + values(answer.totals)).map(field).joined(separator: ","))
        for group in answer.groups ?? [] {
            lines.append(([group.by.rawValue, group.key, group.label] + values(group.figures)).map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}

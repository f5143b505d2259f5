import Domain
import Persistence

/// The dashboard's tables as CSV (RFC 4180 quoting; rates as fractions, money in dollars).
enum DashboardCSV {
    static func field(_ text: String) -> String { CSVText.field(text) }

    static func row(_ fields: [String]) -> String { CSVText.row(fields) }

    /// One column per figure that is one number, named by its key, in KPIS.md's order.
    static let figureColumns = FigureCatalogue.oneNumber.map(\.key)

    static func groups(_ groups: [KPIGroup], keyName: String) -> String {
        var lines = [row([keyName, "label"] + figureColumns)]
        for group in groups {
            lines.append(row([group.key, group.label] + FigureCatalogue.oneNumber.map { group.figures.csvCell($0.figure) }))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func causes(_ causes: [DenialCause]) -> String {
        ([row(["reason", "category", "claims", "charges"])]
            + causes.map { row([$0.reason, $0.category.rawValue, "\($0.claims)", $0.charges.description]) })
            .joined(separator: "\r\n") + "\r\n"
    }

    static func aging(_ aging: [AgingLine]) -> String {
        ([row(["bucket", "amount", "claims"])] + aging.map { row([$0.bucket.rawValue, $0.amount.description, "\($0.claims)"]) })
            .joined(separator: "\r\n") + "\r\n"
    }
}

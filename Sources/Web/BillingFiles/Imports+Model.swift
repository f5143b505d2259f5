import Domain
import Foundation
import Persistence

/// `/imports`: upload billing files (837, 277CA, 835, the practice's CSVs) and read what became
/// of each, then the practice's import history.
struct ImportsPageModel: Encodable, Equatable {
    struct Result: Encodable, Equatable {
        let fileName, kind, outcome, claims, charges, paid, message: String
        let warnings: Int
    }

    struct HistoryRow: Encodable, Equatable {
        let at, fileName, kind, result, message, by: String
        let claims: Int
    }

    let chrome: PageChrome
    let canImport: Bool
    let maxMegabytes: Int
    let results: [Result]
    let summary: String?
    let rejected: Bool
    let history: [HistoryRow]
    let zone: String

    init(chrome: PageChrome, canImport: Bool, maxMegabytes: Int, results: [ImportResult], history: [ImportHistory.Entry], timeZone: String)
    {
        self.chrome = chrome
        self.canImport = canImport
        self.maxMegabytes = maxMegabytes
        zone = timeZone
        self.results = results.map {
            Result(
                fileName: $0.fileName, kind: $0.kind, outcome: $0.outcome.rawValue, claims: $0.outcome == .imported ? "\($0.claims)" : "—",
                charges: $0.outcome == .imported ? $0.totalCharge.shown : "—", paid: $0.outcome == .imported ? $0.totalPaid.shown : "—",
                message: $0.message, warnings: $0.warnings)
        }
        summary = results.isEmpty ? nil : Self.summary(results)
        rejected = results.contains { $0.outcome == .rejected }
        let formatter = ClockCell.formatter(timeZone: timeZone)
        self.history = history.map {
            HistoryRow(
                at: formatter.string(from: $0.at), fileName: $0.fileName, kind: $0.kind, result: $0.result, message: $0.message,
                by: $0.importedBy ?? "command line", claims: $0.claims)
        }
    }

    /// "2 files imported, 1 duplicate, 1 rejected (nothing from it was stored)".
    static func summary(_ results: [ImportResult]) -> String {
        func count(_ outcome: ImportResult.Outcome) -> Int { results.filter { $0.outcome == outcome }.count }
        var parts: [String] = []
        let imported = count(.imported), duplicates = count(.duplicate), rejected = count(.rejected)
        if imported > 0 { parts.append("\(imported) \(imported == 1 ? "file" : "files") imported") }
        if duplicates > 0 { parts.append("\(duplicates) already imported before (nothing stored again)") }
        if rejected > 0 { parts.append("\(rejected) rejected (nothing from \(rejected == 1 ? "it" : "them") was stored)") }
        return parts.joined(separator: ", ")
    }
}

import Domain
import Foundation
import Persistence

/// `/settings/practice`: the NPIs and TINs the practice bills under, each with where it came from
/// (learned from a file, so the administrator can confirm it, or added by a person), and the forms
/// to add and remove them.
struct PracticeSettingsPageModel: Encodable, Equatable {
    struct Line: Encodable, Equatable {
        /// `NPI`, `TIN`.
        let kind: String
        /// The number as people write it (`12-3456789`).
        let number: String
        /// `learned from the file 837P-2026-11-02.x12 on Nov 2, 2026` / `added by ana@… on Nov 3, 2026`.
        let origin: String
        /// Whether it was learned, so the page asks for a confirmation.
        let learned: Bool
        /// The form's hidden fields to remove it.
        let kindValue, value: String
    }

    let chrome: PageChrome
    let practice: String
    let lines: [Line]
    let canEdit: Bool
    /// Whether any identifier was learned from a file, so the page asks the administrator to confirm it.
    let hasLearned: Bool
    let error: String?
    let notice: String?
    /// What was typed into the add form, given back with an error.
    let typedKind, typedValue: String
    /// The prefix of the practice's ticket keys (`RFM` in RFM-12).
    let ticketPrefix: String
    /// What was typed into the prefix form, given back with its error.
    let typedPrefix: String
    /// The prefix form's own error, shown beside it.
    let prefixError: String?

    init(
        chrome: PageChrome, practice: Organization, entries: [PracticeIdentifierStore.Entry], people: [UUID: String],
        canEdit: Bool, error: String? = nil, notice: String? = nil, typedKind: String = "npi", typedValue: String = "",
        ticketPrefix: String, typedPrefix: String? = nil, prefixError: String? = nil
    ) {
        self.chrome = chrome
        self.practice = practice.name
        self.canEdit = canEdit
        self.error = error
        self.notice = notice
        self.typedKind = typedKind
        self.typedValue = typedValue
        self.ticketPrefix = ticketPrefix
        self.typedPrefix = typedPrefix ?? ticketPrefix
        self.prefixError = prefixError
        let day = Self.dayFormatter(timeZone: practice.timeZone)
        lines = entries.map { entry in
            let on = day.string(from: entry.addedAt)
            let origin =
                switch entry.origin {
                case .learned:
                    entry.fileName.map { "learned from the file \($0) on \(on)" } ?? "learned from a file since removed, on \(on)"
                case .added:
                    entry.addedBy.flatMap { people[$0] }.map { "added by \($0) on \(on)" } ?? "added on \(on) from the command line"
                }
            return Line(
                kind: entry.identifier.kind.label, number: entry.identifier.shown, origin: origin,
                learned: entry.origin == .learned, kindValue: entry.identifier.kind.rawValue, value: entry.identifier.value)
        }
        hasLearned = entries.contains { $0.origin == .learned }
    }

    /// `Nov 2, 2026` in the practice's zone.
    static func dayFormatter(timeZone: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: timeZone)
        formatter.dateFormat = "MMM d, yyyy"
        return formatter
    }
}

/// The vendor's own figures for a month beside Sightline's, each difference beyond the
/// contract's tolerance flagged ("trust but verify").
public struct ReportedFigureComparison: Sendable, Equatable, Codable {
    /// One figure compared.
    public struct Line: Sendable, Equatable, Codable {
        public var figure: String
        public var reported: Double
        /// Sightline's own value; `nil` when it cannot be computed for the month.
        public var computed: Double?
        /// |reported − computed| / |computed|; `nil` when there is nothing to compare with, or
        /// Sightline's value is zero (then any other value differs).
        public var relativeDifference: Double?
        public var flagged: Bool
        /// Why the line is flagged, in words.
        public var note: String?
    }

    public var month: CalendarMonth
    public var tolerance: Double
    public var lines: [Line]

    /// Compares `reported` with `computed` figure by figure; a difference above `tolerance`
    /// (a share of Sightline's value) is flagged, and so is a figure Sightline cannot compute.
    public init(month: CalendarMonth, tolerance: Double, reported: [String: Double], computed: (String) -> Double?) {
        self.month = month
        self.tolerance = tolerance
        lines = reported.keys.sorted {
            (KPITarget.measurableFigures.firstIndex(of: $0) ?? .max, $0) < (KPITarget.measurableFigures.firstIndex(of: $1) ?? .max, $1)
        }
        .map { figure in
            let value = reported[figure] ?? 0
            guard let own = computed(figure) else {
                return Line(
                    figure: figure, reported: value, computed: nil, relativeDifference: nil, flagged: true,
                    note: "Sightline cannot compute this figure for the month from the files imported")
            }
            if own == 0 {
                let differs = value != 0
                return Line(
                    figure: figure, reported: value, computed: own, relativeDifference: nil, flagged: differs,
                    note: differs ? "Sightline's value is zero" : nil)
            }
            let relative = abs(value - own) / abs(own)
            // A hair of slack so a difference exactly at the tolerance is not flagged by rounding.
            let flagged = relative > tolerance + 1e-12
            return Line(
                figure: figure, reported: value, computed: own, relativeDifference: relative, flagged: flagged,
                note: flagged ? "differs by more than the contract's tolerance" : nil)
        }
    }

    /// How many lines are flagged.
    public var flagged: Int { lines.filter(\.flagged).count }
}

/// Why reported figures were refused.
public enum ReportedFigureError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The figure is not one of KPIS.md's single-number figures.
    case unknownFigure(String, line: Int?)
    /// The value is not a number.
    case badValue(String, line: Int?)
    /// A line does not have the columns it needs.
    case badLine(Int)
    /// Nothing was reported.
    case empty
    /// Only the vendor reports its figures.
    case vendorOnly

    public var description: String {
        func at(_ line: Int?) -> String { line.map { "line \($0): " } ?? "" }
        switch self {
        case .unknownFigure(let figure, let line):
            return "\(at(line))'\(figure)' is not a figure; use one of \(KPITarget.measurableFigures.joined(separator: ", "))"
        case .badValue(let text, let line): return "\(at(line))'\(text)' is not a number (rates as 0.085 or 8.5%)"
        case .badLine(let line): return "line \(line): write figure,value"
        case .empty: return "no figures were reported"
        case .vendorOnly: return "the vendor's team reports its own figures"
        }
    }

    /// Reads `figure,value` lines (a header line is allowed; `#` starts a comment). Rates may be
    /// fractions or percentages (`8.5%`).
    public static func parse(_ text: String) throws(ReportedFigureError) -> [String: Double] {
        var figures: [String: Double] = [:]
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") || line.lowercased().hasPrefix("figure,") { continue }
            let parts = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { throw .badLine(index + 1) }
            figures[parts[0]] = try value(parts[1], figure: parts[0], line: index + 1)
        }
        guard !figures.isEmpty else { throw .empty }
        return figures
    }

    /// Checks one figure and its value.
    public static func value(_ text: String, figure: String, line: Int?) throws(ReportedFigureError) -> Double {
        guard KPITarget.measurableFigures.contains(figure) else { throw .unknownFigure(figure, line: line) }
        let percent = text.hasSuffix("%")
        let digits = (percent ? String(text.dropLast()) : text).replacingOccurrences(of: "$", with: "").replacingOccurrences(
            of: ",", with: "")
        guard let number = Double(digits.trimmingCharacters(in: .whitespaces)), number.isFinite else { throw .badValue(text, line: line) }
        return percent ? number / 100 : number
    }
}

extension ReportedFigureError: CataloguedError {
    public var failureKind: FailureKind {
        if case .vendorOnly = self { return .forbidden }
        return .invalid
    }
}

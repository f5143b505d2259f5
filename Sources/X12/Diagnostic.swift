/// A problem found while reading X12, returned beside the value instead of thrown.
public struct Diagnostic: Sendable, Equatable, Codable, CustomStringConvertible {
    /// How serious a diagnostic is.
    public enum Severity: String, Sendable, Codable, Comparable {
        /// Worth knowing; nothing is wrong.
        case note
        /// Unusual but readable (a count mismatch, an old version).
        case warning
        /// The input cannot be used as it is.
        case error

        private var rank: Int {
            switch self {
            case .note: 0
            case .warning: 1
            case .error: 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// How serious it is.
    public var severity: Severity
    /// What is wrong, in words; never contains element values that could identify a patient.
    public var message: String
    /// Zero-based index of the segment in the file, when known.
    public var segmentIndex: Int?
    /// The segment id (`CLP`, `ISA`, …), when known.
    public var segmentID: String?
    /// One-based element position within the segment, when known.
    public var element: Int?

    /// Creates a diagnostic.
    public init(_ severity: Severity, _ message: String, segmentIndex: Int? = nil, segmentID: String? = nil, element: Int? = nil) {
        self.severity = severity
        self.message = message
        self.segmentIndex = segmentIndex
        self.segmentID = segmentID
        self.element = element
    }

    /// `warning: message (segment 12 CLP, element 4)`.
    public var description: String {
        var location: [String] = []
        if let segmentIndex {
            location.append("segment \(segmentIndex)" + (segmentID.map { " \($0)" } ?? ""))
        } else if let segmentID {
            location.append(segmentID)
        }
        if let element { location.append("element \(element)") }
        return "\(severity.rawValue): \(message)" + (location.isEmpty ? "" : " (\(location.joined(separator: ", ")))")
    }
}

import Domain
import X12

extension FileSummary {
    /// One JSON object on one line, with exactly the keys `sightline inspect --json` promises, in
    /// that order; amounts are JSON numbers with two decimals.
    public func jsonLine(file: String) -> String {
        var out = "{"
        out += "\"file\":\(JSON.string(file)),"
        out += "\"kind\":\(kind.map { JSON.string($0.rawValue) } ?? "null"),"
        out += "\"version\":\(JSON.string(version)),"
        out += "\"interchanges\":\(interchanges),\"transactions\":\(transactions),"
        out += "\"claims\":\(claims),\"serviceLines\":\(serviceLines),"
        out += "\"totalCharge\":\(totalCharge),\"totalPaid\":\(totalPaid),"
        out += "\"totalPatientResponsibility\":\(totalPatientResponsibility),"
        out +=
            "\"statusCounts\":" + JSON.object(statusCounts.sorted { Self.codeOrder($0.key, $1.key) }.map { ($0.key, "\($0.value)") }) + ","
        out +=
            "\"adjustmentsByGroup\":" + JSON.object(adjustmentsByGroup.sorted { $0.key < $1.key }.map { ($0.key, $0.value.description) })
            + ","
        out +=
            "\"adjustmentsByReason\":" + JSON.object(adjustmentsByReason.sorted { $0.key < $1.key }.map { ($0.key, $0.value.description) })
            + ","
        out += "\"plbTotal\":\(plbTotal),\"paymentTotal\":\(paymentTotal),"
        out += "\"balanced\":\(balanced),"
        out += "\"diagnostics\":[" + diagnostics.map(Self.json).joined(separator: ",") + "]"
        return out + "}"
    }

    /// A few lines for people.
    public func textReport(file: String) -> String {
        var lines: [String] = []
        lines.append("\(file): \(kind?.rawValue ?? "no billing transactions")\(version.isEmpty ? "" : " (\(version))")")
        lines.append("  interchanges \(interchanges), transactions \(transactions), claims \(claims), service lines \(serviceLines)")
        lines.append(
            "  charges \(totalCharge)"
                + (kind == .remittance835
                    ? ", paid \(totalPaid), patient responsibility \(totalPatientResponsibility), payments \(paymentTotal), PLB \(plbTotal), balanced \(balanced ? "yes" : "NO")"
                    : ""))
        if !statusCounts.isEmpty {
            lines.append(
                "  status: "
                    + statusCounts.sorted { Self.codeOrder($0.key, $1.key) }.map { "\($0.key)×\($0.value)" }.joined(separator: ", "))
        }
        if !adjustmentsByGroup.isEmpty {
            lines.append(
                "  adjustments: " + adjustmentsByGroup.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        lines.append("  diagnostics: \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
        for diagnostic in diagnostics where diagnostic.severity != .note { lines.append("    \(diagnostic)") }
        return lines.joined(separator: "\n")
    }

    /// Numeric codes in numeric order, others after them alphabetically.
    static func codeOrder(_ lhs: String, _ rhs: String) -> Bool {
        switch (Int(lhs), Int(rhs)) {
        case (let l?, let r?): l < r
        case (.some, nil): true
        case (nil, .some): false
        default: lhs < rhs
        }
    }

    static func json(_ diagnostic: Diagnostic) -> String {
        "{\"severity\":\(JSON.string(diagnostic.severity.rawValue)),\"message\":\(JSON.string(diagnostic.message)),"
            + "\"segmentIndex\":\(diagnostic.segmentIndex.map(String.init) ?? "null"),"
            + "\"segmentId\":\(diagnostic.segmentID.map(JSON.string) ?? "null"),"
            + "\"element\":\(diagnostic.element.map(String.init) ?? "null")}"
    }
}

/// Minimal JSON text building for reports whose number formatting must be exact.
enum JSON {
    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20:
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// An object from already-rendered values.
    static func object(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { "\(string($0.0)):\($0.1)" }.joined(separator: ",") + "}"
    }
}

import Domain
import Foundation

extension KPIAnswer: Encodable {
    private enum CodingKeys: String, CodingKey {
        case from, to, asOf, definitionsVersion, totals, unmatchedAdjudications, reasons, groups
    }

    /// `{from, to, asOf, definitionsVersion, totals, unmatchedAdjudications, reasons, groups?}`:
    /// `totals` holds exactly the keys of KPIS.md section 4; `reasons` says why a `null` figure is null.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(request.from.description, forKey: .from)
        try container.encode(request.to.description, forKey: .to)
        try container.encode(request.asOf.description, forKey: .asOf)
        try container.encode(KPIFigures.definitionsVersion, forKey: .definitionsVersion)
        try container.encode(totals, forKey: .totals)
        try container.encode(totals.unmatchedAdjudications, forKey: .unmatchedAdjudications)
        try container.encode(totals.reasons, forKey: .reasons)
        if let groups { try container.encode(groups, forKey: .groups) }
    }

    /// The answer as JSON text (keys sorted, so that output is stable).
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}

extension KPIGroup: Encodable {
    private enum CodingKeys: String, CodingKey {
        case by, key, label, unmatchedAdjudications, reasons
    }

    /// `{by, key, label}` and the figures' keys side by side, with the group's own reasons.
    public func encode(to encoder: any Encoder) throws {
        try figures.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(by.rawValue, forKey: .by)
        try container.encode(key, forKey: .key)
        try container.encode(label, forKey: .label)
        try container.encode(figures.unmatchedAdjudications, forKey: .unmatchedAdjudications)
        try container.encode(figures.reasons, forKey: .reasons)
    }
}

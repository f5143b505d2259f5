import Domain

/// `/engagements`: the caller's engagements, and for a practice administrator the form to engage a vendor.
struct EngagementListPageModel: Encodable, Equatable {
    struct Row: Encodable, Equatable {
        let id: String
        let practice: String
        let vendor: String
        let status: String
        let contract: String
        let openChangeRequests: Int
        let openTickets: Int
    }

    struct VendorChoice: Encodable, Equatable {
        let id: String
        let name: String
    }

    let chrome: PageChrome
    let rows: [Row]
    var hasRows: Bool { !rows.isEmpty }
    /// Vendors the practice administrator may engage; empty for everyone else.
    let vendors: [VendorChoice]
    let canEngage: Bool
    let error: String?

    private enum CodingKeys: String, CodingKey { case chrome, rows, hasRows, vendors, canEngage, error }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(chrome, forKey: .chrome)
        try container.encode(rows, forKey: .rows)
        try container.encode(hasRows, forKey: .hasRows)
        try container.encode(vendors, forKey: .vendors)
        try container.encode(canEngage, forKey: .canEngage)
        try container.encodeIfPresent(error, forKey: .error)
    }

    static func contractLabel(versions: [ContractVersion], today: CalendarDate?) -> String {
        if let today, let current = ContractVersion.inForce(on: today, among: versions) {
            return "version \(current.number), in force from \(current.effectiveFrom?.description ?? "?")"
        }
        if let draft = versions.last, draft.status == .draft {
            let accepted = draft.acceptances.map(\.party.rawValue).joined(separator: " and ")
            return accepted.isEmpty ? "draft, not yet accepted" : "draft, accepted by the \(accepted)"
        }
        if let next = versions.first(where: { $0.status == .accepted }) { return "version \(next.number) from \(next.effectiveFrom?.description ?? "?")" }
        return "no contract"
    }
}

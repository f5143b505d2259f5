/// How the relationship is run and ended: reviews, data, access, exit and price.
public struct GovernanceTerms: Sendable, Equatable, Codable {
    /// How often the parties hold a governance review.
    public enum Cadence: String, Sendable, Codable, CaseIterable {
        case monthly, quarterly
    }

    public var reviewCadence: Cadence
    /// Who owns the data, in the contract's words.
    public var dataOwnership: String
    /// How vendor staff get and lose access, in the contract's words.
    public var accessRules: String
    public var exit: ExitTerms
    public var pricing: Pricing

    public init(reviewCadence: Cadence, dataOwnership: String, accessRules: String, exit: ExitTerms, pricing: Pricing) {
        self.reviewCadence = reviewCadence
        self.dataOwnership = dataOwnership
        self.accessRules = accessRules
        self.exit = exit
        self.pricing = pricing
    }
}

/// What the vendor hands back when the engagement ends.
public struct ExitTerms: Sendable, Equatable, Codable {
    /// Open formats of the final export (`X12 835`, `CSV`, `JSON`).
    public var exportFormats: [String]
    /// Days after notice the export is delivered.
    public var deliveryDays: Int
    /// Days the vendor keeps the data after delivery.
    public var retentionDays: Int
    /// The vendor attests in writing that it returned or destroyed every copy.
    public var returnOrDestroyAttestation: Bool

    public init(exportFormats: [String], deliveryDays: Int, retentionDays: Int, returnOrDestroyAttestation: Bool) {
        self.exportFormats = exportFormats
        self.deliveryDays = deliveryDays
        self.retentionDays = retentionDays
        self.returnOrDestroyAttestation = returnOrDestroyAttestation
    }
}

/// How the vendor is paid.
public struct Pricing: Sendable, Equatable, Codable {
    /// The pricing model.
    public enum Model: String, Sendable, Codable, CaseIterable {
        case percentOfCollections = "percent_of_collections"
        case perClaim = "per_claim"
        case perFTE = "per_fte"
        case blended
    }

    public var model: Model
    /// Share of collections (0.06 = 6%), for `percent_of_collections` and `blended`.
    public var percentOfCollections: Double?
    /// Fee per claim submitted, for `per_claim` and `blended`.
    public var perClaim: Money?
    /// Monthly fee per full-time person, for `per_fte` and `blended`.
    public var perFTEMonthly: Money?
    /// Minimum monthly fee.
    public var monthlyMinimum: Money?

    public init(
        model: Model, percentOfCollections: Double? = nil, perClaim: Money? = nil, perFTEMonthly: Money? = nil, monthlyMinimum: Money? = nil
    ) {
        self.model = model
        self.percentOfCollections = percentOfCollections
        self.perClaim = perClaim
        self.perFTEMonthly = perFTEMonthly
        self.monthlyMinimum = monthlyMinimum
    }

    /// The figures the model needs that are missing, in words.
    public var problems: [String] {
        var problems: [String] = []
        let needsPercent = model == .percentOfCollections
        if needsPercent, percentOfCollections == nil { problems.append("percent_of_collections pricing needs percentOfCollections") }
        if model == .perClaim, perClaim == nil { problems.append("per_claim pricing needs perClaim") }
        if model == .perFTE, perFTEMonthly == nil { problems.append("per_fte pricing needs perFTEMonthly") }
        if model == .blended, [percentOfCollections != nil, perClaim != nil, perFTEMonthly != nil].filter({ $0 }).count < 2 {
            problems.append("blended pricing needs at least two of percentOfCollections, perClaim, perFTEMonthly")
        }
        if let percent = percentOfCollections, !(0...1).contains(percent) {
            problems.append("percentOfCollections is a fraction between 0 and 1")
        }
        return problems
    }
}

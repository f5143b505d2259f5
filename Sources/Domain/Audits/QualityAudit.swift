import Foundation

/// A quality audit of the vendor's work: a sample of the practice's claims drawn reproducibly
/// (the same population, size, strata and seed give the same claims), reviewed claim by claim
/// for errors of a fixed taxonomy.
public struct QualityAudit: Sendable, Equatable, Codable, Identifiable {
    public typealias ID = EntityID<QualityAudit>

    /// How the sample is spread: at random over the whole population, or in proportion to each payer's or denial category's share.
    public enum Strata: String, Sendable, Codable, CaseIterable {
        case none, payer
        case denialCategory = "denial_category"
    }

    public enum Status: String, Sendable, Codable, CaseIterable {
        case open, completed
    }

    public var id: ID
    public var engagementID: Engagement.ID
    public var number: Int
    public var name: String
    /// Claims submitted on these days (the practice's) make up the population.
    public var from: CalendarDate
    public var to: CalendarDate
    /// Only these payers' claims (none named: all).
    public var payers: [String]
    /// Only claims first denied for these categories (none named: all claims).
    public var denialCategories: [DenialCategory]
    public var strata: Strata
    public var size: Int
    public var seed: UInt64
    public var reviewerEmail: String
    public var status: Status
    public var claims: [SampledClaim]
    public var createdAt: Date

    public init(
        id: ID = ID(), engagementID: Engagement.ID, number: Int, name: String, from: CalendarDate, to: CalendarDate, payers: [String] = [],
        denialCategories: [DenialCategory] = [], strata: Strata = .none, size: Int, seed: UInt64, reviewerEmail: String,
        status: Status = .open,
        claims: [SampledClaim] = [], createdAt: Date
    ) {
        self.id = id
        self.engagementID = engagementID
        self.number = number
        self.name = name
        self.from = from
        self.to = to
        self.payers = payers
        self.denialCategories = denialCategories
        self.strata = strata
        self.size = size
        self.seed = seed
        self.reviewerEmail = reviewerEmail
        self.status = status
        self.claims = claims
        self.createdAt = createdAt
    }

    public func validate() throws(GovernanceError) {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 200 else { throw .field("name", "a name of at most 200 characters") }
        if let problem = DateSpan.problem(from: from, to: to) { throw .field("to", problem) }
        guard (1...500).contains(size) else { throw .field("size", "from 1 to 500 claims") }
    }
}

/// One claim of a sample, the stratum it was drawn from, and what its review found.
public struct SampledClaim: Sendable, Equatable, Codable {
    public var claim: String
    public var stratum: String
    /// Nil until reviewed; then the findings (none: the claim was right).
    public var reviewedAt: Date?
    public var findings: [AuditFinding]

    public init(claim: String, stratum: String, reviewedAt: Date? = nil, findings: [AuditFinding] = []) {
        self.claim = claim
        self.stratum = stratum
        self.reviewedAt = reviewedAt
        self.findings = findings
    }
}

/// An error found on a claim.
public struct AuditFinding: Sendable, Equatable, Codable {
    public enum ErrorType: String, Sendable, Codable, CaseIterable {
        case coding, documentation, demographic
        case chargeEntry = "charge_entry"
        case payerRule = "payer_rule"
        case posting
        case followUp = "follow_up"
    }

    public enum Severity: String, Sendable, Codable, CaseIterable {
        case low, medium, high
    }

    public var type: ErrorType
    public var severity: Severity
    public var note: String
    public var foundAt: Date
    public var correctedAt: Date?
    /// The ticket the finding opened for the vendor to correct (`T-12`), if one was.
    public var ticket: String?
    /// The review action the finding became (`A-3`), if one was.
    public var action: String?

    public init(
        type: ErrorType, severity: Severity, note: String, foundAt: Date, correctedAt: Date? = nil, ticket: String? = nil,
        action: String? = nil
    ) {
        self.type = type
        self.severity = severity
        self.note = note
        self.foundAt = foundAt
        self.correctedAt = correctedAt
        self.ticket = ticket
        self.action = action
    }

    /// The ticket's priority for a finding of this severity.
    public var priority: TicketPriority {
        switch severity {
        case .high: .high
        case .medium: .normal
        case .low: .low
        }
    }
}

/// Draws samples that can be drawn again: the population is put in claim order, then shuffled by
/// a generator seeded with the audit's seed (per stratum, with the stratum's name mixed in), so
/// the same inputs always give the same claims on any machine.
public enum AuditSampler {
    /// `size` claims of `population` (claim → stratum), spread over the strata in proportion to
    /// their sizes (largest remainders first, every stratum at least one while the size allows),
    /// in claim order.
    public static func sample(_ population: [String: String], size: Int, seed: UInt64) -> [SampledClaim] {
        let byStratum = Dictionary(grouping: population.keys.sorted(), by: { population[$0] ?? "" })
        let total = population.count
        guard total > 0, size > 0 else { return [] }
        let wanted = min(size, total)
        let strata = byStratum.keys.sorted()
        var shares: [String: Int] = [:]
        if strata.count > wanted {
            // More strata than claims wanted: the largest strata get one each.
            for stratum in strata.sorted(by: { (byStratum[$0]?.count ?? 0, $1) > (byStratum[$1]?.count ?? 0, $0) }).prefix(wanted) {
                shares[stratum] = 1
            }
        } else {
            var remainders: [(String, Double)] = []
            for stratum in strata {
                let exact = Double(wanted) * Double(byStratum[stratum]?.count ?? 0) / Double(total)
                shares[stratum] = max(1, Int(exact.rounded(.down)))
                remainders.append((stratum, exact - exact.rounded(.down)))
            }
            var left = wanted - shares.values.reduce(0, +)
            for (stratum, _) in remainders.sorted(by: { ($0.1, $1.0) > ($1.1, $0.0) }) where left > 0 {
                if (shares[stratum] ?? 0) < (byStratum[stratum]?.count ?? 0) {
                    shares[stratum, default: 0] += 1
                    left -= 1
                }
            }
            // A stratum given its floor of one may have pushed the total over: take back from the largest shares.
            while shares.values.reduce(0, +) > wanted, let largest = shares.max(by: { ($0.value, $1.key) < ($1.value, $0.key) })?.key {
                shares[largest, default: 1] -= 1
            }
        }
        var drawn: [SampledClaim] = []
        for stratum in strata {
            var claims = byStratum[stratum] ?? []
            var generator = SplitMix(seed: seed ^ fnv1a(stratum))
            // Fisher–Yates with the seeded generator.
            if claims.count > 1 {
                for index in stride(from: claims.count - 1, to: 0, by: -1) {
                    let other = Int(generator.next() % UInt64(index + 1))
                    claims.swapAt(index, other)
                }
            }
            drawn += claims.prefix(shares[stratum] ?? 0).map { SampledClaim(claim: $0, stratum: stratum) }
        }
        return drawn.sorted { $0.claim < $1.claim }
    }

    /// SplitMix64: small, fast, and the same on every platform.
    struct SplitMix {
        var state: UInt64

        init(seed: UInt64) { state = seed }

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var value = state
            value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
            value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
            return value ^ (value >> 31)
        }
    }

    /// FNV-1a of the text's UTF-8 bytes: a stable hash (Swift's own is seeded per process).
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01B3
        }
        return hash
    }
}

/// What an audit's reviews add up to: accuracy, error rates by type, and how long corrections took.
public struct AuditResults: Sendable, Equatable, Codable {
    public var sampled: Int
    public var reviewed: Int
    /// Reviewed claims with no finding, as a share of those reviewed; nil before any review.
    public var accuracy: Double?
    /// Claims with at least one finding of each type, as a share of those reviewed.
    public var errorRates: [String: Double]
    public var findings: Int
    public var corrected: Int
    /// Mean hours from finding to correction, over corrected findings.
    public var meanHoursToCorrect: Double?

    public init(_ audit: QualityAudit) {
        sampled = audit.claims.count
        let reviewedClaims = audit.claims.filter { $0.reviewedAt != nil }
        reviewed = reviewedClaims.count
        accuracy = reviewed == 0 ? nil : Double(reviewedClaims.filter { $0.findings.isEmpty }.count) / Double(reviewed)
        var rates: [String: Double] = [:]
        if reviewed > 0 {
            for type in AuditFinding.ErrorType.allCases {
                let claims = reviewedClaims.filter { $0.findings.contains { $0.type == type } }.count
                if claims > 0 { rates[type.rawValue] = Double(claims) / Double(reviewed) }
            }
        }
        errorRates = rates
        let all = reviewedClaims.flatMap(\.findings)
        findings = all.count
        let fixed = all.compactMap { finding in finding.correctedAt.map { $0.timeIntervalSince(finding.foundAt) / 3_600 } }
        corrected = fixed.count
        meanHoursToCorrect = fixed.isEmpty ? nil : fixed.reduce(0, +) / Double(fixed.count)
    }
}

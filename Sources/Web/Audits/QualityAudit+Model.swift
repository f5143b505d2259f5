import Domain
import Foundation

/// `/engagements/{id}/audits`: the engagement's quality audits, their accuracy over time, and the
/// form that draws a new sample.
struct AuditListPageModel: Encodable, Equatable {
    struct Row: Encodable, Equatable {
        let number: Int
        let link, name, days, strata, reviewed, accuracy, findings, corrected, status: String
    }

    let chrome: PageChrome
    let engagementLink: String
    let action: String
    let rows: [Row]
    let canAudit: Bool
    let people: [GovernancePageModel.Option]
    let strata: [GovernancePageModel.Option]
    let categories: [GovernancePageModel.Option]
    let form: [String: String]
    let errors: [String: String]

    init(
        chrome: PageChrome, engagementID: Engagement.ID, audits: [QualityAudit], people: [String], canAudit: Bool,
        form: [String: String], errors: [String: String] = [:]
    ) {
        self.chrome = chrome
        engagementLink = "/engagements/\(engagementID)"
        action = "/engagements/\(engagementID)/audits"
        rows = audits.map { audit in
            let results = AuditResults(audit)
            return Row(
                number: audit.number, link: "/audits/\(audit.id)", name: audit.name, days: "\(audit.from) to \(audit.to)",
                strata: QualityAuditPageModel.strataLabel(audit.strata), reviewed: "\(results.reviewed) of \(results.sampled)",
                accuracy: results.accuracy.map { KPITarget.format($0, rate: true) } ?? "—", findings: "\(results.findings)",
                corrected: "\(results.corrected) of \(results.findings)", status: audit.status.rawValue)
        }
        self.canAudit = canAudit
        self.people = people.map { GovernancePageModel.Option(value: $0, label: $0, selected: form["reviewer"] == $0) }
        strata = QualityAudit.Strata.allCases.map {
            GovernancePageModel.Option(
                value: $0.rawValue, label: QualityAuditPageModel.strataLabel($0), selected: (form["strata"] ?? "none") == $0.rawValue)
        }
        let chosen = Set((form["denialCategories"] ?? "").split(separator: ",").map(String.init))
        categories = DenialCategory.allCases.map {
            GovernancePageModel.Option(value: $0.rawValue, label: $0.label, selected: chosen.contains($0.rawValue))
        }
        self.form = form
        self.errors = errors
    }
}

/// `/audits/{id}`: one audit's sample claim by claim, the review forms, and the results.
struct QualityAuditPageModel: Encodable, Equatable {
    struct Finding: Encodable, Equatable {
        let number: Int
        let type, severity, note, foundAt: String
        let correctedAt, ticket, action: String?
        let ticketLink: String
        let actionLink: String
    }

    struct Claim: Encodable, Equatable {
        let claim, stratum, link, claimLink: String
        let reviewed, right: Bool
        let findings: [Finding]
        let uncorrected: Bool
    }

    struct Rate: Encodable, Equatable {
        let type, rate: String
    }

    let chrome: PageChrome
    let listLink: String
    let title: String
    let summary: String
    let status: String
    let headline: [String]
    let rates: [Rate]
    let claims: [Claim]
    let canAudit: Bool
    /// Claim timelines are the practice's: the vendor's people see the claim numbers without links.
    let canOpenClaims: Bool
    let types: [GovernancePageModel.Option]
    let severities: [String]
    let reviews: [GovernancePageModel.Option]
    let people: [GovernancePageModel.Option]
    let dueOn: String

    static func strataLabel(_ strata: QualityAudit.Strata) -> String {
        switch strata {
        case .none: "at random"
        case .payer: "by payer"
        case .denialCategory: "by denial category"
        }
    }

    /// - Parameters:
    ///   - reviews: the engagement's reviews an action can be added to (planned ones first).
    ///   - zone: the practice's time zone, for the days findings were recorded.
    init(
        chrome: PageChrome, audit: QualityAudit, reviews: [GovernanceReview], people: [String], canAudit: Bool, canOpenClaims: Bool,
        today: CalendarDate,
        zone: String
    ) {
        self.chrome = chrome
        listLink = "/engagements/\(audit.engagementID)/audits"
        title = "Quality audit \(audit.number): \(audit.name)"
        let filters =
            (audit.payers.isEmpty ? [] : ["payers \(audit.payers.joined(separator: ", "))"])
            + (audit.denialCategories.isEmpty ? [] : ["first denied for \(audit.denialCategories.map(\.rawValue).joined(separator: ", "))"])
        summary =
            "\(audit.claims.count) claims submitted \(audit.from) to \(audit.to)"
            + (filters.isEmpty ? "" : " (\(filters.joined(separator: "; ")))")
            + ", drawn \(Self.strataLabel(audit.strata)) with seed \(audit.seed); reviewer \(audit.reviewerEmail)."
        status = audit.status.rawValue
        let results = AuditResults(audit)
        headline = [
            "Reviewed: \(results.reviewed) of \(results.sampled) claims",
            "Accuracy: "
                + (results.accuracy.map { KPITarget.format($0, rate: true) + " of the reviewed claims had no error" }
                    ?? "no claim reviewed yet"),
            "Findings: \(results.findings), \(results.corrected) corrected"
                + (results.meanHoursToCorrect.map { String(format: ", in %.1f hours on average", $0) } ?? ""),
        ]
        rates = AuditFinding.ErrorType.allCases.compactMap { type in
            results.errorRates[type.rawValue].map { Rate(type: type.label, rate: KPITarget.format($0, rate: true)) }
        }
        let base = "/audits/\(audit.id)/claims/"
        func day(_ date: Date) -> String { CalendarDate.on(date, in: zone)?.description ?? "" }
        claims = audit.claims.map { sampled in
            let encoded = sampled.claim.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? sampled.claim
            let link = base + encoded
            let findings = sampled.findings.enumerated().map { offset, finding in
                Finding(
                    number: offset + 1, type: finding.type.label.lowercased(), severity: finding.severity.label.lowercased(),
                    note: finding.note, foundAt: day(finding.foundAt), correctedAt: finding.correctedAt.map(day), ticket: finding.ticket,
                    action: finding.action,
                    ticketLink: "\(link)/findings/\(offset + 1)/ticket", actionLink: "\(link)/findings/\(offset + 1)/action")
            }
            return Claim(
                claim: sampled.claim, stratum: sampled.stratum, link: link, claimLink: "/claims/" + encoded,
                reviewed: sampled.reviewedAt != nil,
                right: sampled.reviewedAt != nil && sampled.findings.isEmpty, findings: findings,
                uncorrected: sampled.findings.contains { $0.correctedAt == nil })
        }
        self.canAudit = canAudit
        self.canOpenClaims = canOpenClaims
        types = AuditFinding.ErrorType.allCases.map { GovernancePageModel.Option(value: $0.rawValue, label: $0.label, selected: false) }
        severities = AuditFinding.Severity.allCases.map(\.rawValue)
        self.reviews = reviews.sorted { ($0.status == .planned ? 0 : 1, -$0.number) < ($1.status == .planned ? 0 : 1, -$1.number) }.map {
            GovernancePageModel.Option(
                value: $0.id.description, label: "Review \($0.number), \($0.scheduledOn) (\($0.status.rawValue))", selected: false)
        }
        self.people = people.map { GovernancePageModel.Option(value: $0, label: $0, selected: false) }
        dueOn = (today.adding(days: 14) ?? today).description
    }
}

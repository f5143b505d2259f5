import Domain
import Foundation
import Testing

@Suite("Quality audit samples and results")
struct QualityAuditTests {
    /// 100 claims: 60 of payer A, 30 of B, 10 of C.
    static let population: [String: String] = {
        var claims: [String: String] = [:]
        for index in 0..<100 { claims[String(format: "RB%08d", index)] = index < 60 ? "A" : index < 90 ? "B" : "C" }
        return claims
    }()

    @Test("the same population, size and seed draw the same claims; another seed draws others")
    func reproducible() {
        let first = AuditSampler.sample(Self.population, size: 20, seed: 42)
        let again = AuditSampler.sample(
            Dictionary(uniqueKeysWithValues: Self.population.shuffled().map { ($0.key, $0.value) }), size: 20, seed: 42)
        #expect(first == again)
        #expect(first.count == 20)
        #expect(Set(first.map(\.claim)).count == 20)
        #expect(first.map(\.claim) == first.map(\.claim).sorted())
        #expect(AuditSampler.sample(Self.population, size: 20, seed: 43) != first)
    }

    @Test(
        "the sample spreads over the strata in proportion, every stratum at least once while the size allows",
        arguments: [
            (10, ["A": 6, "B": 3, "C": 1]),
            (7, ["A": 4, "B": 2, "C": 1]),
            (3, ["A": 1, "B": 1, "C": 1]),
            (2, ["A": 1, "B": 1]),
            (100, ["A": 60, "B": 30, "C": 10]),
            (500, ["A": 60, "B": 30, "C": 10]),
        ])
    func proportional(size: Int, counts: [String: Int]) {
        let sample = AuditSampler.sample(Self.population, size: size, seed: 7)
        #expect(Dictionary(grouping: sample, by: \.stratum).mapValues(\.count) == counts)
        #expect(sample.allSatisfy { Self.population[$0.claim] == $0.stratum })
    }

    @Test("an empty population or size draws nothing")
    func empty() {
        #expect(AuditSampler.sample([:], size: 10, seed: 1).isEmpty)
        #expect(AuditSampler.sample(Self.population, size: 0, seed: 1).isEmpty)
    }

    @Test("accuracy, error rates by type and the time corrections took")
    func results() {
        let found = Date(timeIntervalSince1970: 1_000_000)
        var audit = QualityAudit(
            engagementID: Engagement.ID(), number: 1, name: "October", from: CalendarDate("2026-10-01")!, to: CalendarDate("2026-10-31")!,
            size: 5, seed: 1, reviewerEmail: "manager@riverbend.example", createdAt: found)
        audit.claims = [
            SampledClaim(claim: "A", stratum: "", reviewedAt: found),
            SampledClaim(
                claim: "B", stratum: "", reviewedAt: found,
                findings: [
                    AuditFinding(
                        type: .coding, severity: .high, note: "modifier 25 missing", foundAt: found,
                        correctedAt: found.addingTimeInterval(10 * 3_600)),
                    AuditFinding(type: .documentation, severity: .low, note: "", foundAt: found),
                ]),
            SampledClaim(
                claim: "C", stratum: "", reviewedAt: found,
                findings: [
                    AuditFinding(
                        type: .coding, severity: .medium, note: "", foundAt: found, correctedAt: found.addingTimeInterval(30 * 3_600))
                ]),
            SampledClaim(claim: "D", stratum: "", reviewedAt: found),
            SampledClaim(claim: "E", stratum: ""),
        ]
        let results = AuditResults(audit)
        #expect(results.sampled == 5 && results.reviewed == 4)
        #expect(results.accuracy == 0.5)
        #expect(results.errorRates == ["coding": 0.5, "documentation": 0.25])
        #expect(results.findings == 3 && results.corrected == 2)
        #expect(results.meanHoursToCorrect == 20)
        audit.claims = audit.claims.map { SampledClaim(claim: $0.claim, stratum: $0.stratum) }
        #expect(AuditResults(audit).accuracy == nil)
    }
}

import Domain
import Foundation
import Testing

/// Figures for claims over a range, from each claim's contributions (the path Sightline uses).
func figures(
    _ claims: [ClaimHistory], from: String, to: String, asOf: String? = nil,
    where selected: (KPIDimensions) -> Bool = { _ in true }
) -> KPIFigures {
    var all = KPIContributions()
    for claim in claims { all.add(claim.contributions) }
    return KPIFigures(all.sums(from: day(from), to: day(to), asOf: day(asOf ?? to), where: selected))
}

@Suite("KPIS.md section 4: figures computed by hand")
struct KPIFiguresTests {
    /// March 2026 at a practice; every figure below was worked out by hand from these facts.
    static let march: [ClaimHistory] = [
        // A: submitted and accepted in March, paid 120 with 50 contractual and 30 coinsurance the patient paid.
        ClaimHistory(
            submissions: [submission("2026-03-02", charge: "200")],
            adjudications: [
                remit("2026-03-20", charge: "200", paid: "120", patient: "30", [adjustment("CO-45", "50"), adjustment("PR-2", "30")])
            ],
            acknowledgments: [acknowledgment("A1", "2026-03-03")],
            payments: [.init(date: day("2026-03-25"), amount: dollars("30"))]),
        // B: first rejected by the clearinghouse, then accepted; denied for medical necessity.
        ClaimHistory(
            submissions: [submission("2026-03-05", charge: "100")],
            adjudications: [remit("2026-03-25", status: "4", charge: "100", paid: "0", [adjustment("CO-50", "100")])],
            acknowledgments: [acknowledgment("A3", "2026-03-06"), acknowledgment("A1", "2026-03-08")]),
        // C: submitted in January, paid in March.
        ClaimHistory(
            submissions: [submission("2026-01-15", charge: "300")],
            adjudications: [remit("2026-03-10", charge: "300", paid: "200", [adjustment("CO-45", "100")])]),
        // D: submitted in March, nothing back yet.
        ClaimHistory(submissions: [submission("2026-03-20", charge: "50")]),
        // U: an adjudication whose claim was never imported.
        ClaimHistory(adjudications: [remit("2026-03-15", charge: "75", paid: "60", [adjustment("CO-45", "15")], payer: "P2")]),
        // E and F: old claims still open.
        ClaimHistory(submissions: [submission("2025-11-01", charge: "400")]),
        ClaimHistory(submissions: [submission("2025-12-15", charge: "80")]),
    ]

    @Test("every figure of a month, worked out by hand")
    func march2026() throws {
        let result = figures(Self.march, from: "2026-03-01", to: "2026-03-31")
        #expect(result.claimsSubmitted == 3)  // A, B, D
        #expect(result.grossCharges == dollars("350"))
        #expect(result.payerPayments == dollars("380"))  // 120 + 0 + 200 + 60
        #expect(result.contractualAdjustments == dollars("165"))  // 50 + 100 + 15; CO-50 is a denial adjustment
        #expect(result.patientResponsibility == dollars("30"))
        #expect(result.patientPayments == dollars("30"))
        #expect(result.adjudicatedClaims == 4)  // A, B, C and the unmatched one
        #expect(result.initialDenials == 1)
        #expect(result.initialDenialRate == 0.25)
        #expect(result.initialDenialRateDollars == 100.0 / 675.0)
        #expect(result.cleanClaimRate == 0.5)  // A accepted first, B rejected first, D has no 277CA
        #expect(result.netCollectionRate == 410.0 / 185.0)
        #expect(result.denialCauses == [DenialCause(reason: "CO-50", category: .medicalNecessity, claims: 1, charges: dollars("100"))])
        #expect(result.paymentLagDays == 20)  // 18, 20, 54; the unmatched one has no lag
        #expect(result.arTotal == dollars("630"))  // B 100, D 50, E 400, F 80
        #expect(result.aging.map(\.bucket) == AgingBucket.allCases)
        #expect(result.aging.map(\.amount) == ["150", "0", "0", "80", "400"].map(dollars))
        #expect(result.aging.map(\.claims) == [2, 0, 0, 1, 1])
        #expect(result.arOver90Pct == 480.0 / 630.0)
        // Submitted in (Dec 31, Mar 31]: C, A, B, D = 650 of charges.
        #expect(result.daysInAR == 630.0 * 90 / 650.0)
        #expect(result.unmatchedAdjudications == 1)
        #expect(result.reasons.isEmpty)
    }

    @Test("filters select by the adjudication's payer and the claim's other fields")
    func filters() {
        let payer2 = figures(Self.march, from: "2026-03-01", to: "2026-03-31") { $0.payer == "P2" }
        #expect(payer2.payerPayments == dollars("60"))
        #expect(payer2.adjudicatedClaims == 1)
        #expect(payer2.claimsSubmitted == 0)
        let unknownLocation = figures(Self.march, from: "2026-03-01", to: "2026-03-31") { $0.location == KPIDimensions.unknown }
        #expect(unknownLocation.unmatchedAdjudications == 1)
        #expect(unknownLocation.arTotal == .zero)
    }

    @Test("a reversal pair cancels, and the re-adjudication counts; the balance opens and closes with it")
    func reversal() {
        let claim = ClaimHistory(
            submissions: [submission("2026-03-01", charge: "200")],
            adjudications: [
                remit("2026-03-10", charge: "200", paid: "150", [adjustment("CO-45", "50")], file: 2),
                remit("2026-03-20", status: "22", charge: "-200", paid: "-150", [adjustment("CO-45", "-50")], file: 3),
                remit("2026-03-20", charge: "200", paid: "130", [adjustment("CO-45", "60")], file: 3, position: 2),
            ])
        let month = figures([claim], from: "2026-03-01", to: "2026-03-31")
        #expect(month.payerPayments == dollars("130"))
        #expect(month.contractualAdjustments == dollars("60"))
        #expect(month.adjudicatedClaims == 1)
        #expect(month.arTotal == dollars("10"))
        #expect(month.aging.map(\.claims).reduce(0, +) == 1)
        let midMonth = figures([claim], from: "2026-03-01", to: "2026-03-31", asOf: "2026-03-15")
        #expect(midMonth.arTotal == .zero)
        #expect(midMonth.aging.map(\.claims).reduce(0, +) == 0)
        #expect(midMonth.arOver90Pct == nil && midMonth.reasons["arOver90Pct"] != nil)
    }

    @Test("status 25 is in no figure; a zero-pay denial is a denial, a deductible-only claim is not")
    func exclusions() {
        let predetermination = ClaimHistory(
            submissions: [submission("2026-03-01", charge: "200")],
            adjudications: [remit("2026-03-05", status: "25", charge: "200", paid: "0")])
        let zeroPay = ClaimHistory(
            submissions: [submission("2026-03-01", charge: "100", position: 2)],
            adjudications: [remit("2026-03-06", charge: "100", paid: "0", [adjustment("CO-16", "100")])])
        let deductible = ClaimHistory(
            submissions: [submission("2026-03-01", charge: "90", position: 3)],
            adjudications: [remit("2026-03-07", charge: "90", paid: "0", patient: "90", [adjustment("PR-1", "90")])])
        let result = figures([predetermination, zeroPay, deductible], from: "2026-03-01", to: "2026-03-31")
        #expect(result.adjudicatedClaims == 2)
        #expect(result.initialDenials == 1)
        #expect(result.denialCauses.map(\.reason) == ["CO-16"])
        #expect(result.denialCauses.map(\.category) == [.missingInformation])
        #expect(result.payerPayments == .zero)
        #expect(result.patientResponsibility == dollars("90"))
        // The predetermined claim is still owed in full; the deductible is owed by the patient.
        #expect(result.arTotal == dollars("390"))
    }

    @Test("a denial without a denial adjustment has primary reason none")
    func noneReason() {
        let claim = ClaimHistory(
            submissions: [submission("2026-03-01", charge: "100")],
            adjudications: [remit("2026-03-06", status: "4", charge: "100", paid: "0")])
        #expect(figures([claim], from: "2026-03-01", to: "2026-03-31").denialCauses.map(\.reason) == ["none"])
    }

    @Test("replacement and void change the balance from their dates")
    func replacementAndVoid() {
        let claim = ClaimHistory(submissions: [
            submission("2026-03-01", charge: "200"),
            submission("2026-03-10", frequency: "7", charge: "150", file: 2),
            submission("2026-03-20", frequency: "8", charge: "150", file: 3),
        ])
        let balances = ["2026-03-05", "2026-03-15", "2026-03-25"].map {
            figures([claim], from: "2026-03-01", to: "2026-03-31", asOf: $0)
        }
        #expect(balances.map(\.arTotal) == ["200", "150", "0"].map(dollars))
        #expect(balances.map { $0.aging.map(\.claims).reduce(0, +) } == [1, 1, 0])
        // Gross charges stay those at original submission.
        #expect(balances[0].grossCharges == dollars("200"))
    }

    @Test(
        "aging ages from the original submission date, at the bucket edges",
        arguments: [
            (30, AgingBucket.days0to30), (31, .days31to60), (90, .days61to90), (91, .days91to120), (120, .days91to120), (121, .days121Plus),
        ])
    func agingEdges(age: Int, bucket: AgingBucket) throws {
        let claim = ClaimHistory(submissions: [submission("2026-01-01", charge: "100")])
        let asOf = try #require(CalendarDate(dayNumber: day("2026-01-01").dayNumber + age))
        let result = figures([claim], from: "2026-01-01", to: asOf.description)
        #expect(result.aging.first { $0.amount != .zero }?.bucket == bucket)
        #expect(result.aging.first { $0.claims != 0 }?.bucket == bucket)
    }

    @Test("days in A/R counts charges submitted in the 90 days ending on the as-of date, not the 91st")
    func daysInARWindow() {
        let edge = ClaimHistory(submissions: [submission("2026-01-01", charge: "900")])  // 89 days before Mar 31
        let outside = ClaimHistory(submissions: [submission("2025-12-31", charge: "5000")])  // 90 days before
        let result = figures([edge, outside], from: "2026-03-01", to: "2026-03-31")
        #expect(result.arTotal == dollars("5900"))
        #expect(result.daysInAR == 5900.0 * 90 / 900.0)
    }

    @Test("an empty range gives null figures, each with a reason")
    func emptyRange() {
        let result = figures([], from: "2026-03-01", to: "2026-03-31")
        #expect(result.claimsSubmitted == 0 && result.grossCharges == .zero && result.arTotal == .zero)
        for key in [
            "initialDenialRate", "initialDenialRateDollars", "cleanClaimRate", "netCollectionRate", "paymentLagDays", "arOver90Pct",
            "daysInAR",
        ] {
            #expect(result.reasons[key] != nil, "\(key)")
        }
        #expect(result.initialDenialRate == nil && result.cleanClaimRate == nil && result.daysInAR == nil)
        #expect(result.reasons["cleanClaimRate"]?.contains("277CA") == true)
    }

    @Test(
        "the median payment lag, odd and even counts",
        arguments: [
            ([10], 10.0), ([10, 20], 15.0), ([5, 1, 9], 5.0), ([3, 3, 4, 8], 3.5), ([0, 0, 1], 0.0),
        ])
    func medianLag(lags: [Int], expected: Double) throws {
        let claims = try lags.enumerated().map { index, lag in
            let paid = try #require(CalendarDate(dayNumber: day("2026-03-01").dayNumber + lag))
            return ClaimHistory(
                submissions: [submission("2026-03-01", charge: "10", position: Int64(index))],
                adjudications: [remit(paid.description, charge: "10", paid: "10")])
        }
        #expect(figures(claims, from: "2026-03-01", to: "2026-03-31").paymentLagDays == expected)
    }

    @Test("the JSON totals have exactly the keys of KPIS.md, in dollars, with null where a figure cannot be computed")
    func json() throws {
        let data = try JSONEncoder().encode(figures(Self.march, from: "2026-04-01", to: "2026-04-30"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == Set(KPIFigures.keys))
        #expect(object["initialDenialRate"] is NSNull)
        #expect((object["aging"] as? [[String: Any]])?.map { $0["bucket"] as? String } == ["0-30", "31-60", "61-90", "91-120", "121+"])
    }
}

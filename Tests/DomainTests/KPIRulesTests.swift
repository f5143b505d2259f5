import Domain
import Testing

// Small builders for claim facts, dated as ISO text. Amounts are dollars as text.
func day(_ text: String) -> CalendarDate { CalendarDate(text)! }
func dollars(_ text: String) -> Money { Money(text)! }
let testDimensions = KPIDimensions(payer: "P1", location: "L1", provider: "R1", procedure: "99213")

func submission(
    _ date: String, frequency: String = "1", charge: String, file: Int64 = 1, position: Int64 = 1,
    dimensions: KPIDimensions = testDimensions
) -> ClaimHistory.Submission {
    .init(
        date: day(date), frequency: frequency, charge: dollars(charge), dimensions: dimensions, order: .init(file: file, position: position)
    )
}

func adjustment(_ key: String, _ amount: String, level: Adjustment.Level = .claim) -> Adjustment {
    let parts = key.split(separator: "-").map(String.init)
    return Adjustment(group: parts[0], reason: parts[1], amount: dollars(amount), level: level)
}

func remit(
    _ date: String, status: String = "1", charge: String, paid: String, patient: String = "0",
    _ adjustments: [Adjustment] = [], payer: String = "P1", file: Int64 = 2, position: Int64 = 1
) -> ClaimHistory.Remit {
    .init(
        paymentDate: day(date), status: status, charge: dollars(charge), paid: dollars(paid), patientResponsibility: dollars(patient),
        adjustments: adjustments, payer: payer, order: .init(file: file, position: position))
}

func acknowledgment(_ category: String, _ date: String, file: Int64 = 1, position: Int64 = 1) -> ClaimHistory.Acknowledgment {
    .init(category: category, date: day(date), order: .init(file: file, position: position))
}

@Suite("KPIS.md sections 1-3: classifying adjudications and adjustments")
struct KPIRulesTests {
    @Test(
        "adjudication classes by CLP02, CLP04 and CLP05",
        arguments: [
            ("1", "100", "0", AdjudicationClass.processed),
            ("1", "0", "0", .denial),  // zero-pay, nothing owed by the patient: a denial
            ("1", "0", "20", .processed),  // deductible only: processed, not a denial
            ("4", "0", "0", .denial),
            ("4", "50", "0", .denial),  // status 4 is a denial whatever it pays
            ("2", "0", "0", .denial), ("3", "0", "5", .processed),
            ("19", "10", "0", .processed), ("20", "0", "0", .denial), ("21", "0", "0.01", .processed),
            ("22", "-100", "0", .reversal),
            ("25", "0", "0", .excluded),
            ("23", "10", "0", .other), ("", "0", "0", .other),
        ])
    func classes(status: String, paid: String, patient: String, expected: AdjudicationClass) {
        #expect(AdjudicationClass.of(status: status, paid: dollars(paid), patientResponsibility: dollars(patient)) == expected)
    }

    @Test(
        "adjustment kinds and denial categories by group and CARC",
        arguments: [
            ("CO-45", AdjustmentKind.contractual), ("CO-42", .contractual), ("CO-59", .contractual), ("CO-94", .contractual),
            ("CO-131", .contractual), ("CO-144", .contractual), ("CO-253", .contractual),
            ("PR-1", .patient), ("PR-2", .patient), ("PR-3", .patient), ("PR-50", .patient),
            ("CO-50", .denial(.medicalNecessity)), ("CO-16", .denial(.missingInformation)), ("CO-97", .denial(.bundling)),
            ("OA-23", .denial(.coordinationOfBenefits)), ("CO-29", .denial(.timelyFiling)), ("CR-18", .denial(.duplicate)),
            ("CO-27", .denial(.eligibility)), ("CO-197", .denial(.authorization)), ("CO-4", .denial(.coding)),
            ("CO-96", .denial(.nonCovered)), ("PI-45", .denial(.other)), ("OA-45", .denial(.other)), ("CO-A1", .denial(.other)),
        ])
    func kinds(key: String, expected: AdjustmentKind) {
        #expect(adjustment(key, "1").kind == expected)
    }

    @Test(
        "the primary reason of a denial",
        arguments: [
            (["CO-50:100", "CO-16:100"], "CO-16"),  // a tie goes to the lowest GROUP-CARC
            (["OA-23:80", "CO-29:80"], "CO-29"),
            (["CO-45:500", "CO-50:100"], "CO-50"),  // contractual adjustments are not reasons
            (["PR-1:100", "CO-45:50"], nil),  // no denial adjustment: none
            (["CO-97:30", "CO-97:30", "CO-16:50"], "CO-97"),  // the same code on several lines adds up
            (["CO-16:10", "CO-50:-40"], "CO-16"),
        ])
    func primaryReason(adjustments: [String], expected: String?) {
        let parsed = adjustments.map { item in
            let parts = item.split(separator: ":").map(String.init)
            return adjustment(parts[0], parts[1])
        }
        #expect(PrimaryReason.of(parsed) == expected)
    }

    @Test("the original submission is the first dated frequency-1 submission, in date then import order")
    func original() {
        let claim = ClaimHistory(submissions: [
            submission("2026-03-05", frequency: "7", charge: "150"),
            submission("2026-03-01", charge: "210", file: 2),
            submission("2026-03-01", charge: "200", file: 1, position: 9),
            submission("2026-03-08", charge: "220"),
        ])
        #expect(claim.original?.charge == dollars("200"))
        #expect(ClaimHistory(submissions: [submission("2026-03-05", frequency: "7", charge: "150")]).original == nil)
    }

    @Test(
        "a replacement changes the charge from its date, a void sets it to zero",
        arguments: [
            ("2026-02-28", nil as String?), ("2026-03-01", "200"), ("2026-03-09", "200"), ("2026-03-10", "150"),
            ("2026-03-19", "150"), ("2026-03-20", "0"), ("2026-12-31", "0"),
        ])
    func chargeAsOf(date: String, expected: String?) {
        let claim = ClaimHistory(submissions: [
            submission("2026-03-01", charge: "200"),
            submission("2026-03-10", frequency: "7", charge: "150", file: 2),
            submission("2026-03-20", frequency: "8", charge: "150", file: 3),
        ])
        #expect(claim.charge(asOf: day(date)) == expected.map(dollars))
    }

    @Test("the first adjudication: denial or processed, by payment date then import order")
    func firstAdjudication() {
        var claim = ClaimHistory(
            submissions: [submission("2026-03-01", charge: "200")],
            adjudications: [
                remit("2026-03-20", status: "25", charge: "200", paid: "0", file: 2),  // predetermination: never first
                remit("2026-03-21", status: "23", charge: "200", paid: "10", file: 2),  // other status: never first
                remit("2026-04-10", status: "22", charge: "-200", paid: "-100", file: 4),
                remit("2026-04-10", charge: "200", paid: "80", file: 4, position: 2),
                remit("2026-04-01", charge: "200", paid: "100", file: 3),
            ])
        #expect(claim.firstAdjudication?.paid == dollars("100"))
        // An 835 imported later but paid earlier becomes the first adjudication.
        claim.adjudications.append(remit("2026-03-25", status: "4", charge: "200", paid: "0", file: 9))
        #expect(claim.firstAdjudication?.status == "4")
        // Same payment date: import order decides.
        claim.adjudications.append(remit("2026-03-25", charge: "200", paid: "5", file: 8))
        #expect(claim.firstAdjudication?.paid == dollars("5"))
    }

    @Test(
        "the first acknowledgment that is accepted or rejected decides; other categories are ignored",
        arguments: [
            ([("A0", "2026-03-02"), ("A3", "2026-03-03"), ("A1", "2026-03-04")], "A3"),
            ([("A2", "2026-03-05"), ("A7", "2026-03-03")], "A7"),
            ([("A1", "2026-03-03"), ("A4", "2026-03-03")], "A1"),
            ([("A0", "2026-03-02"), ("P1", "2026-03-02")], nil),
        ])
    func firstAcknowledgment(statuses: [(String, String)], expected: String?) {
        let claim = ClaimHistory(acknowledgments: statuses.enumerated().map { acknowledgment($1.0, $1.1, position: Int64($0)) })
        #expect(claim.firstAcknowledgment?.category == expected)
    }

    @Test(
        "aging buckets at their edges",
        arguments: [
            (0, AgingBucket.days0to30), (30, .days0to30), (31, .days31to60), (60, .days31to60), (61, .days61to90),
            (90, .days61to90), (91, .days91to120), (120, .days91to120), (121, .days121Plus), (400, .days121Plus),
        ])
    func agingBuckets(age: Int, bucket: AgingBucket) {
        #expect(AgingBucket.of(age: age) == bucket)
    }
}

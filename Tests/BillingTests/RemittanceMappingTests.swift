import Billing
import Domain
import Testing

@Suite("835 remittance mapping")
struct RemittanceMappingTests {
    static let header = [
        "BPR*I*245*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999988880*DA*98765*20261120",
        "TRN*1*12345*1512345678", "N1*PR*ACME HEALTH PLAN", "N3*1 PAYER WAY", "REF*2U*ACME01",
        "N1*PE*RIVERBEND FAMILY MEDICINE*XX*1999999984",
    ]

    @Test("BPR, TRN and the payer and payee loops make the remittance header")
    func header() throws {
        let read = facts(x12("835", version: "005010X221A1", Self.header + ["CLP*A1*1*100*80*20*12*PAYER1"]))
        let remittance = try #require(read.facts.remittances.first)
        #expect(remittance.paymentAmount == Money("245"))
        #expect(remittance.paymentMethod == "ACH")
        #expect(remittance.paymentDate == CalendarDate("20261120"))
        #expect(remittance.traceNumber == "12345")
        #expect(remittance.payerID == "ACME01")
        #expect(remittance.payerName == "ACME HEALTH PLAN")
        #expect(remittance.payeeID == "1999999984")
    }

    @Test(
        "the payer id falls back from REF*2U to N104 to TRN03",
        arguments: [
            (["N1*PR*ACME*XV*N104ID", "REF*2U*REFID"], "REFID"),
            (["N1*PR*ACME*XV*N104ID"], "N104ID"),
            (["N1*PR*ACME"], "1512345678"),
        ])
    func payerID(loop: [String], expected: String) throws {
        let body = ["BPR*I*0*C*NON************20261120", "TRN*1*12345*1512345678"] + loop + ["N1*PE*CLINIC*XX*1"]
        #expect(try #require(facts(x12("835", version: "005010X221A1", body)).facts.remittances.first).payerID == expected)
    }

    @Test("CAS carries up to six triplets, at claim or line level, negative amounts included")
    func adjustments() throws {
        let body =
            Self.header + [
                "CLP*A1*1*300*150*30*12*PAYER1", "CAS*OA*23*-10*1*94*10",
                "NM1*QC*1*DOE*JANE****MI*MEMBER123",
                "SVC*HC:99213:25*200*100**1", "DTM*472*20261101", "CAS*CO*45*60*1*253*2**59*3**97*5**16*1**22*9",
                "CAS*PR*2*30", "LQ*HE*N130",
                "SVC*HC:85025*100*50", "CAS*CO*45*50",
            ]
        let read = facts(x12("835", version: "005010X221A1", body))
        let claim = try #require(read.facts.adjudications.first)
        #expect(claim.adjustments.count == 2 + 6 + 1 + 1)
        #expect(claim.adjustments.filter { $0.level == .claim }.map(\.key) == ["OA-23", "OA-94"])
        #expect(claim.adjustments.first?.amount == Money("-10"))
        #expect(
            claim.adjustments.filter { $0.level == .line }.map(\.key) == [
                "CO-45", "CO-253", "CO-59", "CO-97", "CO-16", "CO-22", "PR-2", "CO-45",
            ])
        #expect(claim.lines.map(\.procedure) == ["99213", "85025"])
        #expect(claim.lines.first?.serviceDate == CalendarDate("20261101"))
        #expect(claim.remarks == ["N130"])
        #expect(claim.payerClaimNumber == "PAYER1")
    }

    @Test("patient names and member ids never enter the adjudication; they come as a separate identity")
    func patientApart() throws {
        let body = Self.header + ["CLP*A1*1*100*80*20*12*PAYER1", "NM1*QC*1*DOE*JANE****MI*MEMBER123"]
        let read = facts(x12("835", version: "005010X221A1", body))
        #expect(
            read.facts.patients == [PatientIdentity(patientControlNumber: "A1", lastName: "DOE", firstName: "JANE", memberID: "MEMBER123")])
        let claim = try #require(read.facts.adjudications.first)
        #expect(!String(describing: claim).contains("DOE") && !String(describing: claim).contains("MEMBER123"))
    }

    @Test("missing trailing elements read as empty: a reversal with nothing after CLP02")
    func trailing() throws {
        let read = facts(x12("835", version: "005010X221A1", Self.header + ["CLP*A1*22"]))
        let claim = try #require(read.facts.adjudications.first)
        #expect(claim.status == "22" && claim.charge == .zero && claim.paid == .zero && claim.patientResponsibility == .zero)
        #expect(read.diagnostics.isEmpty)
    }

    @Test("PLB gives one provider adjustment per reason, with its composite reason and sign")
    func plb() {
        let body = Self.header + ["CLP*A1*1*100*100", "PLB*1999999984*20261231*L6:INT01*-1.27*WO:RECOUP*50"]
        let adjustments = facts(x12("835", version: "005010X221A1", body)).facts.providerAdjustments
        #expect(
            adjustments == [
                ProviderAdjustment(
                    providerID: "1999999984", fiscalPeriodEnd: CalendarDate("20261231"), reason: "L6", reference: "INT01",
                    amount: Money(cents: -127)),
                ProviderAdjustment(
                    providerID: "1999999984", fiscalPeriodEnd: CalendarDate("20261231"), reason: "WO", reference: "RECOUP",
                    amount: Money(cents: 5_000)),
            ])
    }

    @Test("an amount that is not a number is an error naming the element, without its value")
    func badAmount() {
        let read = facts(x12("835", version: "005010X221A1", Self.header + ["CLP*A1*1*ONE HUNDRED*80"]))
        let error = read.diagnostics.first { $0.severity == .error }
        #expect(error?.segmentID == "CLP" && error?.element == 3)
        #expect(error?.message.contains("ONE HUNDRED") == false)
    }

    @Test(
        "balance: BPR02 = Σ CLP04 − Σ PLB, per transaction",
        arguments: [
            ("245", ["CLP*A*1*300*200", "CLP*B*1*50*45"], true),
            ("246.27", ["CLP*A*1*300*245", "PLB*1*20261231*L6*-1.27"], true),
            ("245", ["CLP*A*1*300*200"], false),
        ])
    func balance(payment: String, claims: [String], balanced: Bool) {
        let body = ["BPR*I*\(payment)*C*ACH************20261120", "TRN*1*1*1", "N1*PR*P", "N1*PE*C*XX*1"] + claims
        #expect(FileSummary.read([x12("835", version: "005010X221A1", body)]).balanced == balanced)
    }
}

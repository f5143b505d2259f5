import Billing
import Domain
import Testing

@Suite("837P and 837I claim mapping")
struct ClaimMappingTests {
    static func professional(_ claim: [String], payerLoop: [String] = ["NM1*PR*2*ACME HEALTH PLAN*****PI*ACME01"]) -> [UInt8] {
        x12(
            "837", version: "005010X222A1",
            [
                "BHT*0019*00*BATCH1*20261115*1200*CH",
                "NM1*41*2*RIVERBEND*****46*TAX1", "NM1*40*2*CLEARINGHOUSE*****46*CH1",
                "HL*1**20*1", "NM1*85*2*RIVERBEND FAMILY MEDICINE*****XX*1999999984", "N3*12 MAIN ST", "N4*SPRINGFIELD*IL*62701",
                "HL*2*1*22*0", "SBR*P*18*******CI", "NM1*IL*1*DOE*JANE****MI*MEMBER123", "N3*9 ELM ST", "N4*SPRINGFIELD*IL*62702",
                "DMG*D8*19800101*F",
            ] + payerLoop + claim)
    }

    @Test("CLM, its composite CLM05 and REF*F8 make the claim; BHT04 is the submission date")
    func claim() throws {
        let read = facts(
            Self.professional([
                "CLM*PCN1*250***11:B:7*Y*A*Y*Y", "REF*F8*PAYERCLAIM9",
                "LX*1", "SV1*HC:99214:25*150*UN*1***1", "DTP*472*D8*20261103",
                "LX*2", "SV1*HC:85025*100*UN*2***1", "DTP*472*D8*20261102",
            ]))
        let claim = try #require(read.facts.claims.first)
        #expect(claim.form == .professional)
        #expect(claim.patientControlNumber == "PCN1")
        #expect(claim.charge == Money("250"))
        #expect(claim.facilityCode == "11")
        #expect(claim.frequency == "7")
        #expect(claim.originalReference == "PAYERCLAIM9")
        #expect(claim.submissionDate == CalendarDate("20261115"))
        #expect(claim.serviceDate == CalendarDate("20261102"))
        #expect(claim.payerID == "ACME01" && claim.payerName == "ACME HEALTH PLAN")
        #expect(claim.lines.map(\.procedure) == ["99214", "85025"])
        #expect(claim.lines.first?.modifiers == ["25"])
        #expect(claim.lines.map(\.units) == ["1", "2"])
        #expect(claim.procedure == "99214")
        #expect(read.diagnostics.isEmpty)
    }

    @Test(
        "location and provider: service facility and rendering provider when given, else the billing provider",
        arguments: [
            ([String](), "1999999984", "1999999984"),
            (["NM1*82*1*SMITH*ANN****XX*1111111111"], "1999999984", "1111111111"),
            (["NM1*77*2*RIVERBEND EAST*****XX*2222222222"], "2222222222", "1999999984"),
            (["NM1*82*1*SMITH*ANN****XX*1111111111", "NM1*77*2*EAST*****XX*2222222222"], "2222222222", "1111111111"),
        ])
    func locationAndProvider(loops: [String], location: String, provider: String) throws {
        let read = facts(Self.professional(["CLM*PCN1*100***11:B:1*Y*A*Y*Y"] + loops + ["LX*1", "SV1*HC:99213*100*UN*1***1"]))
        let claim = try #require(read.facts.claims.first)
        #expect(claim.location == location)
        #expect(claim.provider == provider)
    }

    @Test("a rendering provider on a service line (2420A) does not change the claim's provider")
    func lineRendering() throws {
        let read = facts(
            Self.professional(["CLM*PCN1*100***11:B:1*Y*A*Y*Y", "LX*1", "SV1*HC:99213*100*UN*1***1", "NM1*82*1*LINE*DOC****XX*3333333333"]))
        #expect(try #require(read.facts.claims.first).provider == "1999999984")
    }

    @Test("the payer is 2010BB's, not an other payer of a COB loop (2330B)")
    func cobPayer() throws {
        let read = facts(
            Self.professional([
                "CLM*PCN1*100***11:B:1*Y*A*Y*Y", "SBR*S*01*******CI", "NM1*IL*1*DOE*JOHN****MI*OTHER1",
                "NM1*PR*2*OTHER PLAN*****PI*OTHER01", "LX*1", "SV1*HC:99213*100*UN*1***1",
            ]))
        #expect(try #require(read.facts.claims.first).payerID == "ACME01")
    }

    @Test("several claims under one subscriber, and subscriber identity kept apart")
    func severalClaims() {
        let read = facts(
            Self.professional([
                "CLM*PCN1*100***11:B:1*Y*A*Y*Y", "LX*1", "SV1*HC:99213*100*UN*1***1",
                "CLM*PCN2*80***11:B:1*Y*A*Y*Y", "LX*1", "SV1*HC:99212*80*UN*1***1",
            ]))
        #expect(read.facts.claims.map(\.patientControlNumber) == ["PCN1", "PCN2"])
        #expect(read.facts.patients.map(\.patientControlNumber) == ["PCN1", "PCN2"])
        #expect(read.facts.patients.first?.birthDate == CalendarDate("19800101"))
        #expect(read.facts.patients.first?.memberID == "MEMBER123")
        #expect(read.facts.patients.first?.address.contains("9 ELM ST") == true)
    }

    @Test("837I: SV2 lines and the statement period's first date as the service date")
    func institutional() throws {
        let body = [
            "BHT*0019*00*B1*20261115*1200*CH", "HL*1**20*1", "NM1*85*2*RIVERBEND HOSPITAL*****XX*1999999984",
            "HL*2*1*22*0", "SBR*P*18*******MB", "NM1*IL*1*DOE*JANE****MI*M1", "NM1*PR*2*MEDICARE*****PI*MCR",
            "CLM*INST1*1500***13:A:1**A*Y*Y", "DTP*434*RD8*20261020-20261025",
            "LX*1", "SV2*0450*HC:99284*1000*UN*1", "LX*2", "SV2*0300**500*UN*3",
        ]
        let read = facts(x12("837", version: "005010X223A2", body))
        let claim = try #require(read.facts.claims.first)
        #expect(claim.form == .institutional)
        #expect(claim.serviceDate == CalendarDate("20261020"))
        #expect(claim.lines.map(\.revenueCode) == ["0450", "0300"])
        #expect(claim.lines.map(\.charge) == [Money("1000"), Money("500")])
        #expect(claim.lines.last?.units == "3")
        #expect(claim.facilityCode == "13")
    }
}

@Suite("277CA acknowledgment mapping")
struct AcknowledgmentMappingTests {
    @Test("TRN*2 and the first STC under a patient level give each claim's status; batch-level traces are ignored")
    func statuses() {
        let body = [
            "BHT*0085*08*ACK1*20261116*1200*TH",
            "HL*1**20*1", "NM1*AY*2*CLEARINGHOUSE*****46*CH1", "TRN*1*BATCH1", "DTP*050*D8*20261116", "STC*A1:19*20261116*WQ*350",
            "HL*2*1*21*1", "NM1*41*2*RIVERBEND*****46*TAX1", "TRN*2*GROUP1", "STC*A1:19*20261116*WQ*350",
            "HL*3*2*19*1", "NM1*85*2*RIVERBEND*****XX*1999999984",
            "HL*4*3*PT", "NM1*QC*1*DOE*JANE****MI*M1", "TRN*2*PCN1", "STC*A2:20*20261116*WQ*100", "STC*A1:19*20261116", "REF*1K*PAYER777",
            "HL*5*3*PT", "NM1*QC*1*ROE*RICHARD****MI*M2", "TRN*2*PCN2", "STC*A7:21:PR*20261116*U*250",
        ]
        let read = facts(x12("277", version: "005010X214", body))
        let statuses = read.facts.acknowledgments
        #expect(statuses.map(\.patientControlNumber) == ["PCN1", "PCN2"])
        #expect(statuses.map(\.category) == ["A2", "A7"])
        #expect(statuses[0].payerClaimNumber == "PAYER777")
        #expect(statuses[0].date == CalendarDate("20261116"))
        #expect(read.facts.patients.map(\.lastName) == ["DOE", "ROE"])
    }
}

@Suite("Segments with nothing after their id")
struct EmptySegmentTests {
    /// Found by fuzzing: an N3 with no elements used to trap in the 837 mapper.
    @Test(
        "a bare segment id anywhere in a transaction is read without a crash",
        arguments: [
            "N3", "N4", "NM1", "CLM", "SV1", "SV2", "DTP", "REF", "HL", "CAS", "CLP", "SVC", "PLB", "STC", "TRN", "BPR", "DMG", "LX",
        ])
    func bare(id: String) {
        for (st01, version) in [("837", "005010X222A1"), ("837", "005010X223A2"), ("835", "005010X221A1"), ("277", "005010X214")] {
            let body = [
                "BHT*0019*00*B*20261115*1200*CH", "HL*1**20*1", "HL*2*1*22*0", "NM1*IL*1*DOE", id, "CLM*P1*10***11:B:1", id,
                "LX*1", id, "SV1*HC:99213*10*UN*1", id,
            ]
            _ = facts(x12(st01, version: version, body))
        }
    }
}

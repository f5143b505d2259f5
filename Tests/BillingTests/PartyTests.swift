import Billing
import Domain
import Foundation
import Testing

@Suite("Billing providers and payees: who a file says the practice is")
struct PartyTests {
    static func parties(_ bytes: [UInt8]) -> [BillingParty] {
        facts(bytes).facts.compactMap { if case .party(let party) = $0 { party } else { nil } }
    }

    static let claim = [
        "HL*2*1*22*0", "SBR*P*18*******CI", "NM1*IL*1*DOE*JANE****MI*M1", "NM1*PR*2*PAYER*****PI*P1",
        "CLM*C1*100***11:B:1*Y*A*Y*Y", "LX*1", "SV1*HC:99213*100*UN*1***1", "DTP*472*D8*20261101",
    ]

    @Test("an 837's billing provider carries NM1*85's NPI and REF*EI's TIN; the pay-to plan's REF*EI is not its")
    func billingProvider() {
        let bytes = x12(
            "837", version: "005010X222A1",
            [
                "BHT*0019*00*1*20261102*1200*CH", "HL*1**20*1",
                "NM1*85*2*BRIGHTWATER GROUP*****XX*1234567893", "N3*1 MAIN ST", "N4*TOWN*OR*97000", "REF*EI*12-3456789",
                "NM1*PE*2*PAY TO PLAN*****PI*X", "REF*EI*999999999",
            ] + Self.claim)
        #expect(
            Self.parties(bytes) == [
                BillingParty(
                    role: .billingProvider, name: "BRIGHTWATER GROUP",
                    identifiers: [PracticeIdentifier(kind: .npi, value: "1234567893"), PracticeIdentifier(kind: .tin, value: "123456789")],
                    transaction: 1)
            ])
    }

    @Test(
        "an 835's payee carries N1*PE's NPI or TIN and REF*TJ's TIN",
        arguments: [
            (
                "N1*PE*ACME*XX*1234567893", ["REF*TJ*123456789"],
                [PracticeIdentifier(kind: .npi, value: "1234567893"), PracticeIdentifier(kind: .tin, value: "123456789")]
            ),
            ("N1*PE*ACME*FI*123456789", ["REF*PQ*10488"], [PracticeIdentifier(kind: .tin, value: "123456789")]),
            ("N1*PE*ACME*XV*PLAN1", [], []),
        ])
    func payee(n1: String, refs: [String], identifiers: [PracticeIdentifier]) {
        let bytes = x12(
            "835", version: "005010X221A1",
            [
                "BPR*I*10*C*ACH*CCP*01*1*DA*1*1*01*2*DA*2*20261110", "TRN*1*T1*1",
                "N1*PR*PAYER", "REF*2U*P1", n1,
            ] + refs + [
                "LX*1", "CLP*C1*1*100*10*0*12*X1", "CAS*CO*45*90",
            ])
        #expect(Self.parties(bytes) == [BillingParty(role: .payee, name: "ACME", identifiers: identifiers, transaction: 1)])
    }

    @Test("a transaction naming no billing provider or payee still yields one, carrying nothing")
    func missing() {
        let claimFile = x12("837", version: "005010X222A1", ["BHT*0019*00*1*20261102*1200*CH", "HL*1**20*1"] + Self.claim)
        #expect(Self.parties(claimFile) == [BillingParty(role: .billingProvider, name: "", transaction: 1)])
        let remit = x12("835", version: "005010X221A1", ["BPR*I*0*C*NON", "TRN*1*T1*1", "N1*PR*PAYER", "LX*1", "CLP*C1*1*100*0*0*12*X1"])
        #expect(Self.parties(remit) == [BillingParty(role: .payee, name: "", transaction: 1)])
    }

    @Test("each 837 billing provider loop of a file is a party of its own, numbered by transaction")
    func several() {
        let one = x12(
            "837", version: "005010X222A1",
            [
                "BHT*0019*00*1*20261102*1200*CH", "HL*1**20*1", "NM1*85*2*FIRST*****XX*1234567893",
            ] + Self.claim + [
                "HL*3**20*1", "NM1*85*2*SECOND*****XX*2366554859", "REF*EI*376985369",
                "HL*4*3*22*0", "SBR*P*18*******CI", "NM1*IL*1*DOE*JOHN****MI*M2", "NM1*PR*2*PAYER*****PI*P1",
                "CLM*C2*50***11:B:1*Y*A*Y*Y", "LX*1", "SV1*HC:99212*50*UN*1***1", "DTP*472*D8*20261101",
            ])
        let parties = Self.parties(one)
        #expect(parties.map(\.name) == ["FIRST", "SECOND"])
        #expect(
            parties[1].identifiers == [
                PracticeIdentifier(kind: .npi, value: "2366554859"), PracticeIdentifier(kind: .tin, value: "376985369"),
            ])
        #expect(facts(one).facts.claims.count == 2)
    }

    @Test("a 277CA names no party: it follows the claims of its 837")
    func acknowledgment() {
        let bytes = x12(
            "277", version: "005010X214",
            [
                "BHT*0085*08*1*20261103*1200*TH", "HL*1**20*1", "NM1*PR*2*PAYER*****PI*P1", "HL*2*1*21*1", "NM1*41*2*CLEARING*****46*X",
                "HL*3*2*19*1", "NM1*85*2*OTHER GROUP*****XX*2366554859", "HL*4*3*PT", "NM1*QC*1*DOE*JANE", "TRN*2*C1",
                "STC*A1:20*20261103*WQ*100",
            ])
        #expect(Self.parties(bytes).isEmpty)
    }
}

@Suite("Who the corpus files say the practice is", .enabled(if: Corpus.root != nil, "set SIGHTLINE_CORPUS to ../shared/data"))
struct CorpusPartyTests {
    @Test("every 837 and 835 of the corpus names its billing providers or payees, once per loop", arguments: Corpus.files)
    func named(file: String) throws {
        let read = BillingReader.readAll(try Corpus.bytes(file))
        let parties = read.facts.compactMap { if case .party(let party) = $0 { party } else { nil } }
        let transactions = read.facts.filter {
            if case .transactionStarted(let kind, _, _) = $0 { kind != .acknowledgment277CA } else { false }
        }.count
        #expect(parties.count >= transactions, "\(file)")
        #expect(Set(parties.map(\.transaction)).count == transactions)
    }

    @Test(
        "the identifiers the corpus carries",
        arguments: [
            ("x12/835/badx12_X221-dollars-and-data-sent-separate.edi", ["NPI 5544667733", "TIN 77-7667755"]),
            ("x12/835/badx12_X221-era-sample.edi", ["TIN 99-9994703"]),
            ("x12/835/edge/tigershark_835-example.txt", ["NPI 1333333333", "TIN 77-7777777"]),
            ("x12/837/badx12_X222-ambulance.edi", ["NPI 2366554859", "TIN 37-6985369"]),
            ("x12/837/lfh_837P_demo.drug.example10.3.837", ["NPI 1234567893", "TIN 10-1234567"]),
            ("x12/837/imsweb_x12_multiple_transactions.txt", ["NPI 1234567890", "TIN 12-3456789"]),
        ])
    func identifiers(file: String, expected: [String]) throws {
        let read = BillingReader.readAll(try Corpus.bytes(file))
        let found = read.facts.compactMap { if case .party(let party) = $0 { party } else { nil } }.flatMap(\.identifiers)
        var unique: [String] = []
        for identifier in found.map(\.description) where !unique.contains(identifier) { unique.append(identifier) }
        #expect(unique == expected)
    }
}

import Billing
import Domain
import Foundation
import Testing

/// Each claim-level fact read by an import comes with the raw segments it was read from.
@Suite("Raw segments of each fact")
struct FactSourceTests {
    /// Facts with their sources, the file fed in `chunk`-byte pieces.
    static func sourced(_ bytes: [UInt8], chunk: Int = 7) -> [(fact: BillingFact, source: String?)] {
        var reader = BillingFileReader()
        reader.keepSource()
        var read: [(BillingFact, String?)] = []
        for start in stride(from: 0, to: bytes.count, by: chunk) {
            reader.feed(bytes[start..<min(bytes.count, start + chunk)], sourced: { read.append(($0, $1)) })
        }
        reader.finish(sourced: { read.append(($0, $1)) })
        return read
    }

    @Test("an 835 claim keeps its CLP loop, up to the next claim, with the patient's name and id masked")
    func remittance() throws {
        let bytes = x12(
            "835", version: "005010X221A1",
            [
                "BPR*I*150*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999988880*DA*98765*20260310",
                "TRN*1*12345*1512345678", "N1*PR*ACME HEALTH*PI*60054", "N1*PE*FAMILY CLINIC*XX*1234567893",
                "LX*1",
                "CLP*A100*1*200*150*20*12*PAYER1", "CAS*CO*45*30", "NM1*QC*1*DOE*JANE*Q***MI*W123456789", "DTM*232*20260301",
                "SVC*HC:99213*200*150**1", "CAS*PR*1*20",
                "CLP*A101*4*80*0**12*PAYER2", "CAS*CO*197*80", "NM1*QC*1*ROE*RICHARD****MI*W99",
            ])
        let read = Self.sourced(bytes)
        let claims = read.filter { if case .adjudication = $0.fact { true } else { false } }
        #expect(claims.count == 2)
        #expect(
            claims.first?.source == """
                CLP*A100*1*200*150*20*12*PAYER1~
                CAS*CO*45*30~
                NM1*QC*1*•••*•••*•••***MI*•••~
                DTM*232*20260301~
                SVC*HC:99213*200*150**1~
                CAS*PR*1*20~
                """)
        #expect(claims.last?.source == "CLP*A101*4*80*0**12*PAYER2~\nCAS*CO*197*80~\nNM1*QC*1*•••*•••****MI*•••~")
        let others = read.filter { if case .remittance = $0.fact { true } else { false } }
        #expect(others.allSatisfy { $0.source == nil })
    }

    @Test("an 837 claim keeps its CLM loop and service lines; a 277CA status keeps its TRN loop")
    func claimAndAcknowledgment() throws {
        let claim = x12(
            "837", version: "005010X222A1",
            [
                "BHT*0019*00*1*20260301*1200*CH", "NM1*41*2*CLINIC*****46*S1", "NM1*40*2*PAYER*****46*R1",
                "HL*1**20*1", "NM1*85*2*FAMILY CLINIC*****XX*1234567893",
                "HL*2*1*22*0", "SBR*P*18*******CI", "NM1*IL*1*DOE*JANE****MI*W123", "DMG*D8*19800101*F", "NM1*PR*2*ACME*****PI*60054",
                "CLM*C1*100***11:B:1*Y*A*Y*Y", "REF*EA*MRN778812", "HI*ABK:J101", "LX*1", "SV1*HC:99213*100*UN*1***1",
                "DTP*472*D8*20260301",
            ])
        let claims = Self.sourced(claim).filter { if case .claim = $0.fact { true } else { false } }
        #expect(
            claims.map(\.source) == [
                "CLM*C1*100***11:B:1*Y*A*Y*Y~\nREF*EA*•••~\nHI*ABK:J101~\nLX*1~\nSV1*HC:99213*100*UN*1***1~\nDTP*472*D8*20260301~"
            ])

        let acknowledgment = x12(
            "277", version: "005010X214",
            [
                "BHT*0085*08*1*20260302*1200*TH",
                "HL*1**20*1", "NM1*PR*2*ACME*****PI*60054",
                "HL*2*1*21*1", "NM1*41*2*CLINIC*****46*S1",
                "HL*3*2*19*1", "NM1*85*2*FAMILY CLINIC*****XX*1234567893",
                "HL*4*3*PT", "NM1*QC*1*DOE*JANE****MI*W123", "TRN*2*C1", "STC*A2:20*20260302*WQ*100", "REF*1K*PCN1",
            ])
        let statuses = Self.sourced(acknowledgment).filter { if case .acknowledgment = $0.fact { true } else { false } }
        #expect(statuses.map(\.source) == ["TRN*2*C1~\nSTC*A2:20*20260302*WQ*100~\nREF*1K*PCN1~"])
    }

    @Test("a CSV fact keeps its line, quoted where it needs to be")
    func csvLine() {
        let text = "claim_id,date,amount\nP1,2026-03-05,25.00\n\"P,2\",2026-03-06,10.00\n"
        let read = Self.sourced(Array(text.utf8))
        #expect(read.map(\.source) == ["P1,2026-03-05,25.00", "\"P,2\",2026-03-06,10.00"])
    }

    @Test("without keepSource, facts come without sources", arguments: [false, true])
    func offByDefault(keep: Bool) {
        let bytes = x12(
            "835", version: "005010X221A1", ["BPR*I*0*C*NON************20260310", "TRN*1*1*1", "CLP*A1*4*10*0**12*X", "CAS*CO*50*10"])
        var reader = BillingReader()
        if keep { reader.keepSource() }
        var sources: [String?] = []
        reader.feed(bytes, sourced: { fact, source in if case .adjudication = fact { sources.append(source) } })
        reader.finish(sourced: { fact, source in if case .adjudication = fact { sources.append(source) } })
        #expect(sources == [keep ? "CLP*A1*4*10*0**12*X~\nCAS*CO*50*10~" : nil])
    }
}

@Suite("Raw segments across the public corpus", .enabled(if: Corpus.root != nil, "set SIGHTLINE_CORPUS to ../shared/data"))
struct CorpusSourceTests {
    @Test(
        "every claim-level fact has its segments, starting where it should, with patients' and subscribers' names and ids masked",
        arguments: Corpus.files)
    func sources(file: String) throws {
        let bytes = try Corpus.bytes(file)
        for (fact, source) in FactSourceTests.sourced(bytes, chunk: 4096) {
            let start: String
            switch fact {
            case .adjudication: start = "CLP"
            case .claim: start = "CLM"
            case .acknowledgment: start = "TRN"
            default: continue
            }
            let text = try #require(source, "\(file): a \(start) fact has no source")
            #expect(text.hasPrefix(start), "\(file): source starts with \(text.prefix(3))")
            for line in text.split(separator: "\n") {
                // Drop the terminator: a last character that cannot end a value or a mask.
                let segment = line.last.map { $0 == "•" || $0.isLetter || $0.isNumber } == true ? line[...] : line.dropLast()
                guard segment.count > 4 else { continue }
                let id = segment.prefix(3), separator = segment[segment.index(segment.startIndex, offsetBy: 3)]
                let elements = segment.split(separator: separator, omittingEmptySubsequences: false).map(String.init)
                let masked: [Int] =
                    id == "NM1" && ["QC", "IL", "74"].contains(elements[1])
                    ? [3, 4, 5, 9]
                    : id == "DMG"
                        ? [2, 3]
                        : id == "REF" && ["SY", "1W", "EA"].contains(elements[1]) ? [2] : []
                for position in masked where position < elements.count {
                    #expect(
                        elements[position].isEmpty || elements[position] == "•••", "\(file): \(id)\(position) is not masked in \(segment)")
                }
            }
        }
    }
}

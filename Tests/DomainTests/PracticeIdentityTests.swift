import Domain
import Testing

@Suite("Practice identifiers and whose file it is")
struct PracticeIdentityTests {
    @Test(
        "an NPI is ten digits ending with the Luhn check digit over 80840; a TIN is nine digits",
        arguments: [
            // The NPPES worked example: 123456789 takes check digit 3.
            (PracticeIdentifier.Kind.npi, "1234567893", nil as String?),
            (.npi, "1234567890", "check digit"),
            (.npi, "1999996666", "check digit"),
            (.npi, "2366554859", "check digit"),
            (.npi, "1912301953", nil),
            (.npi, "123456789", "has 9 digits"),
            (.npi, "12345678931", "has 11 digits"),
            (.npi, "12345E7893", "other than digits"),
            (.npi, "   ", "is empty"),
            (.tin, "123456789", nil),
            (.tin, "12-3456789", nil),
            (.tin, "12 3456789", nil),
            (.tin, "12349876", "has 8 digits"),
            (.tin, "3UR334563", "other than digits"),
            (.tin, "", "is empty"),
        ])
    func validation(kind: PracticeIdentifier.Kind, raw: String, problem: String?) {
        let result = Result { () throws(PracticeIdentifierError) in try PracticeIdentifier.validated(kind: kind, raw) }
        switch result {
        case .success(let identifier):
            #expect(problem == nil, "accepted \(raw)")
            #expect(identifier.isWellFormed)
            let digitsOnly = identifier.value.allSatisfy { $0.isNumber }
            #expect(digitsOnly)
        case .failure(let error):
            let text = error.description
            #expect(problem.map { text.contains($0) } == true, "\(raw): \(text)")
            #expect(!PracticeIdentifier(kind: kind, value: raw).isWellFormed)
        }
    }

    @Test(
        "check digits agree with the synthetic writer's and NPPES's examples",
        arguments: [
            ("123456789", 3), ("199000001", NPICheckDigit.digit(for: "199000001")!), ("000000000", NPICheckDigit.digit(for: "000000000")!),
        ])
    func checkDigit(nine: String, digit: Int) {
        #expect(NPICheckDigit.digit(for: nine) == digit)
        #expect(NPICheckDigit.isValid(nine + String(digit)))
        #expect(!NPICheckDigit.isValid(nine + String((digit + 1) % 10)))
    }

    @Test("people read a TIN with its hyphen and each kind by its name")
    func shown() {
        #expect(PracticeIdentifier(kind: .tin, value: "123456789").description == "TIN 12-3456789")
        #expect(PracticeIdentifier(kind: .npi, value: "1234567893").description == "NPI 1234567893")
        #expect(PracticeIdentifier(kind: .tin, value: "12-3456789") == PracticeIdentifier(kind: .tin, value: "123456789"))
    }

    static let ours = PracticeIdentifier(kind: .npi, value: "1234567893")
    static let ourTIN = PracticeIdentifier(kind: .tin, value: "123456789")
    static let theirs = PracticeIdentifier(kind: .npi, value: "1912301953")
    static let theirTIN = PracticeIdentifier(kind: .tin, value: "376985369")
    static let malformed = PracticeIdentifier(kind: .npi, value: "1234567890")

    static func party(_ ids: [PracticeIdentifier], _ transaction: Int = 1, role: BillingParty.Role = .billingProvider) -> BillingParty {
        BillingParty(role: role, name: "GROUP \(transaction)", identifiers: ids, transaction: transaction)
    }

    @Test(
        "a file is accepted, teaches, or is refused",
        arguments: [
            // No party at all (a 277CA, a CSV): nothing to judge.
            ([], [], PracticeIdentity.Verdict.accepted),
            ([], [ours], .accepted),
            // Nothing known: the file's well-formed identifiers are learned, each once, malformed ones never.
            ([party([ours, ourTIN])], [], .learn([ours, ourTIN])),
            ([party([ours]), party([ours, theirTIN], 2)], [], .learn([ours, theirTIN])),
            ([party([malformed, ourTIN])], [], .learn([ourTIN])),
            ([party([malformed])], [], .accepted),
            ([party([])], [], .accepted),
            // Known: one shared identifier is enough, for every party.
            ([party([ours, theirTIN])], [ours], .accepted),
            ([party([theirs, ourTIN], role: .payee)], [ours, ourTIN], .accepted),
            ([party([ours]), party([ourTIN], 2)], [ours, ourTIN], .accepted),
            // Known: a party with none of them, or none at all, is refused; the others are not named.
            ([party([theirs, theirTIN])], [ours], .refused([party([theirs, theirTIN])])),
            ([party([ours]), party([theirs], 2)], [ours], .refused([party([theirs], 2)])),
            ([party([])], [ours], .refused([party([])])),
            ([party([malformed])], [ours], .refused([party([malformed])])),
        ] as [([BillingParty], Set<PracticeIdentifier>, PracticeIdentity.Verdict)])
    func judge(parties: [BillingParty], known: Set<PracticeIdentifier>, verdict: PracticeIdentity.Verdict) {
        #expect(PracticeIdentity.judge(parties, known: known) == verdict)
    }

    @Test("a refusal names what the file carries, what the practice bills under, and how to accept the file")
    func refusal() {
        let text = PracticeIdentity.refusal(
            [BillingParty(role: .payee, name: "LAKESIDE PEDIATRICS", identifiers: [Self.theirs, Self.theirTIN], transaction: 2)],
            known: [Self.ourTIN, Self.ours], practiceName: "Brightwater Family Medicine")
        #expect(text.contains("the payee of transaction 2, LAKESIDE PEDIATRICS, carrying NPI 1912301953, TIN 37-6985369"))
        #expect(text.contains("Brightwater Family Medicine bills under NPI 1234567893, TIN 12-3456789"))
        #expect(text.contains("Nothing of the file was kept"))
        #expect(text.contains("--add-npi 1912301953"))
        let bare = PracticeIdentity.refusal(
            [BillingParty(role: .billingProvider, name: "", transaction: 1)], known: [Self.ours], practiceName: "P")
        #expect(bare.contains("the billing provider of transaction 1 carrying no NPI or TIN"))
        #expect(bare.contains("add one of its identifiers"))
    }
}

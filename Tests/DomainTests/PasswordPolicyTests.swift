import Domain
import Testing

@Suite("Password policy")
struct PasswordPolicyTests {
    @Test("acceptable passwords", arguments: ["correct horse battery", "S2N9nayywADntrXD", "élan-vital-2026", String(repeating: "ab12", count: 18)])
    func acceptable(password: String) throws {
        try PasswordPolicy.validate(password)
    }

    @Test("refused passwords, with a reason that never repeats the password", arguments: [
        ("short", PasswordPolicyError.tooShort(length: 5)),
        ("elevenchars", .tooShort(length: 11)),
        (String(repeating: "ab12", count: 19), .tooLong),
        ("twelve chars\nmore", .containsLineBreak),
        ("aaaaaaaaaaaaaaaa", .tooRepetitive),
    ])
    func refused(password: String, expected: PasswordPolicyError) {
        #expect(throws: expected) { try PasswordPolicy.validate(password) }
        #expect(!expected.description.contains(password))
    }

    @Test("generated passwords meet the policy and use the unambiguous alphabet")
    func generated() throws {
        var state: UInt64 = 42
        let password = PasswordPolicy.generate { bound in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33) % bound
        }
        #expect(password.count == 20)
        try PasswordPolicy.validate(password)
        #expect(password.allSatisfy { PasswordPolicy.generatorAlphabet.contains($0) })
        #expect(!password.contains { "0O1lI".contains($0) })
    }
}

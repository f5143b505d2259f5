import Domain
import Testing

@Suite("Password policy")
struct PasswordPolicyTests {
    @Test(
        "acceptable passwords",
        arguments: [
            "correct horse battery", "S2N9nayywADntrXD", "élan-vital-2026", String(repeating: "ab12", count: 18),
            "elevenchars", "Riverbend-lab-7", "ab12cd34", "password manager vault",
        ])
    func acceptable(password: String) throws {
        try PasswordPolicy.validate(password)
    }

    @Test(
        "refused passwords, with a reason that never repeats the password",
        arguments: [
            ("short", PasswordPolicyError.tooShort(length: 5)),
            ("seven77", .tooShort(length: 7)),
            ("Password2026!", .tooCommon), ("P@ssw0rd", .tooCommon), ("!!welcome!!", .tooCommon), ("qwertyuiop", .tooCommon),
            ("12345678", .tooCommon), ("87654321", .tooCommon), ("abcdefghij", .tooCommon), ("MEDICAL2026", .tooCommon),
            ("Sightline#1", .tooCommon),
            ("1q2w3e4r", .tooCommon),
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

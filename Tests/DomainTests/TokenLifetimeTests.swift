import Domain
import Testing

@Suite("API token lifetimes")
struct TokenLifetimeTests {
    @Test(
        "lifetimes in minutes, hours, days and weeks",
        arguments: [
            ("30m", 1_800), ("12h", 43_200), ("30d", 2_592_000), ("2w", 1_209_600), (" 90D ", 7_776_000), ("366d", 31_622_400),
        ])
    func parse(text: String, seconds: Int) throws {
        #expect(try TokenLifetime(parsing: text).seconds == seconds)
    }

    @Test("malformed lifetimes", arguments: ["", "30", "d", "0d", "-5d", "3.5d", "30y", "thirty days"])
    func malformed(text: String) {
        #expect(throws: TokenLifetimeError.malformed(text)) { try TokenLifetime(parsing: text) }
    }

    @Test("lifetimes past a year are refused", arguments: ["367d", "53w", "999999999999999999w"])
    func tooLong(text: String) {
        #expect(throws: TokenLifetimeError.tooLong(text)) { try TokenLifetime(parsing: text) }
    }

    @Test("the default is 90 days and prints as such")
    func standard() {
        #expect(TokenLifetime.standard.seconds == 90 * 86_400)
        #expect(TokenLifetime.standard.description == "90d")
    }
}

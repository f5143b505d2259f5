import Domain
import Testing

/// Ticket keys: a prefix per practice from its name, made unique, checked when typed, and keys read back.
@Suite("Ticket keys")
struct TicketKeyTests {
    @Test(
        "a practice's name suggests its initials",
        arguments: [
            ("Riverbend Family Medicine", "RFM"),
            ("Lakeside Pediatrics", "LP"),
            ("The Clinic of St. Mary and St. John", "CSMS"),
            ("Northgate", "NO"),
            ("A & B Health, LLC", "BH"),
            ("3rd Street Clinic", "RSC"),
            ("Ärzte am Markt", "AAM"),
            ("---", "PR"),
            ("X", "PR"),
        ])
    func suggested(name: String, prefix: String) {
        #expect(TicketKey.suggestedPrefix(forName: name) == prefix)
    }

    @Test(
        "a prefix another practice has gets a digit, within six characters",
        arguments: [
            ("RFM", [], "RFM"),
            ("RFM", ["RFM"], "RFM2"),
            ("RFM", ["RFM", "RFM2", "RFM3"], "RFM4"),
            ("ABCDEF", ["ABCDEF"], "ABCDE2"),
            ("ABCDEF", ["ABCDEF"] + (2...9).map { "ABCDE\($0)" }, "ABCD10"),
        ] as [(String, [String], String)])
    func unique(base: String, taken: [String], prefix: String) {
        #expect(TicketKey.unique(base, isTaken: Set(taken).contains) == prefix)
    }

    @Test(
        "a typed prefix is 2 to 6 letters and digits starting with a letter",
        arguments: [
            ("rb", "RB", nil),
            (" RFM ", "RFM", nil),
            ("R2D2", "R2D2", nil),
            ("T", nil, TicketKeyError.prefixLength(1)),
            ("ABCDEFG", nil, .prefixLength(7)),
            ("2RB", nil, .prefixCharacters),
            ("R-B", nil, .prefixCharacters),
            ("RÉ", nil, .prefixCharacters),
        ] as [(String, String?, TicketKeyError?)])
    func validated(text: String, prefix: String?, error: TicketKeyError?) {
        do {
            let result = try TicketKey.validatedPrefix(text)
            #expect(result == prefix)
            #expect(error == nil)
        } catch let thrown {
            #expect(thrown == error)
            #expect(prefix == nil, "refused \(text): \(thrown)")
        }
    }

    @Test(
        "keys as typed or linked",
        arguments: [
            ("RFM-12", TicketKey.Parsed(prefix: "RFM", number: 12)),
            ("rfm-12", TicketKey.Parsed(prefix: "RFM", number: 12)),
            ("T-3", TicketKey.Parsed(prefix: "T", number: 3)),
            ("12", TicketKey.Parsed(prefix: nil, number: 12)),
            ("#7", TicketKey.Parsed(prefix: nil, number: 7)),
            ("RFM-0", nil), ("RFM-", nil), ("-12", nil), ("RFM-12x", nil), ("TOOLONGX-1", nil), ("1234567890", nil), ("R B-1", nil),
        ] as [(String, TicketKey.Parsed?)])
    func parse(text: String, parsed: TicketKey.Parsed?) {
        #expect(TicketKey.parse(text) == parsed)
    }

    @Test("a ticket's key is its practice's prefix and its number")
    func reference() {
        var ticket = Ticket(
            engagementID: .init(), number: 12, category: .claimError, priority: .normal, title: "t", detail: "", requester: .practice,
            assignedParty: .vendor, gridTask: nil, openedBy: nil, openedAt: .init(timeIntervalSince1970: 0))
        #expect(ticket.reference == "T-12")
        ticket.keyPrefix = "RFM"
        #expect(ticket.reference == "RFM-12")
    }
}

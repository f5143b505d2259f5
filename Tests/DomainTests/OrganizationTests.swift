import Domain
import Testing

@Suite("Organisations")
struct OrganizationTests {
    @Test(
        "names are trimmed and inner white space folded",
        arguments: [
            ("Riverbend Family Medicine", "Riverbend Family Medicine"),
            ("  Riverbend   Family\tMedicine  ", "Riverbend Family Medicine"),
            ("Dr. Ávila & Partners, P.C.", "Dr. Ávila & Partners, P.C."),
        ])
    func names(raw: String, expected: String) throws {
        #expect(try OrganizationName.normalize(raw) == expected)
    }

    @Test(
        "unusable names are refused with the reason",
        arguments: [
            ("", OrganizationError.emptyName),
            ("   \t ", .emptyName),
            ("Clinic\u{0007}", .nameHasControlCharacters),
            (String(repeating: "x", count: 201), .nameTooLong(length: 201)),
        ])
    func badNames(raw: String, expected: OrganizationError) {
        #expect(throws: expected) { try OrganizationName.normalize(raw) }
    }

    @Test(
        "IANA region zones are accepted",
        arguments: [
            "America/Chicago", "America/Los_Angeles", "America/Phoenix", "Pacific/Honolulu", "Europe/Berlin", "UTC",
        ])
    func zones(zone: String) throws {
        #expect(try IANATimeZone.validate(zone) == zone)
    }

    @Test("abbreviations and unknown zones are refused", arguments: ["EST", "PST", "Mars/Olympus", "", "GMT+5"])
    func badZones(zone: String) {
        #expect(throws: OrganizationError.unknownTimeZone(zone)) { try IANATimeZone.validate(zone) }
    }

    @Test("a validated organisation carries the normalised name and zone")
    func validated() throws {
        let organization = try Organization.validated(name: " Northgate  Revenue ", kind: .vendor, timeZone: "America/New_York")
        #expect(organization.name == "Northgate Revenue")
        #expect(organization.kind == .vendor)
        #expect(organization.timeZone == "America/New_York")
    }

    @Test("ids print lower-case and parse back; other text is not an id")
    func ids() throws {
        let id = Organization.ID()
        #expect(id.description == id.description.lowercased())
        #expect(Organization.ID(string: id.description.uppercased()) == id)
        #expect(Organization.ID(string: "riverbend") == nil)
    }
}

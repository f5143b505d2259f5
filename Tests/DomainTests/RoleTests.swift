import Domain
import Testing

@Suite("Roles")
struct RoleTests {
    @Test(
        "each role belongs to one side of the engagement",
        arguments: [
            (Role.practiceAdmin, Organization.Kind.practice),
            (.practiceManager, .practice),
            (.practiceStaff, .practice),
            (.complianceAuditor, .practice),
            (.vendorLead, .vendor),
            (.vendorAgent, .vendor),
        ])
    func sides(role: Role, kind: Organization.Kind) throws {
        #expect(role.organizationKind == kind)
        try role.validate(for: kind)
        let other: Organization.Kind = kind == .practice ? .vendor : .practice
        #expect(throws: RoleError.wrongOrganizationKind(role: role, organizationKind: other)) {
            try role.validate(for: other)
        }
    }

    @Test(
        "the wire form is parsed leniently",
        arguments: [
            ("practice_admin", Role.practiceAdmin), ("PRACTICE-MANAGER", .practiceManager), (" vendor_agent ", .vendorAgent),
        ])
    func wire(text: String, role: Role) {
        #expect(Role(wireValue: text) == role)
    }

    @Test("unknown role names parse to nothing", arguments: ["admin", "owner", "", "practice admin"])
    func unknown(text: String) {
        #expect(Role(wireValue: text) == nil)
    }

    @Test("the six roles of the brief exist with their wire names")
    func allRoles() {
        #expect(
            Role.allCases.map(\.rawValue) == [
                "practice_admin", "practice_manager", "practice_staff", "vendor_lead", "vendor_agent", "compliance_auditor",
            ])
    }
}

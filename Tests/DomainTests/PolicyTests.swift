import Domain
import Foundation
import Testing

/// The one policy of who may do what.
struct PolicyTests {
    private static let practice = Organization(id: .init(), name: "Riverbend Family Medicine", kind: .practice, timeZone: "America/Chicago")
    private static let vendor = Organization(id: .init(), name: "Acme Billing", kind: .vendor, timeZone: "America/Chicago")

    private static func caller(_ role: Role) throws -> Caller {
        let organization = role.organizationKind == .practice ? practice : vendor
        return Caller(
            user: User(id: .init(), organizationID: organization.id, email: try EmailAddress("someone@example.com"), role: role),
            organization: organization)
    }

    @Test(
        "each permission's roles",
        arguments: [
            (Permission.importFiles, [Role.practiceAdmin, .practiceManager]),
            (.readFigures, [.practiceAdmin, .practiceManager, .practiceStaff, .complianceAuditor]),
            (.readAuditTrail, [.practiceAdmin, .complianceAuditor]),
            (.editPracticeIdentifiers, [.practiceAdmin]),
            (.openBreakGlass, [.vendorLead, .vendorAgent, .complianceAuditor]),
            (.keepGovernance, [.practiceAdmin, .practiceManager, .vendorLead]),
            (.leadTickets, [.practiceAdmin, .practiceManager, .vendorLead]),
            (.approveRoleChange, [.practiceAdmin, .vendorLead, .complianceAuditor]),
            (.write, [.practiceAdmin, .practiceManager, .practiceStaff, .vendorLead, .vendorAgent]),
        ])
    func roles(_ permission: Permission, _ roles: [Role]) throws {
        for role in Role.allCases {
            #expect(Policy.allows(role, permission) == roles.contains(role), "\(role) \(permission)")
            #expect(Policy.allows(try Self.caller(role), permission) == roles.contains(role), "\(role) \(permission)")
        }
    }

    @Test("a permission on the own practice's data is refused to a vendor whatever its role says")
    func ownPracticeNeedsAPractice() throws {
        var odd = try Self.caller(.practiceManager)
        odd.organization = Self.vendor
        #expect(!Policy.allows(odd, .importFiles))
        #expect(!Policy.allows(odd, .readFigures))
    }

    @Test("role changes are asked and approved within the organisation's own kind")
    func roleChangesByKind() {
        #expect(Policy.roles(.requestRoleChange, of: .practice) == [.practiceAdmin])
        #expect(Policy.roles(.requestRoleChange, of: .vendor) == [.vendorLead])
        #expect(Policy.roles(.approveRoleChange, of: .practice) == [.practiceAdmin, .complianceAuditor])
        #expect(Policy.roles(.approveRoleChange, of: .vendor) == [.vendorLead])
    }

    @Test("a refusal names the role in words and what it may not do; it is a 403")
    func refusal() throws {
        #expect(throws: PermissionDenied(role: .practiceStaff, permission: .importFiles)) {
            try Policy.require(try Self.caller(.practiceStaff), .importFiles)
        }
        let denied = PermissionDenied(role: .practiceStaff, permission: .importFiles)
        #expect(denied.description == "your role (Practice staff) may not import billing files")
        #expect(
            PermissionDenied(role: .vendorAgent, permission: .write, action: "open tickets").description
                == "your role (Vendor agent) may not open tickets")
        #expect(Failure.of(denied).kind == .forbidden)
        try Policy.require(try Self.caller(.practiceAdmin), .importFiles)
    }

    @Test("docs/permissions.csv is the policy (sightline permissions --csv writes it)")
    func documented() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/permissions.csv")
        #expect(try String(contentsOf: file, encoding: .utf8) == Policy.csv())
        #expect(Policy.csv().components(separatedBy: "\r\n").count == Permission.allCases.count + 2)
    }
}

/// What a person may do in Sightline. Each role belongs to one side of the engagement.
public enum Role: String, Sendable, Codable, CaseIterable {
    /// Runs the practice's workspace: people, contract, approvals.
    case practiceAdmin = "practice_admin"
    /// Manages the issue log, escalations, change requests, reviews and the pilot.
    case practiceManager = "practice_manager"
    /// Front-line staff: files requests and problems, sees what stays in-house.
    case practiceStaff = "practice_staff"
    /// The vendor's team lead: the queue, assignments, the scorecard.
    case vendorLead = "vendor_lead"
    /// A vendor agent working tickets.
    case vendorAgent = "vendor_agent"
    /// The practice's compliance officer: access reviews and the audit trail, read-mostly.
    case complianceAuditor = "compliance_auditor"

    /// The kind of organisation a holder of this role must belong to.
    public var organizationKind: Organization.Kind {
        switch self {
        case .practiceAdmin, .practiceManager, .practiceStaff, .complianceAuditor: .practice
        case .vendorLead, .vendorAgent: .vendor
        }
    }

    /// A short human label for pages and tables.
    public var label: String {
        switch self {
        case .practiceAdmin: "Practice administrator"
        case .practiceManager: "Practice manager"
        case .practiceStaff: "Practice staff"
        case .vendorLead: "Vendor team lead"
        case .vendorAgent: "Vendor agent"
        case .complianceAuditor: "Compliance auditor"
        }
    }

    /// Parses the wire form (`practice_admin`, …), accepting `-` for `_` and any case.
    public init?(wireValue: String) {
        let normalized = wireValue.trimmingCharacters(in: .whitespaces).lowercased()
            .replacingOccurrences(of: "-", with: "_")
        self.init(rawValue: normalized)
    }

    /// Checks that a person with this role may belong to an organisation of `kind`.
    public func validate(for kind: Organization.Kind) throws(RoleError) {
        guard organizationKind == kind else {
            throw .wrongOrganizationKind(role: self, organizationKind: kind)
        }
    }
}

/// Why a role assignment was refused.
public enum RoleError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The role belongs to the other side of the engagement.
    case wrongOrganizationKind(role: Role, organizationKind: Organization.Kind)
    /// The text names no role.
    case unknown(String)

    public var description: String {
        switch self {
        case .wrongOrganizationKind(let role, let kind):
            "role \(role.rawValue) belongs to a \(role.organizationKind.rawValue) organisation, not a \(kind.rawValue)"
        case .unknown(let text):
            "'\(text)' is not a role; roles are \(Role.allCases.map(\.rawValue).joined(separator: ", "))"
        }
    }
}

extension RoleError: CataloguedError {
    public var failureKind: FailureKind {
        .invalid
    }
}

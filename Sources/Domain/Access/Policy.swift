/// Something a person may or may not do in Sightline. ``Policy`` says who may.
public enum Permission: String, Sendable, CaseIterable {
    // Billing files and figures
    case readFigures = "read-figures"
    case importFiles = "import-files"
    case readImports = "read-imports"
    case readPracticeIdentifiers = "read-practice-identifiers"
    case editPracticeIdentifiers = "edit-practice-identifiers"
    case closePeriod = "close-period"
    // Claims and patients
    case readPatientIdentity = "read-patient-identity"
    case openBreakGlass = "open-break-glass"
    case endOthersBreakGlass = "end-others-break-glass"
    // Engagement and contract
    case inviteVendor = "invite-vendor"
    case answerInvitation = "answer-invitation"
    case readInvitations = "read-invitations"
    case editContract = "edit-contract"
    case maintainContacts = "maintain-contacts"
    case requestMember = "request-member"
    case approveMember = "approve-member"
    case removeMember = "remove-member"
    // Change control
    case discussChangeRequests = "discuss-change-requests"
    // Tickets
    case leadTickets = "lead-tickets"
    // Governance, pilots, audits, transition
    case keepGovernance = "keep-governance"
    case auditClaims = "audit-claims"
    case decidePilotGate = "decide-pilot-gate"
    case answerPilotChecklist = "answer-pilot-checklist"
    // Access
    case keepAccessGrants = "keep-access-grants"
    case openAccessReview = "open-access-review"
    case reviewAccess = "review-access"
    case readAccessReviews = "read-access-reviews"
    case requestRoleChange = "request-role-change"
    case approveRoleChange = "approve-role-change"
    // Audit trail
    case readAuditTrail = "read-audit-trail"
    // Anything that changes data (the compliance auditor reads only)
    case write = "write"
}

/// On what the permission is used, relative to the person: what the stores' tenant walls check
/// besides the role.
public enum Relation: String, Sendable, CaseIterable {
    /// The person's own practice's data (the person belongs to a practice).
    case ownPractice = "own practice"
    /// The person's own organisation (practice or vendor).
    case ownOrganization = "own organisation"
    /// An engagement the person's organisation is a party to (the practice, or the engaged vendor).
    case engagementParty = "party to the engagement"
    /// An engagement the person works on: the practice's people, or the vendor's people the
    /// practice approved onto it.
    case engagementMember = "member of the engagement"
    /// A practice the person's vendor is engaged by (break-glass).
    case engagedPractice = "practice that engaged the vendor"
}

/// Who may do what: for every permission, the roles that may (and so the organisation kinds,
/// each role belonging to one) and the relation to the object it is used on. Every controller,
/// store and page asks here; `docs/permissions.csv` is this table, written by
/// `sightline permissions --csv`.
public enum Policy {
    /// One row of the policy.
    public struct Rule: Sendable, Equatable {
        /// The roles that may, in the order of ``Role/allCases``.
        public let roles: [Role]
        public let relation: Relation
        /// What the permission lets a person do, as a phrase after "may" ("import billing files").
        public let summary: String
    }

    /// The rule of `permission`.
    public static func rule(_ permission: Permission) -> Rule {
        switch permission {
        case .readFigures:
            rule(
                [.practiceAdmin, .practiceManager, .practiceStaff, .complianceAuditor], .ownPractice,
                "read the practice's figures and the claims behind them")
        case .importFiles: rule([.practiceAdmin, .practiceManager], .ownPractice, "import billing files")
        case .readImports: rule([.practiceAdmin, .practiceManager, .complianceAuditor], .ownPractice, "read the import history")
        case .readPracticeIdentifiers:
            rule([.practiceAdmin, .practiceManager, .complianceAuditor], .ownPractice, "read the practice's identifiers")
        case .editPracticeIdentifiers: rule([.practiceAdmin], .ownPractice, "change the practice's identifiers and ticket prefix")
        case .closePeriod: rule([.practiceAdmin, .practiceManager], .engagementParty, "close a month or a quarter against the contract")
        case .readPatientIdentity:
            rule([.practiceAdmin, .practiceManager, .practiceStaff], .ownPractice, "read patients' names and identifiers")
        case .openBreakGlass:
            rule([.vendorLead, .vendorAgent, .complianceAuditor], .engagedPractice, "open emergency access to patient data")
        case .endOthersBreakGlass: rule([.practiceAdmin, .complianceAuditor], .ownPractice, "end someone else's emergency access")
        case .inviteVendor: rule([.practiceAdmin], .ownPractice, "invite a vendor to an engagement")
        case .answerInvitation: rule([.vendorLead], .ownOrganization, "accept or decline an engagement invitation")
        case .readInvitations:
            rule([.practiceAdmin, .practiceManager, .complianceAuditor, .vendorLead], .ownOrganization, "read engagement invitations")
        case .editContract: rule([.practiceAdmin, .practiceManager], .engagementParty, "edit the draft contract")
        case .maintainContacts:
            rule([.practiceAdmin, .practiceManager, .vendorLead], .engagementParty, "maintain their side's points of contact")
        case .requestMember: rule([.vendorLead], .engagementParty, "ask for a vendor person to join an engagement")
        case .approveMember: rule([.practiceAdmin], .engagementParty, "approve or refuse a vendor person joining an engagement")
        case .removeMember: rule([.practiceAdmin, .vendorLead], .engagementParty, "take a vendor person off an engagement")
        case .discussChangeRequests:
            rule(Role.allCases.filter { $0 != .complianceAuditor }, .engagementMember, "propose and discuss change requests")
        case .leadTickets:
            rule([.practiceAdmin, .practiceManager, .vendorLead], .engagementMember, "assign tickets and name who works them")
        case .keepGovernance:
            rule([.practiceAdmin, .practiceManager, .vendorLead], .engagementParty, "keep reviews, risks, actions and the transition plan")
        case .auditClaims: rule([.practiceAdmin, .practiceManager], .engagementParty, "run quality audits of claims")
        case .decidePilotGate: rule([.practiceAdmin, .practiceManager], .engagementParty, "set up a pilot and decide its gate")
        case .answerPilotChecklist: rule([.practiceAdmin, .practiceManager, .vendorLead], .engagementParty, "answer a pilot's checklist")
        case .keepAccessGrants:
            rule([.practiceAdmin, .practiceManager], .engagementParty, "record the vendor's people's access to other systems")
        case .openAccessReview: rule([.practiceAdmin], .engagementParty, "open an access review")
        case .reviewAccess: rule([.practiceAdmin, .practiceManager, .complianceAuditor], .engagementParty, "decide access reviews")
        case .readAccessReviews:
            rule([.practiceAdmin, .practiceManager, .complianceAuditor], .engagementParty, "read access grants and reviews")
        case .requestRoleChange: rule([.practiceAdmin, .vendorLead], .ownOrganization, "ask for a person's role to change")
        case .approveRoleChange: rule([.practiceAdmin, .vendorLead, .complianceAuditor], .ownOrganization, "approve a role change")
        case .readAuditTrail: rule([.practiceAdmin, .complianceAuditor], .ownPractice, "read the audit trail")
        case .write:
            rule(Role.allCases.filter { $0 != .complianceAuditor }, .ownOrganization, "change anything (the compliance auditor reads only)")
        }
    }

    private static func rule(_ roles: [Role], _ relation: Relation, _ summary: String) -> Rule {
        Rule(roles: Role.allCases.filter(roles.contains), relation: relation, summary: summary)
    }

    /// Whether a person with `role` may do `permission` (on an object in the right relation,
    /// which the stores check).
    public static func allows(_ role: Role, _ permission: Permission) -> Bool {
        rule(permission).roles.contains(role)
    }

    /// Whether `caller` may do `permission`: the role may, and the organisation is of the kind a
    /// permission on the own practice needs.
    public static func allows(_ caller: Caller, _ permission: Permission) -> Bool {
        let rule = rule(permission)
        guard rule.roles.contains(caller.user.role), caller.user.role.organizationKind == caller.organization.kind else { return false }
        return rule.relation != .ownPractice || caller.organization.kind == .practice
    }

    /// The roles of one organisation kind that may do `permission`.
    public static func roles(_ permission: Permission, of kind: Organization.Kind) -> [Role] {
        rule(permission).roles.filter { $0.organizationKind == kind }
    }

    /// Refuses `caller` unless the policy allows `permission` (403, naming the role and what it
    /// may not do).
    public static func require(_ caller: Caller, _ permission: Permission, to action: String? = nil) throws(PermissionDenied) {
        guard allows(caller, permission) else { throw PermissionDenied(role: caller.user.role, permission: permission, action: action) }
    }

    /// The policy as CSV: one row per permission, its relation and each role's answer (RFC 4180,
    /// CRLF line ends), the content of `docs/permissions.csv`.
    public static func csv() -> String {
        var rows = [["permission", "may", "relation"] + Role.allCases.map(\.rawValue)]
        for permission in Permission.allCases {
            let rule = rule(permission)
            rows.append(
                [permission.rawValue, rule.summary, rule.relation.rawValue]
                    + Role.allCases.map { rule.roles.contains($0) ? "allow" : "deny" })
        }
        return rows.map { $0.map(CSVText.field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }
}

/// A person's role may not do something (403 on the web, exit 77 at the command line).
public struct PermissionDenied: CataloguedError, Equatable {
    public let role: Role
    public let permission: Permission
    /// What was refused, when more particular than the permission's summary ("open tickets").
    public let action: String?

    public init(role: Role, permission: Permission, action: String? = nil) {
        self.role = role
        self.permission = permission
        self.action = action
    }

    public var description: String { role.mayNot(action ?? Policy.rule(permission).summary) }
    public var failureKind: FailureKind { .forbidden }
}

extension Role {
    /// How every refusal reads: "your role (Practice staff) may not import billing files".
    public func mayNot(_ action: String) -> String { "your role (\(label)) may not \(action)" }
}

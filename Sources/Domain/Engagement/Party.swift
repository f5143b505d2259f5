/// One side of an engagement: the practice that owns the work, or the vendor doing it.
public enum Party: String, Sendable, Codable, CaseIterable, Comparable {
    /// The medical practice.
    case practice
    /// The billing company, BPO or staffing partner.
    case vendor

    /// The side an organisation of `kind` is on.
    public init(_ kind: Organization.Kind) {
        switch kind {
        case .practice: self = .practice
        case .vendor: self = .vendor
        }
    }

    /// The other side.
    public var other: Party { self == .practice ? .vendor : .practice }

    public static func < (lhs: Party, rhs: Party) -> Bool { lhs == .practice && rhs == .vendor }
}

extension Role {
    /// The side of an engagement a holder of this role acts for.
    public var party: Party { Party(organizationKind) }

    /// Whether a holder of this role signs contracts and approves change requests for their party:
    /// the practice administrator for the practice, the vendor team lead for the vendor.
    public var isAuthorisedApprover: Bool { self == .practiceAdmin || self == .vendorLead }
}

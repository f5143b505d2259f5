/// A person with an account: belongs to exactly one organisation, with one role.
public struct User: Sendable, Equatable, Codable, Identifiable {
    /// Identifies a user.
    public typealias ID = EntityID<User>

    /// Stable identifier.
    public var id: ID
    /// The organisation the person works for.
    public var organizationID: Organization.ID
    /// Sign-in address, normalised by ``EmailAddress``.
    public var email: EmailAddress
    /// What the person may do.
    public var role: Role

    /// Creates a user value.
    public init(id: ID = ID(), organizationID: Organization.ID, email: EmailAddress, role: Role) {
        self.id = id
        self.organizationID = organizationID
        self.email = email
        self.role = role
    }
}

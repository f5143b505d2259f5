/// Who is making a request: an authenticated user and the organisation they act for.
/// Every query a caller makes is scoped to `organization.id`.
public struct Caller: Sendable, Equatable {
    /// The signed-in person.
    public var user: User
    /// The organisation the person belongs to.
    public var organization: Organization

    /// Creates a caller.
    public init(user: User, organization: Organization) {
        self.user = user
        self.organization = organization
    }
}

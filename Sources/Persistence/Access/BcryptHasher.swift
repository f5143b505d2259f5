import Vapor

/// bcrypt hashing of sign-in passwords. The cost is a setting so tests can use the minimum.
public struct BcryptHasher: Sendable {
    /// bcrypt work factor (2^cost rounds).
    public let cost: Int

    /// Cost for real accounts: about a quarter of a second on a server core.
    public static let production = BcryptHasher(cost: 12)
    /// Cheapest cost bcrypt allows; for tests only.
    public static let fastForTests = BcryptHasher(cost: 4)

    /// A hasher with the given work factor.
    public init(cost: Int) { self.cost = cost }

    /// The bcrypt hash of `password`.
    public func hash(_ password: String) throws -> String {
        try Bcrypt.hash(password, cost: cost)
    }

    /// Whether `password` matches `hash`; a malformed hash never matches.
    public func verify(_ password: String, against hash: String) -> Bool {
        (try? Bcrypt.verify(password, created: hash)) ?? false
    }
}

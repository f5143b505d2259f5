import Foundation

/// A typed identifier: `EntityID<Organization>` and `EntityID<User>` are different types, so
/// an organisation id can never be passed where a user id is expected.
public struct EntityID<Entity>: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The stored UUID.
    public let rawValue: UUID

    /// Wraps an existing UUID.
    public init(_ rawValue: UUID) { self.rawValue = rawValue }

    /// A new random identifier.
    public init() { self.rawValue = UUID() }

    /// Parses the textual UUID form (any case); `nil` when it is not a UUID.
    public init?(string: String) {
        guard let uuid = UUID(uuidString: string.trimmingCharacters(in: .whitespaces)) else { return nil }
        self.rawValue = uuid
    }

    /// Lower-case UUID text, the form Sightline prints and accepts.
    public var description: String { rawValue.uuidString.lowercased() }

    public init(from decoder: any Decoder) throws {
        self.rawValue = try decoder.singleValueContainer().decode(UUID.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

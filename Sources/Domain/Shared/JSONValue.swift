import Foundation

/// A JSON document as a value: what contract diffs and change-request edits work on, so they
/// cover every field of a contract without a case per field.
public enum JSONValue: Sendable, Equatable, Codable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// The value of any `Encodable`, through its JSON form.
    public init(encoding value: some Encodable) throws {
        self = try JSONDecoder().decode(JSONValue.self, from: try JSONValue.encoder.encode(value))
    }

    /// The value decoded as `type`.
    public func decode<T: Decodable>(as type: T.Type) throws -> T {
        try JSONDecoder().decode(type, from: try JSONValue.encoder.encode(self))
    }

    /// Compact JSON with sorted keys: the same value always gives the same text.
    public var description: String {
        (try? JSONValue.encoder.encode(self)).flatMap { String(data: $0, encoding: .utf8) } ?? "null"
    }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// The `key` of an object that has one: how elements of keyed lists are addressed.
    var elementKey: String? {
        if case .object(let fields) = self, case .string(let key)? = fields["key"] { return key }
        return nil
    }

    /// Whether this is a list whose elements are all objects with a `key`.
    var isKeyedList: Bool {
        if case .array(let elements) = self, !elements.isEmpty { return elements.allSatisfy { $0.elementKey != nil } }
        return false
    }
}

extension JSONValue {
    /// Parses JSON text (any value, not only objects and arrays).
    public static func parse(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }
}

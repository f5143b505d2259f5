import Foundation

/// How Domain values kept whole in a text column (contracts, change requests, acceptances) are
/// written and read: JSON with sorted keys and ISO 8601 instants, so equal values store equal text.
enum StoredDocument {
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, from text: String, table: String) throws(StoreError) -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(type, from: Data(text.utf8))
        } catch {
            throw .corruptRow(table: table, detail: "document is not a \(T.self)")
        }
    }
}

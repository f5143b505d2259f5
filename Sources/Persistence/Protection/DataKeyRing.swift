import Crypto
import Foundation

/// The keys patient identifiers and authenticator secrets are encrypted with at rest (AES-256-GCM).
/// The first key seals; every key opens, so values sealed before a rotation stay readable until
/// `sightline keys rotate` has sealed them again under the new key.
///
/// A sealed value reads `sl1:<key id>:<base64 of nonce, ciphertext and tag>`; the key id is the
/// first 8 hex digits of the SHA-256 of the key. What the value is (table and column) is bound
/// in as associated data, so a value moved to another column does not open.
public struct DataKeyRing: Sendable {
    public struct Key: Sendable {
        public let id: String
        let key: SymmetricKey
    }

    public let keys: [Key]

    static let prefix = "sl1:"

    /// Keys from base64 text, 32 bytes each, first the one that seals.
    public init(base64Keys: [String]) throws(DataKeyError) {
        var keys: [Key] = []
        for (index, text) in base64Keys.enumerated() {
            guard let bytes = Data(base64Encoded: text.trimmingCharacters(in: .whitespaces)), bytes.count == 32 else {
                throw .badKey(position: index + 1)
            }
            let id = SHA256.hash(data: bytes).prefix(4).map { String(format: "%02x", $0) }.joined()
            keys.append(Key(id: id, key: SymmetricKey(data: bytes)))
        }
        guard !keys.isEmpty else { throw .noKey }
        self.keys = keys
    }

    /// Keys read from a key file's text: one base64 key per line, the sealing one first; blank
    /// lines and lines starting with `#` are skipped.
    public init(fileText: String) throws(DataKeyError) {
        try self.init(
            base64Keys: fileText.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty && !$0.hasPrefix("#") })
    }

    /// A new random key, as base64.
    public static func newKey() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
    }

    /// The id of the key that seals.
    public var currentID: String { keys[0].id }

    /// `text` sealed under the current key, for the column named by `context` (`table.column`).
    public func seal(_ text: String, context: String) throws -> String {
        let box = try AES.GCM.seal(Data(text.utf8), using: keys[0].key, authenticating: Data(context.utf8))
        guard let combined = box.combined else { throw DataKeyError.cannotSeal }
        return Self.prefix + keys[0].id + ":" + combined.base64EncodedString()
    }

    /// Whether `stored` is a sealed value (rather than text stored before encryption began).
    public static func isSealed(_ stored: String) -> Bool { stored.hasPrefix(prefix) }

    /// The id of the key that sealed `stored`, when it is sealed.
    public static func keyID(of stored: String) -> String? {
        guard isSealed(stored) else { return nil }
        return stored.dropFirst(prefix.count).split(separator: ":", maxSplits: 1).first.map(String.init)
    }

    /// The text sealed in `stored`; text stored before encryption began comes back as it is.
    public func open(_ stored: String, context: String) throws(DataKeyError) -> String {
        guard Self.isSealed(stored) else { return stored }
        let parts = stored.dropFirst(Self.prefix.count).split(separator: ":", maxSplits: 1)
        guard parts.count == 2, let combined = Data(base64Encoded: String(parts[1])) else { throw .damaged(context: context) }
        guard let key = keys.first(where: { $0.id == parts[0] }) else { throw .unknownKey(id: String(parts[0]), context: context) }
        do {
            let box = try AES.GCM.SealedBox(combined: combined)
            return String(decoding: try AES.GCM.open(box, using: key.key, authenticating: Data(context.utf8)), as: UTF8.self)
        } catch {
            throw .damaged(context: context)
        }
    }

    /// Seals an optional value; `nil` stays `nil`.
    public func seal(_ text: String?, context: String) throws -> String? {
        try text.map { try seal($0, context: context) }
    }
}

/// Why data could not be sealed or opened. Never carries the data itself.
public enum DataKeyError: Error, Equatable, Sendable, CustomStringConvertible {
    case noKey
    case badKey(position: Int)
    case notConfigured
    case unknownKey(id: String, context: String)
    case damaged(context: String)
    case cannotSeal
    case keyFile(path: String, reason: String)

    public var description: String {
        switch self {
        case .noKey: "no data key: a key file or SIGHTLINE_DATA_KEY holds at least one base64 key (make one with: sightline keys new)"
        case .badKey(let position): "data key \(position) is not 32 bytes of base64 (make one with: sightline keys new)"
        case .notConfigured: "no data key is configured for this process, so patient identifiers can be neither written nor read"
        case .unknownKey(let id, let context):
            "\(context) was sealed with key \(id), which is not in the key ring; add that key back (after the current one) and run sightline keys rotate"
        case .damaged(let context): "a value of \(context) does not open with its key: it was altered, or sealed for another column"
        case .cannotSeal: "the value could not be sealed"
        case .keyFile(let path, let reason): "data key file \(path): \(reason)"
        }
    }
}

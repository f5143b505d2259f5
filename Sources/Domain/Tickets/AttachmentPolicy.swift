/// What may be attached to a ticket: at most `maximumBytes`, of a type on the allow-list, and
/// really of that type — the first bytes must agree with the name, so a renamed program is refused.
public enum AttachmentPolicy {
    /// 10 MiB.
    public static let maximumBytes = 10 * 1_048_576

    /// A kind of file the allow-list takes.
    public struct Kind: Sendable, Equatable {
        public let extensions: [String]
        public let contentType: String
        /// The bytes a file of this kind starts with; `nil` for text, which must be UTF-8 without NUL bytes.
        let signature: [UInt8]?
    }

    public static let allowed: [Kind] = [
        Kind(extensions: ["pdf"], contentType: "application/pdf", signature: Array("%PDF-".utf8)),
        Kind(extensions: ["png"], contentType: "image/png", signature: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        Kind(extensions: ["jpg", "jpeg"], contentType: "image/jpeg", signature: [0xFF, 0xD8, 0xFF]),
        Kind(
            extensions: ["xlsx"], contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            signature: [0x50, 0x4B, 0x03, 0x04]),
        Kind(
            extensions: ["docx"], contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            signature: [0x50, 0x4B, 0x03, 0x04]),
        Kind(extensions: ["csv"], contentType: "text/csv", signature: nil),
        Kind(extensions: ["txt", "x12", "edi", "835", "837", "277"], contentType: "text/plain", signature: nil),
    ]

    /// Why a file is refused.
    public enum Refusal: Error, Equatable, Sendable, CustomStringConvertible {
        case empty
        case tooLarge(bytes: Int)
        case badName
        case typeNotAllowed(String)
        case contentMismatch(String)

        public var description: String {
            switch self {
            case .empty: "the file is empty"
            case .tooLarge(let bytes): "the file has \(bytes) bytes; at most \(AttachmentPolicy.maximumBytes) (10 MiB) are taken"
            case .badName: "a file name of 1 to 200 characters, without slashes or control characters, is needed"
            case .typeNotAllowed(let name):
                "'\(name)' is not a type Sightline takes (\(AttachmentPolicy.allowed.flatMap(\.extensions).joined(separator: ", ")))"
            case .contentMismatch(let name): "'\(name)' does not hold what its name says"
            }
        }
    }

    /// The kind of a file named `name` holding `bytes`, or why it is refused.
    public static func check(name: String, bytes: [UInt8]) throws(Refusal) -> Kind {
        guard !name.isEmpty, name.count <= 200, !name.contains("/"), !name.contains("\\"), !name.hasPrefix("."),
            PlainText.lineRefusal(in: name) == nil
        else { throw .badName }
        guard !bytes.isEmpty else { throw .empty }
        guard bytes.count <= maximumBytes else { throw .tooLarge(bytes: bytes.count) }
        let suffix = name.split(separator: ".").last.map { $0.lowercased() } ?? ""
        guard name.contains("."), let kind = allowed.first(where: { $0.extensions.contains(suffix) }) else { throw .typeNotAllowed(name) }
        if let signature = kind.signature {
            guard bytes.starts(with: signature) else { throw .contentMismatch(name) }
        } else {
            guard !bytes.contains(0), String(validating: bytes, as: UTF8.self) != nil else { throw .contentMismatch(name) }
        }
        return kind
    }
}

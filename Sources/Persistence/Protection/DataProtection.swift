import Foundation
import NIOConcurrencyHelpers

/// Where this process's data keys come from.
public enum DataKeySource: Sendable, Equatable {
    /// `SIGHTLINE_DATA_KEY`: base64 keys separated by commas, the sealing one first.
    case environment([String])
    /// A key file; `createIfMissing` for the file kept beside an embedded database.
    case file(path: String, createIfMissing: Bool)

    /// The name of the file kept beside an embedded SQLite database when no key is configured.
    public static let defaultFileName = "sightline.key"

    /// `SIGHTLINE_DATA_KEY`, else `SIGHTLINE_DATA_KEY_FILE`, else (for SQLite only) a key file
    /// beside the database, made on first use. PostgreSQL serves many processes and machines, so
    /// there the key is always configured: a key made on one machine would leave the others
    /// unable to read what it sealed.
    public static func resolve(environment env: [String: String], database: DatabaseTarget) throws(DataKeyError) -> DataKeySource {
        if let text = env["SIGHTLINE_DATA_KEY"], !text.isEmpty {
            let keys = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            _ = try DataKeyRing(base64Keys: keys)
            return .environment(keys)
        }
        if let path = env["SIGHTLINE_DATA_KEY_FILE"], !path.isEmpty { return .file(path: path, createIfMissing: false) }
        switch database {
        case .sqliteFile(let path):
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            return .file(path: folder.appendingPathComponent(defaultFileName).path, createIfMissing: true)
        case .sqliteMemory:
            return .environment([DataKeyRing.newKey()])
        case .postgres:
            throw .keyFile(
                path: "(none)",
                reason:
                    "PostgreSQL needs SIGHTLINE_DATA_KEY_FILE (or SIGHTLINE_DATA_KEY) set to the key every Sightline process shares; make one with: sightline keys new > sightline.key"
            )
        }
    }

    /// The key ring, making the key file first when this source may.
    public func ring() throws(DataKeyError) -> DataKeyRing {
        switch self {
        case .environment(let keys):
            return try DataKeyRing(base64Keys: keys)
        case .file(let path, let create):
            if !FileManager.default.fileExists(atPath: path) {
                guard create else { throw .keyFile(path: path, reason: "no such file") }
                try Self.write([DataKeyRing.newKey()], to: path)
            }
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw .keyFile(path: path, reason: "cannot be read")
            }
            return try DataKeyRing(fileText: text)
        }
    }

    /// Writes a key file readable by its owner only, replacing any file there in one step.
    public static func write(_ keys: [String], to path: String) throws(DataKeyError) {
        let text =
            "# Sightline data keys: the first seals, all open. Keep a copy somewhere safe, off this machine:\n"
            + "# without it, the patient identifiers in the database cannot be read.\n" + keys.joined(separator: "\n") + "\n"
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: temporary.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        else {
            throw .keyFile(path: path, reason: "cannot be written")
        }
        guard rename(temporary.path, url.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw .keyFile(path: path, reason: "cannot be replaced")
        }
    }
}

/// The key ring this process seals and opens with: set once when the database opens (or, in a
/// task, for that task only).
public enum DataProtection {
    private static let shared = NIOLockedValueBox<DataKeyRing?>(nil)
    /// A ring for one task and what it starts, ahead of the process's (``Database/atomically(_:)``
    /// carries it into its transaction).
    @TaskLocal public static var override: DataKeyRing?

    /// Makes `ring` the process's.
    public static func use(_ ring: DataKeyRing) { shared.withLockedValue { $0 = ring } }

    /// Whether the process has a ring.
    public static var isConfigured: Bool { override != nil || shared.withLockedValue { $0 } != nil }

    /// The ring in force; without one nothing patient-identifying is written or read.
    public static var ring: DataKeyRing {
        get throws(DataKeyError) {
            if let override { return override }
            guard let ring = shared.withLockedValue({ $0 }) else { throw .notConfigured }
            return ring
        }
    }
}

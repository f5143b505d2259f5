import Foundation

/// Where a file to import comes from: a path on disk or bytes already received (an upload).
public enum ImportSource: Sendable {
    /// A file, read in chunks so memory stays flat whatever its size.
    case file(path: String)
    /// Bytes in memory.
    case bytes([UInt8])

    /// Size of each chunk read from disk.
    static let chunkSize = 1 << 20

    /// Total size in bytes, when known.
    func size() -> Int64? {
        switch self {
        case .file(let path): (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value
        case .bytes(let bytes): Int64(bytes.count)
        }
    }

    /// Calls `body` with consecutive chunks of the content, so a file of any size is read in flat memory.
    public func forEachChunk(_ body: (ArraySlice<UInt8>) async throws -> Void) async throws {
        switch self {
        case .bytes(let bytes):
            var offset = 0
            while offset < bytes.count {
                let end = min(bytes.count, offset + Self.chunkSize)
                try await body(bytes[offset..<end])
                offset = end
            }
        case .file(let path):
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw ImportError.unreadable(FileManager.default.fileExists(atPath: path) ? "cannot be read (permissions?)" : "no such file")
            }
            defer { try? handle.close() }
            while let chunk = try handle.read(upToCount: Self.chunkSize), !chunk.isEmpty {
                try await body(ArraySlice(chunk))
            }
        }
    }
}

/// Why an import could not even start.
public enum ImportError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file cannot be opened.
    case unreadable(String)

    public var description: String {
        switch self {
        case .unreadable(let reason): reason
        }
    }
}

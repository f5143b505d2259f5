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
            let descriptor = open(path, O_RDONLY)
            guard descriptor >= 0 else {
                throw ImportError.unreadable(
                    FileManager.default.fileExists(atPath: path) ? "cannot be read (permissions?)" : "no such file")
            }
            defer { close(descriptor) }
            // Read straight into one reused buffer: no intermediate Data, no copy per chunk.
            var buffer = [UInt8](repeating: 0, count: Self.chunkSize)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, Self.chunkSize) }
                if count < 0 {
                    if errno == EINTR { continue }
                    throw ImportError.unreadable("cannot be read: \(String(cString: strerror(errno)))")
                }
                if count == 0 { break }
                try await body(buffer[0..<count])
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

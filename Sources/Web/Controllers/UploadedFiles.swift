import Foundation
import MultipartKit
import NIOCore

/// The files of a `multipart/form-data` body: every part that carries a file name, whatever its
/// field is called (`files` repeated, as `curl -F files=@a -F files=@b` sends, or `files[]`).
enum UploadedFiles {
    /// One uploaded file.
    struct File {
        let name: String
        let bytes: [UInt8]
    }

    /// Why a body could not be read as files.
    struct Problem: Error {
        let reason: String
    }

    static func parse(_ body: ByteBuffer, boundary: String) throws -> [File] {
        let parser = MultipartParser(boundary: boundary)
        var files: [File] = []
        var disposition = ""
        var bytes: [UInt8] = []
        parser.onHeader = { name, value in
            if name.lowercased() == "content-disposition" { disposition = value }
        }
        parser.onBody = { chunk in bytes.append(contentsOf: chunk.readableBytesView) }
        parser.onPartComplete = {
            if let name = fileName(in: disposition) { files.append(File(name: name, bytes: bytes)) }
            disposition = ""
            bytes = []
        }
        do {
            try parser.execute(body)
        } catch {
            throw Problem(reason: "the multipart body is malformed")
        }
        return files
    }

    /// `filename="era.835"` from a Content-Disposition value; `nil` for parts that are not files.
    static func fileName(in disposition: String) -> String? {
        for parameter in disposition.split(separator: ";") {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == "filename" else { continue }
            let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            // Browsers on some systems send a full path; keep the last component only.
            let last = value.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? value
            return last.isEmpty ? "upload" : last
        }
        return nil
    }
}

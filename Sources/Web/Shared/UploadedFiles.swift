import Domain
import Foundation
import MultipartKit
import NIOCore
import Vapor

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

    /// The files of a request's multipart body; a 422 naming `field` when the body is not
    /// multipart (saying `notMultipart`) or cannot be read.
    static func files(of request: Request, field: String, notMultipart: String) throws -> [File] {
        guard let type = request.headers.contentType, type.type == "multipart", let boundary = type.parameters["boundary"],
            let body = request.body.data
        else { throw APIError.invalidInput(field: field, reason: notMultipart) }
        do {
            return try form(body, boundary: boundary).files
        } catch let problem as Problem {
            throw APIError.invalidInput(field: field, reason: problem.reason)
        }
    }

    /// The files, and the plain fields (a form's anti-forgery token, say) by name; a field's last value wins.
    static func form(_ body: ByteBuffer, boundary: String) throws -> (files: [File], fields: [String: String]) {
        let parser = MultipartParser(boundary: boundary)
        var files: [File] = []
        var fields: [String: String] = [:]
        var disposition = ""
        var bytes: [UInt8] = []
        parser.onHeader = { name, value in
            if name.lowercased() == "content-disposition" { disposition = value }
        }
        parser.onBody = { chunk in bytes.append(contentsOf: chunk.readableBytesView) }
        var refused: Problem?
        parser.onPartComplete = {
            let field = parameter("name", in: disposition)
            if let raw = parameter("filename", in: disposition) {
                if refused == nil, let refusal = PlainText.lineRefusal(in: raw) {
                    refused = Problem(reason: "the name of an uploaded file \(refusal.description)")
                }
                files.append(File(name: fileName(in: disposition) ?? "upload", bytes: bytes))
            } else if let field {
                let text = String(decoding: bytes, as: UTF8.self)
                if refused == nil, let refusal = PlainText.refusal(in: text) {
                    refused = Problem(reason: "\(field): \(refusal.description)")
                }
                fields[field] = text
            }
            disposition = ""
            bytes = []
        }
        do {
            try parser.execute(body)
        } catch {
            throw Problem(reason: "the multipart body is malformed")
        }
        if let refused { throw refused }
        return (files, fields)
    }

    /// `filename="era.835"` from a Content-Disposition value; `nil` for parts that are not files.
    static func fileName(in disposition: String) -> String? {
        guard let value = parameter("filename", in: disposition) else { return nil }
        // Browsers on some systems send a full path; keep the last component only.
        let last = value.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? value
        return last.isEmpty ? "upload" : last
    }

    /// A parameter's value in a Content-Disposition value (`name="csrf"`), quotes removed.
    static func parameter(_ wanted: String, in disposition: String) -> String? {
        for parameter in disposition.split(separator: ";") {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == wanted else { continue }
            return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }
}

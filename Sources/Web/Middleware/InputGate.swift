import Domain
import Foundation
import MultipartKit
import Vapor

/// The one gate everything a request carries passes before a route reads it: the path and the
/// query (``InputGateMiddleware``), and every body a route decodes — JSON, forms and multipart
/// forms (``GatedContentDecoder``, and ``JSONBody/decode(_:from:)``). Text may not hold control
/// characters (``PlainText``); a number in a JSON body must lie within ±``largestNumber``, so no
/// later conversion or sum can overflow. What fails is a 422 naming the field.
enum InputGate {
    /// The largest magnitude a number in a JSON body may have. Every bounded field is far below it
    /// (a page, a quantity, a rate, a dollar figure of a report); it keeps conversions to whole
    /// numbers and sums of stored values in range whatever a route does with them.
    static let largestNumber: Double = 1_000_000_000

    /// Refuses a path segment or query parameter holding a control character (tab and line breaks
    /// included: neither belongs in an address).
    static func check(url: URI) throws {
        for segment in url.path.split(separator: "/", omittingEmptySubsequences: true) {
            guard let decoded = String(segment).removingPercentEncoding else {
                throw APIError.invalidInput(field: "path", reason: "is not valid percent-encoding")
            }
            if let refusal = PlainText.lineRefusal(in: decoded) { throw APIError.invalidInput(field: "path", reason: refusal.description) }
        }
        if let query = url.query { try checkPairs(query, lines: false) }
    }

    /// Refuses a form field (`application/x-www-form-urlencoded`) whose name or value holds a
    /// refused character; values may hold line breaks (a text area).
    static func checkForm(_ body: ByteBuffer) throws {
        try checkPairs(String(decoding: body.readableBytesView, as: UTF8.self), lines: true)
    }

    private static func checkPairs(_ encoded: String, lines: Bool) throws {
        for pair in encoded.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = try decoded(parts[0], field: "query")
            try check(name, field: "parameter name", lines: false)
            guard parts.count == 2 else { continue }
            let value = try decoded(parts[1], field: name)
            try check(value, field: name, lines: lines)
        }
    }

    private static func decoded(_ text: Substring, field: String) throws -> String {
        guard let value = text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding else {
            throw APIError.invalidInput(field: field, reason: "is not valid percent-encoding")
        }
        return value
    }

    /// Refuses `text` when it holds a character that field may not (`lines`: tab and line breaks allowed).
    static func check(_ text: String, field: String, lines: Bool = true) throws {
        let refusal = lines ? PlainText.refusal(in: text) : PlainText.lineRefusal(in: text)
        if let refusal { throw APIError.invalidInput(field: field, reason: refusal.description) }
    }

    /// Walks a JSON body: every string (keys included) must be plain text and every number within
    /// ±``largestNumber``. A body that is not JSON passes, for the decoder to say so.
    static func checkJSON(_ data: Data) throws {
        guard let value = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { return }
        try walk(value, path: "")
    }

    private static func walk(_ value: Any, path: String) throws {
        let field = path.isEmpty ? "body" : path
        switch value {
        case let text as String:
            try check(text, field: field)
        case let object as [String: Any]:
            for key in object.keys.sorted() {
                try check(key, field: path.isEmpty ? "body" : path, lines: false)
                try walk(object[key] as Any, path: path.isEmpty ? key : "\(path).\(key)")
            }
        case let array as [Any]:
            for (index, element) in array.enumerated() { try walk(element, path: "\(path)[\(index)]") }
        case let number as NSNumber:
            let magnitude = abs(number.doubleValue)
            guard magnitude.isFinite, magnitude <= largestNumber else {
                throw APIError.invalidInput(field: field, reason: "must lie between -1,000,000,000 and 1,000,000,000")
            }
        default:
            break
        }
    }

    /// Refuses a multipart form whose text fields or file names hold a refused character. File
    /// contents are bytes, not text, and are left to whatever reads them.
    static func checkMultipart(_ body: ByteBuffer, headers: HTTPHeaders) throws {
        guard let boundary = headers.contentType?.parameters["boundary"] else { return }
        do {
            _ = try UploadedFiles.form(body, boundary: boundary)
        } catch let problem as UploadedFiles.Problem {
            throw APIError.invalidInput(field: "body", reason: problem.reason)
        }
    }
}

/// A body decoder that lets the body through ``InputGate`` first.
struct GatedContentDecoder: ContentDecoder {
    let base: any ContentDecoder
    let check: @Sendable (ByteBuffer, HTTPHeaders) throws -> Void

    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders) throws -> D {
        try decode(decodable, from: body, headers: headers, userInfo: [:])
    }

    func decode<D: Decodable>(
        _ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders, userInfo: [CodingUserInfoKey: any Sendable]
    ) throws -> D {
        try check(body, headers)
        return try base.decode(decodable, from: body, headers: headers, userInfo: userInfo)
    }

    /// Vapor's own decoders for JSON, forms and multipart forms, each behind the gate.
    static func install(in configuration: inout ContentConfiguration) {
        configuration.use(
            decoder: GatedContentDecoder(base: JSONDecoder.custom(dates: .iso8601)) { body, _ in
                try InputGate.checkJSON(Data(buffer: body))
            }, for: .json)
        configuration.use(
            decoder: GatedContentDecoder(base: URLEncodedFormDecoder()) { body, _ in
                try InputGate.checkForm(body)
            }, for: .urlEncodedForm)
        configuration.use(
            decoder: GatedContentDecoder(base: FormDataDecoder()) { body, headers in
                try InputGate.checkMultipart(body, headers: headers)
            }, for: .formData)
    }
}

/// Lets no request reach a route with a control character in its path or query.
struct InputGateMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        try InputGate.check(url: request.url)
        return try await next.respond(to: request)
    }
}

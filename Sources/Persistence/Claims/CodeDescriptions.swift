import Billing
import Domain
import FluentKit
import Foundation
import SQLKit

/// The code lists whose descriptions a user may load.
public enum CodeSet: String, Sendable, CaseIterable, Codable {
    /// Claim adjustment reason codes (CAS02, 05, …).
    case carc = "CARC"
    /// Remittance advice remark codes (MOA, MIA, LQ*HE).
    case rarc = "RARC"

    /// Whether `code` has the shape of a code of this set: a CARC is one to three digits or a
    /// letter and digits (`45`, `B7`, `P12`); a RARC is `M`, `MA` or `N` and digits (`N130`).
    public func accepts(_ code: String) -> Bool {
        let bytes = Array(code.utf8)
        let isDigit = { (byte: UInt8) in (0x30...0x39).contains(byte) }
        let isLetter = { (byte: UInt8) in (0x41...0x5A).contains(byte) }
        switch self {
        case .carc:
            if !bytes.isEmpty, bytes.count <= 3, bytes.allSatisfy(isDigit) { return true }
            return bytes.count >= 2 && bytes.count <= 4 && isLetter(bytes[0]) && bytes.dropFirst().allSatisfy(isDigit)
        case .rarc:
            let prefix = code.hasPrefix("MA") ? 2 : (code.hasPrefix("M") || code.hasPrefix("N")) ? 1 : 0
            let digits = bytes.dropFirst(prefix)
            return prefix > 0 && !digits.isEmpty && digits.count <= 4 && digits.allSatisfy(isDigit)
        }
    }
}

/// A problem with a code-description file, naming its line.
public struct CodeFileError: Error, Equatable, Sendable, CustomStringConvertible {
    public let line: Int
    public let reason: String
    public var description: String { line > 0 ? "line \(line): \(reason)" : reason }
}

/// Reads and stores code descriptions.
public struct CodeDescriptions: Sendable {
    let database: any Database

    public init(_ database: any Database) { self.database = database }

    /// Loads a CSV with the header `set,code,description` (set `CARC` or `RARC`), all or nothing:
    /// any bad line rejects the file and stores nothing. A code loaded again takes the new text.
    /// Returns how many descriptions each set received.
    public func load(_ bytes: [UInt8]) async throws -> [CodeSet: Int] {
        let rows = try Self.parse(bytes)
        try await database.atomically { transaction in
            guard let sql = transaction as? any SQLDatabase else { return }
            var batch = RowBatch(table: "code_descriptions", columns: ["code_set", "code", "description"])
            for row in rows { batch.append([.text(row.set.rawValue), .text(row.code), .text(row.description)]) }
            if let rows = batch.take() { try await rows.write(to: sql, onConflict: ["code_set", "code"], replacing: ["description"]) }
        }
        return rows.reduce(into: [:]) { $0[$1.set, default: 0] += 1 }
    }

    /// Checks a file without storing it; every problem names its line.
    static func parse(_ bytes: [UInt8]) throws(CodeFileError) -> [(set: CodeSet, code: String, description: String)] {
        var reader = CSVRowReader()
        var rows: [([String], Int)] = []
        reader.feed(bytes) { rows.append(($0, $1)) }
        reader.finish { rows.append(($0, $1)) }
        guard !reader.tooLong else {
            throw CodeFileError(line: reader.line, reason: "a line is longer than \(CSVRowReader.maximumRowBytes) bytes")
        }
        guard let header = rows.first else { throw CodeFileError(line: 0, reason: "the file is empty") }
        guard header.0.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) == ["set", "code", "description"] else {
            throw CodeFileError(line: header.1, reason: "the header must be set,code,description")
        }
        var parsed: [(set: CodeSet, code: String, description: String)] = []
        var seen = Set<String>()
        for (fields, line) in rows.dropFirst() {
            if fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            guard fields.count == 3 else {
                throw CodeFileError(line: line, reason: "expected 3 fields (set,code,description), found \(fields.count)")
            }
            let setText = fields[0].trimmingCharacters(in: .whitespaces).uppercased()
            guard let set = CodeSet(rawValue: setText) else {
                throw CodeFileError(line: line, reason: "set '\(fields[0])' is neither CARC nor RARC")
            }
            let code = fields[1].trimmingCharacters(in: .whitespaces).uppercased()
            guard set.accepts(code) else { throw CodeFileError(line: line, reason: "'\(fields[1])' is not a \(set.rawValue) code") }
            let description = fields[2].trimmingCharacters(in: .whitespacesAndNewlines)
            guard !description.isEmpty else { throw CodeFileError(line: line, reason: "\(set.rawValue) \(code) has no description") }
            if let refusal = PlainText.lineRefusal(in: description) {
                throw CodeFileError(line: line, reason: "\(set.rawValue) \(code): the description \(refusal.description)")
            }
            guard description.count <= 2_000 else {
                throw CodeFileError(line: line, reason: "\(set.rawValue) \(code): the description is longer than 2,000 characters")
            }
            guard seen.insert(set.rawValue + "-" + code).inserted else {
                throw CodeFileError(line: line, reason: "\(set.rawValue) \(code) appears twice")
            }
            parsed.append((set, code, description))
        }
        guard !parsed.isEmpty else { throw CodeFileError(line: 0, reason: "the file holds no descriptions") }
        return parsed
    }

    /// The loaded descriptions of one set, by code.
    public func descriptions(_ set: CodeSet) async throws -> [String: String] {
        guard let sql = database as? any SQLDatabase else { return [:] }
        var result: [String: String] = [:]
        for row in try await sql.raw("SELECT code, description FROM code_descriptions WHERE code_set = \(bind: set.rawValue)").all() {
            result[try row.decode(column: "code", as: String.self)] = try row.decode(column: "description", as: String.self)
        }
        return result
    }
}

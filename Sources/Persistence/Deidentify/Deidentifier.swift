import Crypto
import Domain
import Foundation
import X12

/// Rewrites X12 837, 835 and 277CA segments into Safe Harbor de-identified copies (45 CFR
/// 164.514(b)(2)) that still read, balance and match each other, for training with real examples:
///
/// - patients' and subscribers' names and identifiers (NM1 `QC`, `IL`, `74`; their REF, PER, N3,
///   N4) become pseudonyms of the same shape; street addresses and cities go; a ZIP code keeps its
///   first three digits (`000` where fewer than 20,000 people share them); phones and e-mail go;
/// - birth dates keep their year only (ages over 89 are put at 90);
/// - account and claim numbers (CLM01, CLP01, CLP07, a 277CA's claim `TRN`, REF `1K`/`EA`/`D9`)
///   become pseudonyms: the same number gives the same pseudonym in every file of a run, so a
///   remittance still matches its claim;
/// - every other date (DTP, DTM, BPR16) moves by the same number of days, so intervals hold.
///
/// Amounts, codes, providers and payers stay as they are. Pseudonyms are HMAC-SHA-256 of the
/// original under the run's key: without the key they cannot be reversed or recomputed.
public struct Deidentifier: Sendable {
    static let personEntities: Set<String> = ["QC", "IL", "74"]
    static let claimReferences: Set<String> = ["1K", "EA", "D9", "F8", "6R", "9A", "9C"]

    let key: SymmetricKey
    /// Days every date moves by.
    public let dayShift: Int
    /// The year birth dates are read against for the over-89 rule.
    let currentYear: Int
    private var inPerson = false

    public init(key: [UInt8], dayShift: Int, currentYear: Int) {
        self.key = SymmetricKey(data: key)
        self.dayShift = dayShift
        self.currentYear = currentYear
    }

    /// The segment rewritten, with its terminator and a line break.
    public mutating func rewrite(_ segment: Segment) -> [UInt8] {
        let separator = segment.delimiters.element
        var elements = segment.bytes.split(separator: separator, omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self)
        }
        func set(_ position: Int, _ value: (String) -> String) {
            guard position < elements.count, !elements[position].isEmpty else { return }
            elements[position] = value(elements[position])
        }
        switch elements.first ?? "" {
        case "NM1":
            inPerson = Self.personEntities.contains(elements.count > 1 ? elements[1] : "")
            if inPerson {
                set(3) { self.name($0, salt: "last") }
                set(4) { self.name($0, salt: "first") }
                set(5) { _ in "" }
                set(7) { _ in "" }
                set(9) { self.pseudonym($0, salt: "member") }
            }
        case "HL", "CLM", "CLP", "LX", "SBR", "LIN", "SVC":
            inPerson = false
            if elements[0] == "CLM" { set(1) { self.pseudonym($0, salt: "claim") } }
            if elements[0] == "CLP" {
                set(1) { self.pseudonym($0, salt: "claim") }
                set(7) { self.pseudonym($0, salt: "payer-claim") }
            }
        case "N3" where inPerson:
            set(1) { _ in "ADDRESS REMOVED" }
            set(2) { _ in "" }
        case "N4" where inPerson:
            set(1) { _ in "CITY REMOVED" }
            set(3) { zip in Self.zip3(zip) + "00" }
        case "PER" where inPerson:
            for position in [2, 4, 6, 8] { set(position) { _ in "REMOVED" } }
        case "REF":
            let qualifier = elements.count > 1 ? elements[1] : ""
            if inPerson {
                set(2) { self.pseudonym($0, salt: "person-ref") }
            } else if Self.claimReferences.contains(qualifier) {
                set(2) { self.pseudonym($0, salt: qualifier == "1K" ? "payer-claim" : "ref-\(qualifier)") }
            }
        case "TRN" where elements.count > 2 && elements[1] == "2":
            set(2) { self.pseudonym($0, salt: "claim") }
        case "DMG":
            set(2) { self.birthYear($0) }
        case "DTP":
            set(3) { self.shift($0) }
        case "DTM":
            set(2) { self.shift($0) }
        case "BPR":
            set(16) { self.shift($0) }
        default:
            break
        }
        while elements.count > 1, elements.last?.isEmpty == true { elements.removeLast() }
        var bytes = Array(elements.joined(separator: String(UnicodeScalar(separator))).utf8)
        bytes.append(segment.delimiters.segment)
        if segment.delimiters.segment != UInt8(ascii: "\n") { bytes.append(UInt8(ascii: "\n")) }
        return bytes
    }

    /// The same shape as `value` — digits for digits, letters for letters — from the key.
    func pseudonym(_ value: String, salt: String) -> String {
        let digest = Array(HMAC<SHA256>.authenticationCode(for: Data((salt + "|" + value).utf8), using: key))
        var index = 0
        func next() -> Int {
            defer { index += 1 }
            return Int(digest[index % digest.count]) &+ index / digest.count
        }
        return String(
            value.map { character -> Character in
                if character.isNumber { return Character(String(next() % 10)) }
                if character.isLetter { return Character(UnicodeScalar(UInt8(ascii: "A") + UInt8(next() % 26))) }
                return character
            })
    }

    /// A pronounceable stand-in name of five to eight letters.
    func name(_ value: String, salt: String) -> String {
        let digest = Array(HMAC<SHA256>.authenticationCode(for: Data((salt + "|" + value.uppercased()).utf8), using: key))
        let consonants = Array("BCDFGHJKLMNPRSTVWZ"), vowels = Array("AEIOU")
        let length = 5 + Int(digest[0] % 4)
        return String(
            (0..<length).map { position in
                position % 2 == 0
                    ? consonants[Int(digest[position + 1]) % consonants.count] : vowels[Int(digest[position + 1]) % vowels.count]
            })
    }

    /// Three-digit ZIP areas of fewer than 20,000 people (HHS guidance on Safe Harbor, from the
    /// 2000 Census): they read `000`.
    static let sparseZip3: Set<String> = [
        "036", "059", "063", "102", "203", "556", "692", "790", "821", "823", "830", "831", "878", "879", "884", "890", "893",
    ]

    /// The first three digits of a ZIP code, or `000` where too few people share them.
    static func zip3(_ zip: String) -> String {
        let prefix = String(zip.filter(\.isNumber).prefix(3))
        return prefix.count < 3 || sparseZip3.contains(prefix) ? "000" : prefix
    }

    /// `CCYYMMDD` moved by `dayShift`, or each half of `CCYYMMDD-CCYYMMDD`; anything else as it was.
    func shift(_ value: String) -> String {
        if value.count == 17, value.dropFirst(8).first == "-" {
            return shift(String(value.prefix(8))) + "-" + shift(String(value.suffix(8)))
        }
        guard value.count == 8, let date = CalendarDate(digits: Array(value.utf8)), let moved = date.adding(days: dayShift) else {
            return value
        }
        return String(format: "%04d%02d%02d", moved.year, moved.month, moved.day)
    }

    /// A birth date's year only (January 1st); a person over 89 is put at 90.
    func birthYear(_ value: String) -> String {
        guard value.count >= 4, let year = Int(value.prefix(4)) else { return value }
        return String(format: "%04d0101", max(year, currentYear - 90))
    }
}

extension Deidentifier {
    /// A file that cannot be read as X12.
    public struct Unreadable: Error, CustomStringConvertible {
        public let description: String
    }

    /// The de-identified copy of a whole X12 file, and how many segments it has.
    public mutating func copy(of bytes: [UInt8]) throws(Unreadable) -> (bytes: [UInt8], segments: Int) {
        var tokenizer = SegmentTokenizer()
        tokenizer.append(bytes)
        tokenizer.endOfInput()
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 8)
        var count = 0
        inPerson = false
        while let segment = tokenizer.next() {
            output += rewrite(segment)
            count += 1
        }
        if tokenizer.failed || count == 0 {
            let problem = tokenizer.diagnostics.first { $0.severity == .error }?.description ?? "no X12 segments"
            throw Unreadable(description: problem)
        }
        return (output, count)
    }
}

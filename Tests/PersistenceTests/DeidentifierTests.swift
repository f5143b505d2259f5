import Foundation
import Testing

@testable import Persistence

@Suite("Safe Harbor rules of the de-identifier")
struct DeidentifierTests {
    @Test(
        "ZIP codes keep three digits, except where fewer than 20,000 people share them",
        arguments: [
            ("33413", "334"), ("33413-1234", "334"), ("03601", "000"), ("89301", "000"), ("10001", "100"), ("1", "000"),
        ])
    func zipCodes(zip: String, kept: String) {
        #expect(Deidentifier.zip3(zip) == kept)
    }

    @Test(
        "birth dates keep the year; over 89 reads 90; other dates move by the same days, ranges too",
        arguments: [
            ("19730501", "19730101"), ("19200229", "19360101"),
        ])
    func birth(date: String, expected: String) {
        let deidentifier = Deidentifier(key: Array(repeating: 7, count: 32), dayShift: -100, currentYear: 2026)
        #expect(deidentifier.birthYear(date) == expected)
        #expect(deidentifier.shift("20260110") == "20251002")
        #expect(deidentifier.shift("20260110-20260120") == "20251002-20251012")
        #expect(deidentifier.shift("2026") == "2026")
    }

    @Test("pseudonyms keep the shape, agree for the same value and key, and differ under another key")
    func pseudonyms() {
        let one = Deidentifier(key: Array(repeating: 1, count: 32), dayShift: 0, currentYear: 2026)
        let other = Deidentifier(key: Array(repeating: 2, count: 32), dayShift: 0, currentYear: 2026)
        let value = "AB1234-56"
        let pseudonym = one.pseudonym(value, salt: "member")
        #expect(pseudonym.count == value.count && pseudonym != value)
        #expect(zip(pseudonym, value).allSatisfy { ($0.isNumber == $1.isNumber) && ($0.isLetter == $1.isLetter) })
        #expect(one.pseudonym(value, salt: "member") == pseudonym)
        #expect(other.pseudonym(value, salt: "member") != pseudonym)
    }
}

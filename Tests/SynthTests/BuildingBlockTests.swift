import Domain
import Testing

@testable import Synth

@Suite("Synthetic run: building blocks")
struct BuildingBlockTests {
    @Test(
        "NPIs carry the Luhn check digit over the 80840 prefix",
        arguments: [
            ("123456789", "1234567893"),  // CMS's worked example
            ("199000001", "1990000014"),
        ])
    func npiCheckDigit(payload: String, npi: String) {
        #expect(Practice.npi(payload) == npi)
    }

    @Test("every NPI of the practice is valid and distinct")
    func practiceNPIs() {
        let practice = Practice()
        let npis = [practice.npi] + practice.locations.dropFirst().map(\.npi) + practice.providers.map(\.npi)
        #expect(Set(npis).count == npis.count)
        #expect(npis.allSatisfy { Practice.npi(String($0.prefix(9))) == $0 })
    }

    @Test("days: weekdays, business days, months that are shorter, dates written three ways")
    func days() throws {
        let monday = Day(try #require(CalendarDate(year: 2026, month: 1, day: 5)))
        #expect(monday.weekday == 1 && monday.isBusinessDay)
        #expect((monday + 5).weekday == 6 && !(monday + 5).isBusinessDay)
        #expect((monday + 5).businessDayOnOrAfter == monday + 7)
        #expect(monday.businessDays(before: 1) == monday - 3)
        #expect(monday.ccyymmdd == "20260105" && monday.yymmdd == "260105" && monday.iso == "2026-01-05")
        let january31 = try #require(CalendarDate(year: 2024, month: 1, day: 31))
        #expect(Day.adding(months: 1, to: january31).iso == "2024-02-29")
        #expect(Day.adding(months: 13, to: january31).iso == "2025-02-28")
        #expect(Day(year: 1999, month: 12, day: 31).calendarDate == CalendarDate(year: 1999, month: 12, day: 31))
        #expect(Day(-1).iso == "1969-12-31")
    }

    @Test("the random streams repeat for the same key, differ across keys and stay in range")
    func randomStreams() {
        var first = SynthRandom(seed: 9, stream: .claim, index: 42)
        var again = SynthRandom(seed: 9, stream: .claim, index: 42)
        var other = SynthRandom(seed: 9, stream: .claim, index: 43)
        let drawn = (0..<8).map { _ in first.next() }
        #expect(drawn == (0..<8).map { _ in again.next() })
        #expect(drawn != (0..<8).map { _ in other.next() })
        var random = SynthRandom(seed: 1, stream: .day, index: 0)
        var hits = 0
        for _ in 0..<10_000 {
            let value = random.between(3, 7)
            #expect((3...7).contains(value))
            if random.chance(2_500) { hits += 1 }
        }
        #expect((2_200...2_800).contains(hits))
        #expect(random.weighted([0, 0, 5]) == 2)
    }

    @Test("segments drop trailing empty elements, keep inner ones, and count from ST")
    func segmentWriter() {
        var writer = SegmentWriter()
        writer.segment("NM1", "PR", "2", "ACME", "", "", "", "", "PI", "123")
        writer.segment("SVC", Composite("HC", "99213", "", ""), Money(cents: 14_500), Money(cents: -5), "", "")
        writer.segment("SE", writer.count + 1, "0001")
        #expect(String(decoding: writer.bytes, as: UTF8.self) == "NM1*PR*2*ACME*****PI*123~\nSVC*HC:99213*145.00*-0.05~\nSE*3*0001~\n")
    }

    @Test("a claim is drawn the same way every time it is drawn")
    func claimPlans() {
        let practice = Practice()
        let day = Day(year: 2026, month: 2, day: 3)
        let plan = ClaimPlan(sequence: 77, submitted: day, seed: 5, practice: practice, panelSize: 300)
        let again = ClaimPlan(sequence: 77, submitted: day, seed: 5, practice: practice, panelSize: 300)
        #expect(plan.lines.map(\.procedure.code) == again.lines.map(\.procedure.code))
        #expect(plan.charge == again.charge && plan.patient.memberID == again.patient.memberID)
        #expect((1...4).contains(plan.lines.count))
        #expect(plan.serviceDate < day && plan.serviceDate.isBusinessDay)
        #expect(plan.patientControlNumber == "RB00000077")
        #expect(plan.replacementLines.map(\.charge) != plan.lines.map(\.charge))
    }
}

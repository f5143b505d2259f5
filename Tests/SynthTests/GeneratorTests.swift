import Billing
import Domain
import Synth
import Testing

@Suite("Synthetic run: determinism, streaming and the payment CSV")
struct GeneratorTests {
    @Test("the same seed gives byte-identical files; another seed gives different ones")
    func determinism() {
        let first = GeneratedRun(.small), again = GeneratedRun(.small)
        #expect(first.files.map(\.file) == again.files.map(\.file))
        #expect(first.files.map(\.bytes) == again.files.map(\.bytes))
        #expect(first.summary == again.summary)

        var other = SynthConfiguration.small
        other.seed = 7
        let different = GeneratedRun(other)
        #expect(different.files.map(\.bytes) != first.files.map(\.bytes))
        #expect(different.summary.originalClaims == first.summary.originalClaims)
    }

    @Test("each file's chunks come together and in order, the payment CSV last, every chunk ending a segment")
    func streaming() throws {
        let run = GeneratedRun(
            SynthConfiguration(seed: 3, claimsPerDay: 200, months: 1, start: CalendarDate(year: 2026, month: 3, day: 2)!))
        #expect(!run.interleaved)
        #expect(run.files.last?.file.kind == .patientPayments)
        #expect(run.files.filter { $0.file.kind == .patientPayments }.count == 1)
        let daily = try #require(run.files(.claims837P).first)
        #expect(daily.chunks.count > 1, "a 200-claim 837 is handed over in several chunks")
        for file in run.files where file.file.kind != .patientPayments {
            for chunk in file.chunks { #expect(chunk.suffix(2) == Array("~\n".utf8), "\(file.file.name)") }
        }
        let written = Dictionary(grouping: run.files, by: \.file.kind).mapValues { $0.reduce(0) { $0 + $1.bytes.count } }
        #expect(written == run.summary.bytes)
        #expect(Dictionary(grouping: run.files, by: \.file.kind).mapValues(\.count) == run.summary.files)
    }

    @Test("file names say the kind, the payer and the date the file carries")
    func names() throws {
        let run = GeneratedRun.small
        for file in run.files {
            let name = file.file.name
            guard file.file.kind != .patientPayments else {
                #expect(name == "patient-payments.csv" && file.file.date == nil)
                continue
            }
            let date = try #require(file.file.date).description
            switch file.file.kind {
            case .claims837P: #expect(name == "837P-\(date).x12")
            case .acknowledgment277CA: #expect(name == "277CA-\(date).x12")
            case .remittance835: #expect(name.hasPrefix("835-") && name.hasSuffix("-\(date).x12"))
            case .patientPayments: break
            }
        }
        #expect(Set(run.files(.remittance835).map { $0.file.name.split(separator: "-")[1] }).count == 5, "every payer sends 835s")
    }

    @Test("the patient payment CSV has the exact header, ISO dates, two decimals, and pays part of what patients owe")
    func patientPayments() throws {
        let run = GeneratedRun.small
        let csv = try #require(run.files(.patientPayments).first).text
        let lines = csv.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "claim_id,date,amount")
        #expect(lines.last == "")
        let rows = lines.dropFirst().dropLast().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.count == run.summary.patientPayments)
        #expect(!rows.isEmpty)

        var owed: [String: Money] = [:]
        for (_, facts) in run.facts(.remittance835) {
            for adjudication in facts.adjudications where adjudication.status != "22" {
                owed[adjudication.patientControlNumber, default: .zero] += adjudication.patientResponsibility
            }
        }
        let start = SynthConfiguration.small.start, end = try #require(SynthConfiguration.small.end)
        var previous: CalendarDate?
        for row in rows {
            try #require(row.count == 3)
            let date = try #require(CalendarDate(row[1]))
            #expect(row[1].count == 10 && row[1] == date.description)
            #expect(date >= start && date < end)
            #expect(previous.map { $0 <= date } ?? true, "rows are in date order")
            previous = date
            let amount = try #require(Money(row[2]))
            #expect(row[2] == amount.description, "two decimals")
            #expect(amount > .zero)
            #expect(amount <= owed[row[0]] ?? .zero, "\(row[0]) pays no more than the 835s left to the patient")
        }
    }

    @Test("the configuration names what it cannot run and where the run ends")
    func configuration() {
        #expect(SynthConfiguration.small.problems.isEmpty)
        #expect(SynthConfiguration.small.end == CalendarDate(year: 2026, month: 4, day: 5))
        let bad = SynthConfiguration(claimsPerDay: 0, months: 500, start: CalendarDate(year: 2026, month: 1, day: 31)!)
        #expect(bad.problems.count == 2)
        #expect(
            SynthConfiguration(months: 1, start: CalendarDate(year: 2026, month: 1, day: 31)!).end
                == CalendarDate(year: 2026, month: 2, day: 28))
    }
}

@Suite("Synthetic run with more lines a claim")
struct ExtraLinesTests {
    @Test(
        "extra lines raise the lines a claim to about 1.9 + the setting, and the files still read cleanly and balance",
        arguments: [(0.0, 1.6...2.2), (1.5, 3.0...3.8), (4.0, 5.4...6.4)])
    func extraLines(extra: Double, expected: ClosedRange<Double>) throws {
        var configuration = SynthConfiguration.small
        configuration.extraLines = extra
        let run = GeneratedRun(configuration)
        var claims = 0, lines = 0
        for file in run.files(.claims837P) {
            let summary = FileSummary.read(file.chunks)
            #expect(summary.diagnostics.filter { $0.severity != .note }.isEmpty, "\(file.file.name): \(summary.diagnostics)")
            claims += summary.claims
            lines += summary.serviceLines
        }
        let perClaim = Double(lines) / Double(max(claims, 1))
        #expect(expected.contains(perClaim), "\(perClaim) lines a claim")
        for file in run.files(.remittance835) {
            #expect(FileSummary.read(file.chunks).balanced, "\(file.file.name)")
        }
    }

    @Test("no extra lines gives the very files of a run without the setting")
    func zeroIsUnchanged() {
        var configuration = SynthConfiguration.small
        configuration.extraLines = 0
        #expect(GeneratedRun(configuration).files.map(\.bytes) == GeneratedRun.small.files.map(\.bytes))
    }

    @Test("extra lines outside 0…20 are named", arguments: [-1.0, 20.5])
    func outOfRange(extra: Double) {
        var configuration = SynthConfiguration.small
        configuration.extraLines = extra
        #expect(configuration.problems == ["extra lines per claim must be between 0 and 20, not \(extra)"])
    }
}

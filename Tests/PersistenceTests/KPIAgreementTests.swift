import Domain
import Fluent
import Foundation
import Persistence
import SQLKit
import SightlineTestSupport
import Synth
import Testing

/// The files of a small generated practice, in the order they are imported.
func synthFiles(seed: UInt64 = 7, claimsPerDay: Int = 6, months: Int = 4, start: String = "2026-01-05") -> [(name: String, bytes: [UInt8])]
{
    let generator = SynthGenerator(SynthConfiguration(seed: seed, claimsPerDay: claimsPerDay, months: months, start: day(start)))
    var files: [(name: String, bytes: [UInt8])] = []
    _ = generator.generate { file, chunk in
        if files.last?.name == file.name { files[files.count - 1].bytes += chunk } else { files.append((file.name, chunk)) }
    }
    return files
}

func day(_ text: String) -> CalendarDate { CalendarDate(text)! }

/// Expects two sets of figures to agree key by key (rates to a relative 1e-12).
func expectAgree(_ actual: [String: Double?], _ expected: [String: Double?], _ context: String) {
    for key in expected.keys.sorted() {
        let a = actual[key] ?? nil, e = expected[key] ?? nil
        switch (a, e) {
        case (nil, nil): continue
        case (let x?, let y?): #expect(abs(x - y) <= 1e-12 * max(1, abs(y)), "\(context): \(key) is \(x), expected \(y)")
        default: Issue.record("\(context): \(key) is \(String(describing: a)), expected \(String(describing: e))")
        }
    }
}

@Suite("Figures from the rollups agree with a straightforward computation over the same facts", .database)
struct KPIAgreementTests {
    @Test("a generated practice: totals, months, as-of balances, by payer and with a filter")
    func generatedPractice() async throws {
        let db = try TestDatabase.app.db
        let practice = try await OrganizationStore(db).create(Organization.validated(name: "Riverbend", kind: .practice, timeZone: "UTC"))
        let files = synthFiles()
        let importer = BillingImporter(db, newPracticeTimeZone: "UTC")
        for file in files {
            let result = try await importer.importFile(
                named: file.name, from: .bytes(file.bytes), practice: practice.id, user: nil, now: Date())
            try #require(result.outcome == .imported, "\(file.name): \(result.message)")
        }
        let naive = NaiveFigures(files: files.map(\.bytes))
        let query = try KPIQuery(db)
        let id = practice.id.rawValue

        for (from, to, asOf) in [
            ("2026-01-01", "2026-05-31", "2026-05-31"), ("2026-02-01", "2026-02-28", "2026-02-28"),
            ("2026-03-01", "2026-04-30", "2026-03-15"), ("2026-03-09", "2026-03-09", "2026-06-30"),
            ("2025-01-01", "2025-12-31", "2025-12-31"),
        ] {
            let answer = try await query.answer(KPIRequest(practiceID: id, from: day(from), to: day(to), asOf: day(asOf)))
            if from == "2026-01-01" {
                // The comparison means something only if the practice has every kind of fact.
                let totals = answer.totals
                #expect(totals.claimsSubmitted > 300 && totals.initialDenials > 10 && totals.denialCauses.count > 3)
                #expect(
                    totals.patientPayments > .zero && totals.contractualAdjustments > .zero && totals.cleanClaimRate.map { $0 < 1 } == true)
                #expect(totals.arTotal > .zero && totals.aging.filter { $0.claims > 0 }.count >= 3 && totals.paymentLagDays != nil)
            }
            expectAgree(
                answer.totals.comparable, naive.figures(from: day(from), to: day(to), asOf: day(asOf)), "\(from)…\(to) as of \(asOf)")
        }

        let byPayer = try await query.answer(KPIRequest(practiceID: id, from: day("2026-01-01"), to: day("2026-05-31"), by: .payer))
        let groups = try #require(byPayer.groups)
        #expect(groups.count >= 2)
        for group in groups {
            expectAgree(
                group.figures.comparable,
                naive.figures(from: day("2026-01-01"), to: day("2026-05-31"), asOf: day("2026-05-31")) { $0[0] == group.key },
                "payer \(group.key)")
        }
        #expect(groups.reduce(0) { $0 + $1.figures.payerPayments.cents } == byPayer.totals.payerPayments.cents)

        let location = try #require(groups.first.map { _ in naive.subs.first?.dims[1] } ?? nil)
        let filtered = try await query.answer(
            KPIRequest(
                practiceID: id, from: day("2026-01-01"), to: day("2026-05-31"), by: .provider,
                filters: [.location: [location]]))
        expectAgree(
            filtered.totals.comparable,
            naive.figures(from: day("2026-01-01"), to: day("2026-05-31"), asOf: day("2026-05-31")) { $0[1] == location },
            "location \(location)")
        for group in filtered.groups ?? [] {
            expectAgree(
                group.figures.comparable,
                naive.figures(from: day("2026-01-01"), to: day("2026-05-31"), asOf: day("2026-05-31")) {
                    $0[1] == location && $0[2] == group.key
                },
                "location \(location), provider \(group.key)")
        }

        let months = try await query.answer(KPIRequest(practiceID: id, from: day("2026-01-01"), to: day("2026-04-30"), by: .month))
        #expect(months.groups?.map(\.key) == ["2026-01", "2026-02", "2026-03", "2026-04"])
        #expect(months.groups?.map(\.label) == ["January 2026", "February 2026", "March 2026", "April 2026"])
        for group in months.groups ?? [] {
            let first = day(group.key + "-01")
            let last = try #require(
                CalendarDate(year: first.year, month: first.month, day: CalendarDate.daysIn(month: first.month, year: first.year)))
            expectAgree(group.figures.comparable, naive.figures(from: first, to: last, asOf: last), "month \(group.key)")
        }
    }

    @Test("the order files arrive in does not change the figures")
    func importOrder() async throws {
        let db = try TestDatabase.app.db
        let files = synthFiles(seed: 11, claimsPerDay: 4, months: 3)
        var answers: [KPIFigures] = []
        for (index, order) in [files, files.reversed()].enumerated() {
            let practice = try await OrganizationStore(db).create(
                Organization.validated(name: "Practice \(index)", kind: .practice, timeZone: "UTC"))
            let importer = BillingImporter(db, newPracticeTimeZone: "UTC")
            for file in order {
                _ = try await importer.importFile(named: file.name, from: .bytes(file.bytes), practice: practice.id, user: nil, now: Date())
            }
            answers.append(
                try await KPIQuery(db).answer(KPIRequest(practiceID: practice.id.rawValue, from: day("2026-01-01"), to: day("2026-04-30")))
                    .totals)
        }
        // Same-day facts are ordered by import order, so only figures that depend on it may differ;
        // the synthetic practice never pays one claim twice on the same day.
        #expect(answers[0] == answers[1])
    }
}

@Suite("The claims behind each figure", .database)
struct ClaimSelectionTests {
    @Test("each list holds exactly as many claims as its figure counts, filters and reasons included")
    func listsMatchFigures() async throws {
        let db = try TestDatabase.app.db
        let sql = try #require(db as? any SQLDatabase)
        let practice = try await OrganizationStore(db).create(Organization.validated(name: "Riverbend", kind: .practice, timeZone: "UTC"))
        let importer = BillingImporter(db, newPracticeTimeZone: "UTC")
        for file in synthFiles(seed: 5, claimsPerDay: 5, months: 3) {
            _ = try await importer.importFile(named: file.name, from: .bytes(file.bytes), practice: practice.id, user: nil, now: Date())
        }
        let id = practice.id.rawValue
        let (from, to, asOf) = (day("2026-02-01"), day("2026-03-31"), day("2026-03-20"))
        let totals = try await KPIQuery(db).answer(KPIRequest(practiceID: id, from: from, to: to, asOf: asOf)).totals
        func total(
            _ figure: ClaimSelection.Figure, reason: String? = nil, bucket: AgingBucket? = nil, filters: [KPIDimension: Set<String>] = [:],
            from: CalendarDate = from
        ) async throws -> Int {
            try await ClaimSelection(
                practiceID: id, figure: figure, from: from, to: to, asOf: asOf, reason: reason, bucket: bucket, filters: filters,
                perPage: 5
            ).run(on: sql).total
        }
        #expect(try await total(.claimsSubmitted) == totals.claimsSubmitted)
        #expect(try await total(.adjudicatedClaims) == totals.adjudicatedClaims)
        #expect(try await total(.initialDenials) == totals.initialDenials)
        let cause = try #require(totals.denialCauses.first)
        #expect(try await total(.initialDenials, reason: cause.reason) == cause.claims)
        // Open balances of every claim submitted up to the as-of date, bucket by bucket.
        for line in totals.aging {
            #expect(try await total(.openBalances, bucket: line.bucket, from: day("2000-01-01")) == line.claims, "\(line.bucket)")
        }
        let payer = try #require(
            try await KPIQuery(db).answer(KPIRequest(practiceID: id, from: from, to: to, asOf: asOf, by: .payer)).groups?.first)
        #expect(try await total(.initialDenials, filters: [.payer: [payer.key]]) == payer.figures.initialDenials)
        let page = try await ClaimSelection(practiceID: id, figure: .claimsSubmitted, from: from, to: to, page: 2, perPage: 5).run(on: sql)
        #expect(page.claims.count == 5 && page.page == 2)
        let firstClaim = try #require(page.claims.first?.claim)
        let timeline = try #require(try await ClaimTimeline.load(claim: firstClaim, practiceID: id, on: sql))
        #expect(timeline.events.first?.kind == "submission" && timeline.originalSubmissionDate == page.claims.first?.originalSubmissionDate)
        #expect(timeline.balances.first?.balance == page.claims.first?.charge)
    }
}

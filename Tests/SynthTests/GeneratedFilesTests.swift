import Billing
import Domain
import Synth
import Testing
import X12

@Suite("Synthetic run: every file reads with Sightline's own reader and adds up")
struct GeneratedFilesTests {
    static let run = GeneratedRun.small

    @Test("every X12 file reads without a warning or an error, as the kind and version its name says")
    func readsCleanly() {
        let expected: [SynthFile.Kind: (TransactionKind, String)] = [
            .claims837P: (.professional837, "005010X222A1"), .acknowledgment277CA: (.acknowledgment277CA, "005010X214"),
            .remittance835: (.remittance835, "005010X221A1"),
        ]
        for file in Self.run.files where file.file.kind != .patientPayments {
            let summary = FileSummary.read(file.chunks)
            #expect(summary.diagnostics.filter { $0.severity != .note }.isEmpty, "\(file.file.name): \(summary.diagnostics)")
            #expect(summary.kind == expected[file.file.kind]?.0, "\(file.file.name)")
            #expect(summary.version == expected[file.file.kind]?.1, "\(file.file.name)")
            #expect(summary.interchanges == 1 && summary.transactions == 1)
        }
    }

    @Test("every 835 balances: BPR02 = Σ CLP04 − Σ PLB, and each claim's charge = paid + Σ its adjustments")
    func remittancesBalance() throws {
        for file in Self.run.files(.remittance835) {
            let summary = FileSummary.read(file.chunks)
            #expect(summary.balanced, "\(file.file.name)")
            #expect(summary.paymentTotal == summary.totalPaid - summary.plbTotal)
            #expect(summary.paymentTotal >= .zero)
            let facts = read(file.bytes).facts
            let remittance = try #require(facts.remittances.first)
            #expect(remittance.paymentDate == file.file.date, "BPR16 is the run's day")
            #expect(remittance.payerID == file.file.name.split(separator: "-")[1].description)
            for claim in facts.adjudications {
                let adjusted = claim.adjustments.reduce(Money.zero) { $0 + $1.amount }
                #expect(claim.charge == claim.paid + adjusted, "\(claim.patientControlNumber) in \(file.file.name)")
                if !claim.lines.isEmpty {
                    #expect(claim.charge == claim.lines.reduce(.zero) { $0 + $1.charge })
                    #expect(claim.paid == claim.lines.reduce(.zero) { $0 + $1.paid })
                }
                let patientShare = claim.adjustments.filter { $0.group == "PR" }.reduce(Money.zero) { $0 + $1.amount }
                #expect(claim.patientResponsibility == patientShare)
            }
        }
    }

    @Test("835s hold payments, denials, reversals, appeals paid later, interest and the usual adjustment groups")
    func remittanceVariety() throws {
        let adjudications = Self.run.facts(.remittance835).flatMap { $0.facts.adjudications }
        let statuses = Set(adjudications.map(\.status))
        #expect(statuses.isSuperset(of: ["1", "4", "22"]))
        #expect(adjudications.contains { $0.status == "4" && $0.paid == .zero && $0.patientResponsibility == .zero })
        let groups = Set(adjudications.flatMap(\.adjustments).map(\.group))
        #expect(groups.isSuperset(of: ["CO", "PR"]) && !groups.isDisjoint(with: ["OA", "PI"]))
        let denialReasons = Set(adjudications.filter { $0.status == "4" }.flatMap(\.adjustments).map(\.key))
        #expect(denialReasons.count >= 3, "denials spread over several reasons: \(denialReasons)")
        #expect(adjudications.contains { !$0.remarks.isEmpty })
        #expect(adjudications.contains { $0.lines.contains { $0.procedure == "99213" && $0.serviceDate != nil } })

        // A reversal cancels an earlier adjudication of the same claim under the same payer claim number.
        for (index, reversal) in adjudications.enumerated() where reversal.status == "22" {
            let earlier = adjudications[..<index].last { $0.patientControlNumber == reversal.patientControlNumber && $0.status != "22" }
            let original = try #require(earlier, "\(reversal.patientControlNumber) is reversed before it was paid")
            #expect(original.payerClaimNumber == reversal.payerClaimNumber)
            #expect(original.paid == -reversal.paid && original.charge == -reversal.charge)
        }
        let denied = Set(adjudications.filter { $0.status == "4" }.map(\.patientControlNumber))
        #expect(
            adjudications.contains { denied.contains($0.patientControlNumber) && ["1", "19"].contains($0.status) && $0.paid > .zero },
            "some denials are paid on appeal")
        let plb = Self.run.facts(.remittance835).flatMap { $0.facts.providerAdjustments }
        #expect(plb.contains { $0.reason == "L6" && $0.amount < .zero })
    }

    @Test("every business day's 837 carries claimsPerDay new claims, plus resubmissions, replacements and voids")
    func claimCounts() throws {
        let configuration = SynthConfiguration.small
        let summary = Self.run.summary
        var businessDays = 0
        var day = configuration.start.dayNumber
        while day < CalendarDate(year: 2026, month: 4, day: 5)!.dayNumber {
            if (1...5).contains(((day % 7) + 11) % 7) { businessDays += 1 }
            day += 1
        }
        #expect(summary.businessDays == businessDays)

        let acknowledgments = Self.run.facts(.acknowledgment277CA).flatMap { $0.facts.acknowledgments }
        var rejected: Set<String> = []
        for acknowledgment in acknowledgments where ["A3", "A7"].contains(acknowledgment.category) {
            rejected.insert(acknowledgment.patientControlNumber)
        }
        var seen: Set<String> = []
        var counts: [String: Int] = [:]
        for (file, facts) in Self.run.facts(.claims837P) {
            let date = try #require(file.date)
            var new = 0
            for claim in facts.claims {
                #expect(claim.submissionDate == date, "BHT04 is the file's day")
                counts[claim.frequency, default: 0] += 1
                if claim.frequency == "1", seen.insert(claim.patientControlNumber).inserted {
                    new += 1
                } else if claim.frequency == "1" {
                    #expect(rejected.contains(claim.patientControlNumber), "only a rejected claim is sent again as frequency 1")
                } else {
                    #expect(claim.originalReference?.isEmpty == false, "replacements and voids name the claim they replace")
                    #expect(seen.contains(claim.patientControlNumber))
                }
            }
            #expect(new == (weekday(date) == 0 || weekday(date) == 6 ? 0 : configuration.claimsPerDay), "\(file.name)")
        }
        #expect(seen.count == configuration.claimsPerDay * businessDays)
        #expect(summary.originalClaims == configuration.claimsPerDay * businessDays)
        #expect(counts["1"] == summary.originalClaims + summary.resubmissions)
        #expect(counts["7", default: 0] == summary.replacements && counts["8", default: 0] == summary.voids)
        #expect(counts.values.reduce(0, +) == summary.submittedClaims)
        #expect(summary.resubmissions > 0 && summary.resubmissions <= rejected.count)
    }

    @Test("each 277CA acknowledges the previous day's 837 claim by claim, rejecting a few percent")
    func acknowledgments() throws {
        var claimsByDay: [Int: [String]] = [:]
        for (file, facts) in Self.run.facts(.claims837P) {
            claimsByDay[try #require(file.date).dayNumber] = facts.claims.map(\.patientControlNumber)
        }
        var total = 0, rejected = 0
        for (file, facts) in Self.run.facts(.acknowledgment277CA) {
            let date = try #require(file.date)
            let submitted = try #require(claimsByDay[date.dayNumber - 1], "\(file.name) follows an 837 of the day before")
            let acknowledged = facts.acknowledgments
            #expect(acknowledged.map(\.patientControlNumber) == submitted, "\(file.name)")
            #expect(acknowledged.allSatisfy { ["A1", "A2", "A3", "A7"].contains($0.category) && $0.date == date })
            total += acknowledged.count
            rejected += acknowledged.filter { ["A3", "A7"].contains($0.category) }.count
        }
        #expect(total == Self.run.summary.acknowledgments && rejected == Self.run.summary.rejections)
        #expect(rejected > 0 && rejected * 100 < total * 10)
    }

    @Test("patients are plainly synthetic: ZZSYN last names and SYN member ids")
    func syntheticPatients() {
        let patients = Self.run.facts(.claims837P).flatMap { $0.facts.patients }
        #expect(!patients.isEmpty)
        #expect(patients.allSatisfy { $0.lastName.hasPrefix("ZZSYN") && $0.memberID.hasPrefix("SYN") && $0.birthDate != nil })
    }

    @Test("amounts are written with exactly two decimals")
    func moneyFormat() {
        let amounts: [String: [Int]] = ["CLP": [3, 4, 5], "CLM": [2], "BPR": [2], "SVC": [2, 3], "SV1": [2], "CAS": [3], "AMT": [2]]
        for file in Self.run.files where file.file.kind == .remittance835 || file.file.kind == .claims837P {
            for line in file.text.split(separator: "\n") {
                let elements = line.dropLast().split(separator: "*", omittingEmptySubsequences: false)
                for position in amounts[String(elements[0])] ?? [] {
                    #expect(elements[position].split(separator: ".").last?.count == 2, "\(line)")
                }
            }
        }
    }
}

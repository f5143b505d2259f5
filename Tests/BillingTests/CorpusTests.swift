import Billing
import Domain
import Foundation
import Testing

/// The public corpus and its independently computed figures, when `SIGHTLINE_CORPUS` points at them.
enum Corpus {
    static var root: URL? {
        ProcessInfo.processInfo.environment["SIGHTLINE_CORPUS"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
    }

    static var oracle: [String: [String: Any]] {
        guard let root, let data = try? Data(contentsOf: root.appendingPathComponent("oracle.json")),
            let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let files = json["files"] as? [String: [String: Any]]
        else { return [:] }
        return files.filter { $0.key.hasPrefix("x12/") }
    }

    static var files: [String] { oracle.keys.sorted() }

    static func bytes(_ file: String) throws -> [UInt8] {
        let root = try #require(root)
        return Array(try Data(contentsOf: root.appendingPathComponent(file)))
    }
}

@Suite("The public X12 corpus", .enabled(if: Corpus.root != nil, "set SIGHTLINE_CORPUS to ../shared/data"))
struct CorpusTests {
    @Test("the corpus is there and complete")
    func present() {
        #expect(Corpus.files.count >= 60)
    }

    @Test("inspect gives exactly the oracle's figures", arguments: Corpus.files)
    func oracle(file: String) throws {
        let expected = try #require(Corpus.oracle[file])
        let summary = FileSummary.read([try Corpus.bytes(file)])
        #expect(summary.interchanges == expected["interchanges_ISA"] as? Int)
        #expect(summary.transactions == expected["transactions_ST"] as? Int)
        if let x835 = expected["x835"] as? [String: Any] {
            #expect(summary.kind == .remittance835)
            #expect(summary.claims == x835["clp_count"] as? Int)
            #expect(summary.serviceLines == x835["svc_count"] as? Int)
            #expect(summary.totalCharge == money(x835["sum_clp03_charge"]))
            #expect(summary.totalPaid == money(x835["sum_clp04_paid"]))
            #expect(summary.totalPatientResponsibility == money(x835["sum_clp05_patient_resp"]))
            #expect(summary.statusCounts == (x835["clp02_status_counts"] as? [String: Int]))
            #expect(summary.adjustmentsByGroup == moneyMap(x835["cas_by_group"]))
            #expect(summary.adjustmentsByReason == moneyMap(x835["cas_by_group_reason"]))
            #expect(summary.plbTotal == money(x835["sum_plb_amounts"]))
            #expect(summary.paymentTotal == money(x835["bpr02_total"]))
            let checks = x835["balance_check_each_st"] as? [[String: Any]] ?? []
            #expect(summary.balanced == checks.allSatisfy { $0["balanced"] as? Bool == true })
        }
        if let x837 = expected["x837"] as? [String: Any] {
            let sv2 = x837["sv2_count"] as? Int ?? 0
            #expect(summary.kind == (sv2 > 0 ? .institutional837 : .professional837))
            #expect(summary.claims == x837["clm_count"] as? Int)
            #expect(summary.serviceLines == (x837["sv1_count"] as? Int ?? 0) + sv2)
            #expect(summary.totalCharge == money(x837["sum_clm02"]))
        }
    }

    @Test("every corpus file reads without errors, except the one whose first interchange is cut off", arguments: Corpus.files)
    func noErrors(file: String) throws {
        let summary = FileSummary.read([try Corpus.bytes(file)])
        let errors = summary.diagnostics.filter { $0.severity == .error }
        if file.hasSuffix("tigershark_837I-Examples.txt") {
            #expect(errors.contains { $0.message.contains("SE is missing") })
        } else {
            #expect(errors.isEmpty, "\(errors)")
        }
    }

    @Test("the same result whole, in random chunks and byte by byte", arguments: Corpus.files)
    func chunking(file: String) throws {
        let bytes = try Corpus.bytes(file)
        let whole = FileSummary.read([bytes])
        var generator = SystemRandomNumberGenerator()
        var chunks: [ArraySlice<UInt8>] = []
        var offset = 0
        while offset < bytes.count {
            let size = Int.random(in: 1...4_096, using: &generator)
            chunks.append(bytes[offset..<min(bytes.count, offset + size)])
            offset += size
        }
        #expect(FileSummary.read(chunks) == whole)
        if bytes.count <= 40_000 {
            #expect(FileSummary.read(bytes.map { [$0] }) == whole)
        }
    }

    private func money(_ value: Any?) -> Money? {
        (value as? String).flatMap(Money.init)
    }

    private func moneyMap(_ value: Any?) -> [String: Money] {
        ((value as? [String: String]) ?? [:]).compactMapValues(Money.init)
    }
}

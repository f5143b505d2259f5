import Billing
import Testing
import X12

@Suite("Telling transaction sets apart")
struct TransactionKindTests {
    @Test(
        "ST01 with the ST03 or GS08 version decides the kind",
        arguments: [
            ("835", "005010X221A1" as String?, "005010X221A1" as String?, TransactionKind.remittance835),
            ("835", nil, "004010X091A1", .remittance835),
            ("837", "005010X222A1", "005010X222A1", .professional837),
            ("837", "005010X223A2", "005010X223A2", .institutional837),
            ("837", nil, "004010X096A1", .institutional837),
            ("837", nil, "004010X098A1", .professional837),
            ("277", "005010X214", "005010X214", .acknowledgment277CA),
            // GS08 is wrong here: ST03 is trusted.
            ("837", "005010X223A2", "005010X222A1", .institutional837),
        ])
    func kinds(st01: String, st03: String?, gs08: String?, expected: TransactionKind) {
        #expect(TransactionKind.classify(st01: st01, st03: st03, gs08: gs08).kind == expected)
    }

    @Test("a GS08 that disagrees with ST03 leaves a note")
    func disagreement() {
        let result = TransactionKind.classify(st01: "837", st03: "005010X223A2", gs08: "005010X222A1")
        #expect(result.version == "005010X223A2")
        #expect(result.diagnostics.map(\.severity) == [.note])
    }

    @Test("4010 is read with a warning")
    func old() {
        let result = TransactionKind.classify(st01: "835", st03: nil, gs08: "004010X091A1")
        #expect(result.diagnostics.contains { $0.severity == .warning && $0.message.contains("4010") })
    }

    @Test(
        "other transaction sets are skipped with a diagnostic",
        arguments: [
            ("270", "005010X279A1", Diagnostic.Severity.warning),
            ("277", "005010X212", .warning),
            ("837", "005010X999", .error),
        ])
    func skipped(st01: String, version: String, severity: Diagnostic.Severity) {
        let result = TransactionKind.classify(st01: st01, st03: version, gs08: version)
        #expect(result.kind == nil)
        #expect(result.diagnostics.contains { $0.severity == severity })
    }
}

import Domain
import Testing

/// The one catalogue of display words: every value of every enum shown to people has words that
/// read as words — never the raw value with its underscores — and no two values share them.
struct DisplayWordsTests {
    static func words<Value: CaseIterable & Labelled & RawRepresentable<String>>(_ type: Value.Type) -> [(raw: String, label: String)] {
        type.allCases.map { ($0.rawValue, $0.label) }
    }

    static let catalogue: [(String, [(raw: String, label: String)])] = [
        ("ticket status", words(Ticket.Status.self)), ("ticket category", words(Ticket.Category.self)),
        ("priority", words(TicketPriority.self)), ("party", words(Party.self)), ("role", words(Role.self)),
        ("change kind", words(ChangeRequest.Kind.self)), ("audit error type", words(AuditFinding.ErrorType.self)),
        ("severity", words(AuditFinding.Severity.self)), ("denial category", words(DenialCategory.self)),
        ("agenda source", words(AgendaItem.Source.self)), ("pricing model", words(Pricing.Model.self)),
        ("clock state", words(ClockReading.State.self)), ("SLA grouping", words(SLAReport.Grouping.self)),
        ("escalation recipient", words(EscalationLevel.Recipient.self)), ("access decision", words(AccessReviewItem.Decision.self)),
    ]

    @Test("each enum's words", arguments: catalogue.map(\.0))
    func readable(_ name: String) throws {
        let values = try #require(Self.catalogue.first { $0.0 == name }).1
        for value in values {
            #expect(!value.label.contains("_"), "\(name) \(value.raw): \(value.label)")
            #expect(value.label.first?.isUppercase == true, "\(name) \(value.raw): \(value.label)")
        }
        #expect(Set(values.map(\.label)).count == values.count, "\(name): two values read the same")
    }

    @Test(
        "words people know",
        arguments: [
            (Ticket.Status.waitingOnRequester.label, "Waiting on the requester"),
            (Ticket.Category.claimError.label, "Claim error"),
            (DenialCategory.coordinationOfBenefits.label, "Coordination of benefits"),
            (ChangeRequest.Kind.serviceLevel.label, "Service levels"),
            (Role.practiceManager.label, "Practice manager"),
        ])
    func known(_ label: String, _ expected: String) {
        #expect(label == expected)
    }
}

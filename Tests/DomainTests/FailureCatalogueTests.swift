import Domain
import Testing

/// The one catalogue of failures: what each kind answers on the web and at the command line, and
/// the kind each error says it is.
struct FailureCatalogueTests {
    @Test(arguments: [
        (FailureKind.invalid, 422, Int32(65), "invalid_input"),
        (.badRequest, 400, 64, "bad_request"),
        (.notFound, 404, 66, "not_found"),
        (.conflict, 409, 65, "conflict"),
        (.forbidden, 403, 77, "forbidden"),
        (.unauthorized, 401, 77, "unauthorized"),
        (.tooLarge, 413, 65, "payload_too_large"),
        (.busy, 503, 69, "busy"),
        (.unavailable, 503, 69, "unavailable"),
        (.configuration, 500, 78, "internal_error"),
        (.internal, 500, 70, "internal_error"),
    ])
    func kind(_ kind: FailureKind, status: Int, exit: Int32, code: String) {
        #expect(kind.httpStatus == status)
        #expect(kind.exitCode == exit)
        #expect(kind.wireCode == code)
    }

    @Test func everyKindIsInTheTable() {
        #expect(FailureKind.allCases.count == 11)
    }

    @Test(
        arguments: [
            (any Error & Sendable, FailureKind)
        ]([
            (RoleError.unknown("boss"), .invalid),
            (ContractVersionError.noneInForce(CalendarDate(year: 2026, month: 3, day: 1)!), .notFound),
            (TicketKeyError.prefixTaken("RB"), .conflict),
            (TicketKeyError.ambiguous(key: "7", candidates: ["RB-7", "RC-7"]), .notFound),
            (PilotError.notAllowed(.practiceStaff, "decide the gate"), .forbidden),
            (GovernanceError.closed("the review"), .conflict),
            (MembershipError.notPending(.active), .conflict),
        ]))
    func errorsSayTheirKind(_ error: any Error & Sendable, kind: FailureKind) {
        let failure = Failure.of(error)
        #expect(failure.kind == kind)
        #expect(failure.message == "\(error)")
    }

    private struct Unknown: Error {}

    @Test func anUnknownErrorIsInternalAndSaysNothingOfItself() {
        #expect(Failure.of(Unknown()) == Failure(kind: .internal, message: "internal error"))
        #expect(Failure(kind: .internal, message: "row 7: Jane Doe").message == "internal error")
    }

    @Test func adaptersAreAskedForErrorsThatDoNotSayTheirKind() {
        let failure = Failure.of(Unknown(), adapters: [{ $0 is Unknown ? Failure(kind: .busy, message: FailureKind.busyMessage) : nil }])
        #expect(failure.kind == .busy)
    }
}

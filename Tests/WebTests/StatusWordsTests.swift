import Foundation
import Testing

@testable import Domain
@testable import Web

/// The words pages use for a clock's state and a change request's status: whole, and true.
@Suite("Status words on pages")
struct StatusWordsTests {
    static let formatter = ClockCell.formatter(timeZone: "America/Chicago")
    static let instant = Date(timeIntervalSince1970: 1_795_000_000)

    static func reading(_ state: ClockReading.State, due: Date? = nil, breached: Date? = nil, pausedBy: Party? = nil) -> ClockReading {
        ClockReading(
            state: state, dueAt: due, breachedAt: breached, businessSecondsUsed: 0, businessSecondsPaused: 0, pausedBy: pausedBy,
            stoppedAt: nil)
    }

    @Test(
        "a clock's state in words",
        arguments: [
            (reading(.notDue), "not due yet"),
            (reading(.met), "met"),
            (reading(.running, due: instant), "due " + formatter.string(from: instant)),
            (reading(.running), "running"),
            (reading(.paused, pausedBy: .practice), "paused (waiting on the practice)"),
            (reading(.paused), "paused"),
            (reading(.breached, breached: instant), "breached " + formatter.string(from: instant)),
        ])
    func clockWords(reading: ClockReading, words: String) {
        #expect(ClockCell(reading, formatter: Self.formatter).text == words)
    }

    static func request(_ status: ChangeRequest.Status, approvedBy: [Party] = [], version: Int? = nil) -> ChangeRequest {
        var request = ChangeRequest(
            engagementID: .init(), number: 1, kind: .serviceLevel, title: "Days in A/R at most 35", reason: "backlog cleared",
            edits: [], baseVersion: 1, budgetImpactMonthly: nil, timelineImpact: "", requestedEffectiveFrom: nil,
            proposedBy: .init(), proposedByParty: .practice, proposedAt: instant)
        request.status = status
        request.approvals = approvedBy.map { ChangeRequest.Decision(party: $0, userID: .init(), at: instant) }
        request.resultingVersion = version
        return request
    }

    @Test(
        "a change request's status phrase is whole or absent",
        arguments: [
            (request(.proposed), "awaiting the practice and the vendor"),
            (request(.proposed, approvedBy: [.practice]), "awaiting the vendor"),
            (request(.approved, approvedBy: [.practice, .vendor], version: 3), "became contract version 3"),
            (request(.approved, approvedBy: [.practice, .vendor]), nil),
            (request(.rejected, approvedBy: [.practice]), nil),
            (request(.rejected), nil),
            (request(.withdrawn), nil),
        ] as [(ChangeRequest, String?)])
    func changeRequestPhrase(request: ChangeRequest, phrase: String?) {
        let detail = ChangeRequestPageModel.statusDetail(request)
        #expect(detail == phrase)
        if let detail { #expect(!detail.hasSuffix(" the") && !detail.hasSuffix(" ")) }
    }
}

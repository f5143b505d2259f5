import Domain
import Foundation
import Testing

@Suite("Contract: grid, versions, edits and diffs")
struct ContractTests {
    static let template = Contract.medicalBilling(timeZone: "America/Chicago")
    static let engagement = Engagement.ID()

    @Test("the medical-billing template is valid, has the eleven tasks of the issue and no grid gaps")
    func templateIsValid() {
        let contract = Self.template
        #expect(contract.problems == [])
        #expect(contract.grid.gaps == [])
        #expect(contract.grid.tasks.count == 11)
        let targets = contract.serviceLevels.responsePolicy.targets.map { [$0.firstResponseHours, $0.updateHours, $0.resolutionHours] }
        #expect(targets == [[1, 2, 8], [4, 8, 18], [8, 18, 45], [16, 45, 90]])
        #expect(contract.serviceLevels.responsePolicy.calendar.hoursPerWeek == 45)
        #expect(contract.serviceLevels.escalationLadder.map(\.trigger.summary) == ["75% of target", "breach", "breach + 9 business hours"])
    }

    struct GapCase: Sendable, CustomTestStringConvertible {
        let label: String
        let responsible: Set<Party>
        let accountable: Set<Party>
        let exceptionOwner: String?
        let gaps: [GridGap.Kind]
        var testDescription: String { label }
    }

    @Test(
        "grid gaps",
        arguments: [
            GapCase(
                label: "vendor task with practice owner", responsible: [.vendor], accountable: [.vendor],
                exceptionOwner: "practice_manager", gaps: []),
            GapCase(
                label: "in-house task needs no exception owner", responsible: [.practice], accountable: [.practice], exceptionOwner: nil,
                gaps: []),
            GapCase(
                label: "no accountable party", responsible: [.practice], accountable: [], exceptionOwner: nil, gaps: [.noAccountableParty]),
            GapCase(
                label: "two accountable parties", responsible: [.practice], accountable: [.practice, .vendor], exceptionOwner: nil,
                gaps: [.twoAccountableParties]),
            GapCase(
                label: "vendor task without exception owner", responsible: [.vendor], accountable: [.vendor], exceptionOwner: nil,
                gaps: [.noPracticeExceptionOwner]),
            GapCase(
                label: "shared task with empty exception owner", responsible: [.practice, .vendor], accountable: [.practice],
                exceptionOwner: "", gaps: [.noPracticeExceptionOwner]),
            GapCase(
                label: "nobody at all", responsible: [], accountable: [], exceptionOwner: nil,
                gaps: [.noAccountableParty, .noResponsibleParty]),
        ])
    func gridGaps(_ gapCase: GapCase) {
        let task = GridTask(
            key: "t", name: "T", workflow: "w", step: 1, responsible: gapCase.responsible, accountable: gapCase.accountable,
            handoff: "h", proof: "p", exceptionOwner: gapCase.exceptionOwner)
        #expect(ResponsibilityGrid(tasks: [task]).gaps.map(\.kind) == gapCase.gaps)
    }

    @Test("fragmentation: neighbouring steps or the same task held by two vendors, never one vendor with itself")
    func fragmentation() {
        func grid(_ keys: [(String, Int, Party)]) -> ResponsibilityGrid {
            ResponsibilityGrid(
                tasks: keys.map {
                    GridTask(
                        key: $0.0, name: $0.0, workflow: "claims", step: $0.1, responsible: [$0.2],
                        accountable: [$0.2], handoff: "", proof: "", exceptionOwner: "pm")
                })
        }
        let vendorA = Organization.ID(), vendorB = Organization.ID()
        let first = Engagement.ID(), second = Engagement.ID(), third = Engagement.ID()
        let warnings = FragmentationWarning.detect([
            .init(
                engagement: first, vendor: vendorA,
                grid: grid([("charge-entry", 1, .vendor), ("coding", 2, .practice), ("submission", 3, .vendor)])),
            .init(engagement: second, vendor: vendorB, grid: grid([("coding", 2, .vendor), ("follow-up", 5, .vendor)])),
            .init(engagement: third, vendor: vendorA, grid: grid([("coding", 2, .vendor)])),
        ])
        #expect(
            warnings.map { "\($0.kind.rawValue) \($0.firstTask)→\($0.secondTask)" }.sorted()
                == [
                    "neighbouring_tasks charge-entry→coding", "neighbouring_tasks coding→submission", "same_task coding→coding",
                ].sorted())
        // The pairs involving the third engagement are with vendor B only (vendor A is the same vendor as the first).
        #expect(
            warnings.filter { [$0.firstEngagement, $0.secondEngagement].contains(third) }.allSatisfy {
                [$0.firstEngagement, $0.secondEngagement].contains(second)
            })
        #expect(FragmentationWarning.detect([.init(engagement: first, vendor: vendorA, grid: Self.template.grid)]) == [])
    }

    static func version(_ number: Int, effective: String?, status: ContractVersion.Status = .accepted) -> ContractVersion {
        ContractVersion(
            engagementID: engagement, number: number, status: status, contract: template,
            effectiveFrom: effective.flatMap { CalendarDate($0) }, acceptances: [], changeRequest: nil,
            createdAt: Date(timeIntervalSince1970: 0))
    }

    @Test(
        "the version in force on a date",
        arguments: [
            ("2026-01-31", nil), ("2026-02-01", 1), ("2026-04-30", 1), ("2026-05-01", 2), ("2026-05-02", 3), ("2027-01-01", 3),
        ] as [(String, Int?)])
    func inForce(date: String, expected: Int?) throws {
        let versions = [
            Self.version(1, effective: "2026-02-01"), Self.version(2, effective: "2026-05-01"),
            Self.version(3, effective: "2026-05-02"), Self.version(4, effective: nil, status: .draft),
        ]
        #expect(ContractVersion.inForce(on: try #require(CalendarDate(date)), among: versions)?.number == expected)
    }

    @Test("a draft is edited by the practice only, and is in force once both signers accept; an edit withdraws acceptances")
    func draftAcceptance() throws {
        var draft = Self.version(1, effective: nil, status: .draft)
        let now = Date(timeIntervalSince1970: 1_000), day = try #require(CalendarDate("2026-03-02"))
        #expect(throws: ContractVersionError.notASigner(.practiceManager)) {
            try draft.acceptDraft(by: .practiceManager, user: User.ID(), at: now, effectiveFrom: day)
        }
        try draft.acceptDraft(by: .vendorLead, user: User.ID(), at: now, effectiveFrom: day)
        #expect(draft.status == .draft)
        #expect(throws: ContractVersionError.notAnEditor(.vendorLead)) { try draft.editDraft(Self.template, by: .vendorLead) }
        var edited = Self.template
        edited.governance.reviewCadence = .quarterly
        try draft.editDraft(edited, by: .practiceManager)
        #expect(draft.acceptances.isEmpty)
        try draft.acceptDraft(by: .vendorLead, user: User.ID(), at: now, effectiveFrom: day)
        #expect(throws: ContractVersionError.alreadyAccepted(.vendor)) {
            try draft.acceptDraft(by: .vendorLead, user: User.ID(), at: now, effectiveFrom: day)
        }
        try draft.acceptDraft(by: .practiceAdmin, user: User.ID(), at: now, effectiveFrom: day)
        #expect(draft.status == .accepted)
        #expect(draft.effectiveFrom == day)
        #expect(throws: ContractVersionError.notADraft(1)) { try draft.editDraft(Self.template, by: .practiceAdmin) }
    }

    @Test("edits set values, add and remove keyed elements, and the diff names each changed value")
    func editsAndDiff() throws {
        let newTask = GridTask(
            key: "eligibility-checks", name: "Eligibility checks", workflow: "claims", step: 0, responsible: [.vendor],
            accountable: [.vendor], handoff: "appointment booked", proof: "270/271 log", exceptionOwner: "practice_manager")
        let edits: [ContractEdit] = [
            try .set(try #require(ContractPath("serviceLevels.kpiTargets[days-in-ar].target")), to: 35.0),
            try .set(try #require(ContractPath("grid.tasks[coding-questions].responsible")), to: [Party.practice, .vendor]),
            try .set(try #require(ContractPath("grid.tasks[eligibility-checks]")), to: newTask),
            .remove(try #require(ContractPath("grid.tasks[reporting]"))),
        ]
        let changed = try Self.template.applying(edits)
        #expect(changed.serviceLevels.kpiTargets.first { $0.key == "days-in-ar" }?.target == 35)
        #expect(changed.grid.task("coding-questions")?.responsible == [.practice, .vendor])
        #expect(changed.grid.task("eligibility-checks") == newTask)
        #expect(changed.grid.task("reporting") == nil)
        let diff = ContractDiff(from: Self.template, to: changed)
        let paths = Set(diff.changes.map(\.path.description))
        #expect(paths.contains("serviceLevels.kpiTargets[days-in-ar].target"))
        #expect(paths.contains("grid.tasks[coding-questions].responsible"))
        #expect(paths.contains("grid.tasks[eligibility-checks].name"))
        #expect(paths.contains("grid.tasks[reporting].name"))
        let target = try #require(diff.changes.first { $0.path.description == "serviceLevels.kpiTargets[days-in-ar].target" })
        #expect(target.before == .number(40) && target.after == .number(35))
        #expect(diff.changes.first { $0.path.description == "grid.tasks[reporting].name" }?.after == nil)
        #expect(diff.changes.first { $0.path.description == "grid.tasks[eligibility-checks].name" }?.before == nil)
        #expect(ContractDiff(from: changed, to: changed).isEmpty)
    }

    struct BadEdit: Sendable, CustomTestStringConvertible {
        let label: String
        let edit: ContractEdit
        let message: String
        var testDescription: String { label }
    }

    @Test(
        "edits that do not fit are refused with the path and the problem",
        arguments: [
            BadEdit(
                label: "unknown field", edit: ContractEdit(op: .set, path: ContractPath("grid.colour")!, value: .string("red")),
                message: "grid.colour is not a place in the contract"),
            BadEdit(
                label: "unknown task", edit: ContractEdit(op: .set, path: ContractPath("grid.tasks[nope].name")!, value: .string("x")),
                message: "grid.tasks[nope].name is not a place in the contract"),
            BadEdit(
                label: "wrong type",
                edit: ContractEdit(op: .set, path: ContractPath("serviceLevels.kpiTargets[days-in-ar].target")!, value: .string("soon")),
                message: "has the wrong type"),
            BadEdit(
                label: "unknown figure",
                edit: ContractEdit(
                    op: .set, path: ContractPath("serviceLevels.kpiTargets[days-in-ar].figure")!, value: .string("happiness")),
                message: "'happiness', which is not a figure"),
            BadEdit(
                label: "changing a key",
                edit: ContractEdit(op: .set, path: ContractPath("grid.tasks[reporting].key")!, value: .string("reports")),
                message: "an element's key cannot change"),
            BadEdit(
                label: "element with another key",
                edit: ContractEdit(op: .set, path: ContractPath("grid.tasks[reporting]")!, value: .object(["key": .string("x")])),
                message: "whose key is 'reporting'"),
            BadEdit(
                label: "set without value", edit: ContractEdit(op: .set, path: ContractPath("governance.dataOwnership")!, value: nil),
                message: "set needs a value"),
            BadEdit(
                label: "remove a required field", edit: ContractEdit.remove(ContractPath("governance.pricing.model")!),
                message: "governance.pricing.model is missing"),
        ])
    func badEdits(_ bad: BadEdit) {
        do {
            _ = try Self.template.applying([bad.edit])
            Issue.record("the edit was applied")
        } catch {
            #expect(error.description.contains(bad.message), "\(error.description)")
        }
    }

    @Test(
        "paths parse and print the same",
        arguments: [
            "grid.tasks[charge-entry].responsible", "governance.pricing.model",
            "serviceLevels.responsePolicy.targets[*/urgent].updateHours",
        ])
    func pathRoundTrip(_ text: String) throws {
        #expect(try #require(ContractPath(text)).description == text)
    }

    @Test("malformed paths are refused", arguments: ["", "[x]", "a[", "a]b", "a..b", "a[]"])
    func badPaths(_ text: String) {
        #expect(ContractPath(text) == nil)
    }
}

extension Contract {
    /// The `medical-billing` template: the usual split of a billing engagement, the README's
    /// default service levels, and governance terms a practice would start negotiating from.
    public static func medicalBilling(timeZone: String) -> Contract {
        func task(
            _ key: String, _ name: String, _ workflow: String, _ step: Int, responsible: Set<Party>, accountable: Party,
            consulted: Set<Party> = [], informed: Set<Party> = [], handoff: String, proof: String, exceptions: String? = nil
        ) -> GridTask {
            GridTask(
                key: key, name: name, workflow: workflow, step: step, responsible: responsible, accountable: [accountable],
                consulted: consulted, informed: informed, handoff: handoff, proof: proof, exceptionOwner: exceptions)
        }
        let grid = ResponsibilityGrid(tasks: [
            task(
                "charge-entry", "Charge entry", "claims", 1, responsible: [.vendor], accountable: .vendor, consulted: [.practice],
                handoff: "signed encounter and superbill in the EHR", proof: "charge batch report", exceptions: "practice_manager"),
            task(
                "coding-questions", "Coding questions", "claims", 2, responsible: [.practice], accountable: .practice,
                consulted: [.vendor], handoff: "coding query from the vendor", proof: "answered query in the issue log"),
            task(
                "claim-submission", "Claim submission", "claims", 3, responsible: [.vendor], accountable: .vendor, informed: [.practice],
                handoff: "claim ready in the billing system", proof: "837 file and its 277CA", exceptions: "practice_manager"),
            task(
                "payment-posting", "Payment posting", "receivables", 1, responsible: [.vendor], accountable: .vendor, informed: [.practice],
                handoff: "835 or paper EOB received", proof: "posted 835 and deposit reconciliation", exceptions: "practice_manager"),
            task(
                "denial-follow-up", "Denial follow-up and appeals", "receivables", 2, responsible: [.vendor], accountable: .vendor,
                consulted: [.practice], informed: [.practice], handoff: "denial posted from the 835",
                proof: "corrected claim or appeal letter", exceptions: "practice_manager"),
            task(
                "payer-follow-up", "Payer follow-up", "receivables", 3, responsible: [.vendor], accountable: .vendor, informed: [.practice],
                handoff: "claim unpaid past the payer's turnaround", proof: "call or portal note on the claim",
                exceptions: "practice_manager"),
            task(
                "patient-statements", "Patient balance follow-up and statements", "patient-billing", 1, responsible: [.vendor],
                accountable: .practice, consulted: [.practice], handoff: "patient responsibility posted",
                proof: "statement run and collection notes", exceptions: "practice_manager"),
            task(
                "patient-billing-questions", "Patient billing questions", "patient-billing", 2, responsible: [.practice, .vendor],
                accountable: .practice, consulted: [.vendor], handoff: "patient call or portal message",
                proof: "answered question in the issue log", exceptions: "practice_manager"),
            task(
                "documentation-gaps", "Documentation gaps", "claims", 4, responsible: [.practice], accountable: .practice,
                consulted: [.vendor], handoff: "documentation request from the vendor", proof: "uploaded record or addendum"),
            task(
                "credentialing-support", "Credentialing support", "credentialing", 1, responsible: [.vendor], accountable: .practice,
                consulted: [.practice], handoff: "provider data and signed applications", proof: "payer enrollment confirmation",
                exceptions: "practice_admin"),
            task(
                "reporting", "Reporting", "reporting", 1, responsible: [.vendor], accountable: .vendor, informed: [.practice],
                handoff: "month closed", proof: "monthly report beside Sightline's figures", exceptions: "practice_manager"),
        ])
        let responseTargets: [ResponseTarget] = [
            (TicketPriority.urgent, 1.0, 2.0, 8.0), (.high, 4, 8, 18), (.normal, 8, 18, 45), (.low, 16, 45, 90),
        ].map {
            ResponseTarget(
                category: ResponseTarget.anyCategory, priority: $0.0, firstResponseHours: $0.1, updateHours: $0.2, resolutionHours: $0.3)
        }
        let serviceLevels = ServiceLevels(
            kpiTargets: [
                KPITarget(
                    key: "initial-denial-rate", figure: Figure.initialDenialRate.rawValue, comparator: .atMost, target: 0.08, period: .month
                ),
                KPITarget(
                    key: "clean-claim-rate", figure: Figure.cleanClaimRate.rawValue, comparator: .atLeast, target: 0.95, period: .month),
                KPITarget(
                    key: "net-collection-rate", figure: Figure.netCollectionRate.rawValue, comparator: .atLeast, target: 0.95,
                    period: .quarter),
                KPITarget(key: "days-in-ar", figure: Figure.daysInAR.rawValue, comparator: .atMost, target: 40, period: .month),
                KPITarget(key: "ar-over-90", figure: Figure.arOver90Pct.rawValue, comparator: .atMost, target: 0.15, period: .month),
            ],
            responsePolicy: ResponsePolicy(
                calendar: .weekdays(timeZone: timeZone), warningThresholds: [0.5, 0.75], targets: responseTargets),
            escalationLadder: [
                EscalationLevel(
                    key: "warning", trigger: .init(kind: .shareOfTarget, amount: 0.75), recipients: [.vendorLead, .practiceManager]),
                EscalationLevel(
                    key: "breach", trigger: .init(kind: .afterBreach, amount: 0),
                    recipients: [.vendorLead, .practiceManager, .practicePrimaryContact, .vendorPrimaryContact]),
                EscalationLevel(
                    key: "leadership", trigger: .init(kind: .afterBreach, amount: 9),
                    recipients: [.practiceAdmin, .vendorExecutiveContact]),
            ],
            reportingTolerance: 0.02)
        let governance = GovernanceTerms(
            reviewCadence: .monthly,
            dataOwnership: "The practice owns all patient, claim and payment data; the vendor processes it only to perform this agreement.",
            accessRules:
                "Vendor staff get access only through a request the practice approves; access is reviewed every quarter and ends the day a person leaves the engagement.",
            exit: ExitTerms(
                exportFormats: ["X12 837", "X12 835", "CSV", "JSON"], deliveryDays: 30, retentionDays: 0, returnOrDestroyAttestation: true),
            pricing: Pricing(model: .percentOfCollections, percentOfCollections: 0.06))
        return Contract(grid: grid, serviceLevels: serviceLevels, governance: governance)
    }
}

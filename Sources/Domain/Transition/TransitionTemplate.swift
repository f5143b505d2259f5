import Foundation

/// The steps a billing transition needs, and the four-step rollout of another back-office
/// function, each with the checklist that shows it done. Due days are spread from the plan's start.
public enum TransitionTemplate {
    struct Step {
        let key, title, purpose: String
        /// Days after the start the step is due.
        let days: Int
        let checklist: [String]
    }

    static let billing: [Step] = [
        Step(
            key: "map_workflow", title: "Map the current workflow",
            purpose:
                "Write down each billing task as it runs today: who does it, where it is handed off, what usually delays it, which report it relies on.",
            days: 14,
            checklist: [
                "Every billing task listed with its owner", "Handoffs between people and systems noted",
                "Common delays noted for each task", "The reports each task relies on listed",
            ]),
        Step(
            key: "clean_up", title: "Clean up data and access",
            purpose: "Hand over clean books and least-privilege access, not a backlog and shared logins.",
            days: 28,
            checklist: [
                "Open A/R aged and reconciled", "Unapplied payments and credit balances worked",
                "Duplicate and stale patient accounts merged", "Shared logins removed: each vendor agent has an account of their own",
                "Access in every system reviewed and signed off",
            ]),
        Step(
            key: "define_ownership", title: "Define ownership in writing",
            purpose: "Agree who owns each task (the responsibility grid), who answers for each party, and how escalation works.",
            days: 35,
            checklist: [
                "Responsibility grid agreed for every task", "Points of contact named on both sides",
                "Escalation ladder and response times agreed", "Contract version with the grid in force",
            ]),
        Step(
            key: "pilot", title: "Run a controlled pilot",
            purpose: "Move one payer group, location or work queue first, judged at a gate against a baseline taken before it.",
            days: 90,
            checklist: [
                "Pilot scope chosen", "Baseline figures taken before the pilot", "Gate criteria agreed by both parties",
                "Gate evaluated and the go/no-go decision recorded",
            ]),
        Step(
            key: "train", title: "Train both teams together",
            purpose:
                "One joint session on the workflow and the grid, so the front desk and the vendor know what each needs from the other.",
            days: 42,
            checklist: [
                "Joint session on the workflow and the grid held", "Front desk trained on the data the vendor needs at check-in",
                "Vendor team trained on the practice's systems and payers", "Staff told where to ask questions",
            ]),
        Step(
            key: "monitor", title: "Monitor the agreed metrics",
            purpose: "Sightline computes the figures from the billing files; misses open tickets on their own.",
            days: 60,
            checklist: [
                "KPI targets set in the contract", "Billing files imported every week",
                "Figures reviewed weekly by the practice manager", "First month closed and its service levels judged",
            ]),
        Step(
            key: "governance", title: "Hold governance reviews",
            purpose: "Regular reviews that end in owned actions with due days, not a dashboard recap.",
            days: 75,
            checklist: [
                "Review cadence set in the contract", "First review held with minutes",
                "Actions assigned with owners and due days", "First quality audit drawn",
            ]),
    ]

    static let rollout: [Step] = [
        Step(
            key: "pressure_points", title: "Identify the pressure points",
            purpose: "Where the work piles up, waits or goes wrong, and what it costs the team.",
            days: 14,
            checklist: ["Where work piles up or waits", "Which tasks cause errors or rework", "Staff time the function takes each week"]),
        Step(
            key: "task_boundaries", title: "Define the task boundaries",
            purpose: "Which tasks move and which stay, with the handoffs between them written into the grid.",
            days: 28,
            checklist: [
                "Tasks that move and tasks that stay listed", "Handoffs and owners written into the grid", "Staff told what changes",
            ]),
        Step(
            key: "pilot", title: "Run a pilot",
            purpose: "A small scope first, with a baseline and gate criteria.",
            days: 70, checklist: ["Pilot scope and gate criteria agreed", "Baseline taken", "Pilot running"]),
        Step(
            key: "evaluate_expand", title: "Evaluate and expand",
            purpose: "Judge the pilot at its gate; expand in phases only once it is stable.",
            days: 90, checklist: ["Gate evaluated", "Go/no-go decision recorded", "Next phase planned or the pilot stopped"]),
    ]

    static func steps(_ template: [Step], from start: CalendarDate, owner: String?) -> [TransitionStep] {
        template.map { step in
            TransitionStep(
                key: step.key, title: step.title, purpose: step.purpose, ownerEmail: owner, dueOn: start.adding(days: step.days),
                checklist: step.checklist.map { ChecklistItem(text: $0) })
        }
    }

    /// A new plan for an engagement: the billing transition's seven steps, due from `start`.
    public static func plan(for engagement: Engagement.ID, start: CalendarDate, owner: String?, now: Date) -> TransitionPlan {
        TransitionPlan(engagementID: engagement, steps: steps(billing, from: start, owner: owner), createdAt: now)
    }

    /// The four steps of a rollout of `function`, due from `start`.
    public static func rollout(of function: String, start: CalendarDate, owner: String?) -> Rollout {
        Rollout(function: function, steps: steps(rollout, from: start, owner: owner))
    }
}

/// What is due on which day: claims to (re)submit in the practice's daily 837, and claims each
/// payer will adjudicate in its weekly run. An entry is a few bytes — the claim's number, its
/// first submission day and what to do — because the claim itself is drawn again when it is due.
/// Anything due on or after the last day of the run is dropped and only counted.
struct Schedule {
    /// A claim going out in the practice's 837 of a day.
    struct Submission {
        enum Kind: UInt8 {
            /// First submission, frequency 1.
            case original
            /// The same claim, corrected after a 277CA rejection; frequency 1 again.
            case resubmission
            /// Corrected claim after payment: frequency 7 with REF*F8.
            case replacement
            /// Cancellation after payment: frequency 8 with REF*F8.
            case void
        }

        var sequence: Int32
        var firstSubmitted: Int32
        var kind: Kind
    }

    /// A claim a payer will decide on in its next run on or after the day it is due.
    struct Adjudication {
        enum Kind: UInt8 {
            /// The first decision: paid or denied.
            case first
            /// A denied claim paid after the practice's appeal.
            case appeal
            /// The payer reprocesses a paid claim: reversal and new payment.
            case payerReversal
            /// The payer answers a replacement claim: reversal and payment of the new version.
            case replacement
            /// The payer answers a void: reversal only.
            case void
        }

        var sequence: Int32
        var firstSubmitted: Int32
        var kind: Kind
        /// Day the payer received what it adjudicates.
        var received: Int32
    }

    private let start: Day
    private let days: Int
    private var submissions: [[Submission]]
    private var adjudications: [[[Adjudication]]]
    private var collectedThrough: [Int]
    /// Entries that fell after the end of the run.
    private(set) var dropped = 0

    /// An empty schedule for `days` days from `start`, with `payers` payers.
    init(start: Day, days: Int, payers: Int) {
        self.start = start
        self.days = max(0, days)
        submissions = Array(repeating: [], count: self.days)
        adjudications = Array(repeating: Array(repeating: [], count: self.days), count: payers)
        collectedThrough = Array(repeating: -1, count: payers)
    }

    /// Puts a claim in the 837 of `day`.
    mutating func submit(_ kind: Submission.Kind, _ plan: ClaimPlan, on day: Day) {
        let index = start.distance(to: day)
        guard index >= 0, index < days else { dropped += 1; return }
        submissions[index].append(
            Submission(sequence: Int32(plan.sequence), firstSubmitted: Int32(plan.submitted.number), kind: kind))
    }

    /// Has `plan`'s payer decide on it in its first run on or after `day`.
    mutating func adjudicate(_ kind: Adjudication.Kind, _ plan: ClaimPlan, due day: Day, received: Day) {
        // A run never reaches back: something due before the payer's last run waits for the next one.
        let index = max(start.distance(to: day), collectedThrough[plan.payerIndex] + 1)
        guard index >= 0, index < days else { dropped += 1; return }
        adjudications[plan.payerIndex][index].append(
            Adjudication(
                sequence: Int32(plan.sequence), firstSubmitted: Int32(plan.submitted.number), kind: kind, received: Int32(received.number)))
    }

    /// The claims for the 837 of `day`, taken off the schedule.
    mutating func takeSubmissions(on day: Day) -> [Submission] {
        let index = start.distance(to: day)
        guard index >= 0, index < days else { return [] }
        defer { submissions[index] = [] }
        return submissions[index]
    }

    /// Everything `payer` has due up to and including `day`, in order of due day, taken off the schedule.
    mutating func takeAdjudications(payer: Int, through day: Day) -> [Adjudication] {
        let last = min(start.distance(to: day), days - 1)
        guard last > collectedThrough[payer] else { return [] }
        var due: [Adjudication] = []
        for index in (collectedThrough[payer] + 1)...last {
            due += adjudications[payer][index]
            adjudications[payer][index] = []
        }
        collectedThrough[payer] = last
        return due
    }

    /// Entries still waiting at the end of the run, dropped ones included.
    var outstanding: Int {
        dropped + submissions.reduce(0) { $0 + $1.count } + adjudications.reduce(0) { $0 + $1.reduce(0) { $0 + $1.count } }
    }
}

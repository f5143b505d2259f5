/// Whether a billing file belongs to the practice importing it, judged on the identifiers its
/// billing providers (837) and payees (835) carry against the practice's own.
public enum PracticeIdentity {
    /// What to do with a file.
    public enum Verdict: Sendable, Equatable {
        /// Every party carries one of the practice's identifiers, or the file names no party (277CA, CSV).
        case accepted
        /// The practice has no identifiers yet: these, the file's well-formed ones, become its own.
        case learn([PracticeIdentifier])
        /// These parties carry none of the practice's identifiers: the file must be refused whole.
        case refused([BillingParty])
    }

    /// Judges a file's parties against the practice's identifiers (`known`).
    ///
    /// With none known, the first file that names a party with well-formed identifiers teaches
    /// them; a file whose parties carry no well-formed identifier teaches nothing and is accepted,
    /// so learning waits for one that does.
    public static func judge(_ parties: [BillingParty], known: Set<PracticeIdentifier>) -> Verdict {
        guard !parties.isEmpty else { return .accepted }
        if known.isEmpty {
            var learned: [PracticeIdentifier] = []
            for identifier in parties.flatMap(\.identifiers) where identifier.isWellFormed && !learned.contains(identifier) {
                learned.append(identifier)
            }
            return learned.isEmpty ? .accepted : .learn(learned)
        }
        let strangers = parties.filter { party in !party.identifiers.contains(where: known.contains) }
        return strangers.isEmpty ? .accepted : .refused(strangers)
    }

    /// Why a file was refused, naming what it carries, what the practice has, and how to accept it.
    public static func refusal(_ strangers: [BillingParty], known: Set<PracticeIdentifier>, practiceName: String) -> String {
        let found = strangers.prefix(5).map(\.summary).joined(separator: "; ")
        let more = strangers.count > 5 ? " and \(strangers.count - 5) more" : ""
        let own = known.sorted().map(\.description).joined(separator: ", ")
        let toAdd = strangers.flatMap(\.identifiers).first(where: \.isWellFormed)
        let how =
            toAdd.map {
                "if the file is this practice's, add \($0) to the practice first (sightline org identifiers --add-\($0.kind.rawValue) \($0.value), or Practice settings in the browser), then import it again"
            }
            ?? "if the file is this practice's, add one of its identifiers to the practice first (sightline org identifiers, or Practice settings in the browser), then import it again"
        return "not this practice's file: \(found)\(more); \(practiceName) bills under \(own). Nothing of the file was kept; \(how)"
    }
}

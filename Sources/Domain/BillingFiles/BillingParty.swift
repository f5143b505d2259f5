/// Who a billing file says the practice is: an 837's billing provider (loop 2010AA) or an 835's
/// payee (loop 1000B), with the identifiers it carries there.
public struct BillingParty: Sendable, Equatable {
    /// Which loop named the party.
    public enum Role: String, Sendable, Equatable {
        /// 837 loop 2010AA, NM1*85 with REF*EI.
        case billingProvider
        /// 835 loop 1000B, N1*PE with REF*TJ.
        case payee

        /// How the role is written for people.
        public var label: String {
            switch self {
            case .billingProvider: "billing provider"
            case .payee: "payee"
            }
        }
    }

    /// Billing provider or payee.
    public var role: Role
    /// NM103 / N102: the organisation's (or provider's) name as the file writes it.
    public var name: String
    /// NPIs and TINs found, in file order, each once; possibly malformed (see ``PracticeIdentifier/isWellFormed``).
    public var identifiers: [PracticeIdentifier]
    /// Which transaction set of the file (1 for the first ST) the party belongs to.
    public var transaction: Int

    /// Creates a party.
    public init(role: Role, name: String, identifiers: [PracticeIdentifier] = [], transaction: Int) {
        self.role = role
        self.name = name
        self.identifiers = identifiers
        self.transaction = transaction
    }

    /// Adds an identifier unless it is already there or empty.
    public mutating func add(_ identifier: PracticeIdentifier) {
        guard !identifier.value.isEmpty, !identifiers.contains(identifier) else { return }
        identifiers.append(identifier)
    }

    /// `the payee of transaction 2, ACME MEDICAL CENTER (NPI 5544667733, TIN 77-7667755)`.
    public var summary: String {
        let named = name.trimmingCharacters(in: .whitespaces)
        let ids = identifiers.isEmpty ? "no NPI or TIN" : identifiers.map(\.description).joined(separator: ", ")
        return "the \(role.label) of transaction \(transaction)\(named.isEmpty ? "" : ", \(named.prefix(80)),") carrying \(ids)"
    }
}

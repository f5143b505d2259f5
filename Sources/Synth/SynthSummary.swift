/// What a synthetic run produced, counted as it was written, for the command to report and for
/// tests to hold the files against.
public struct SynthSummary: Sendable, Equatable {
    /// Business days (Monday to Friday) in the run: each has an 837 with `claimsPerDay` new claims.
    public var businessDays = 0
    /// Claims submitted for the first time (frequency 1, new CLM01): `claimsPerDay` × ``businessDays``.
    public var originalClaims = 0
    /// Claims rejected in a 277CA.
    public var rejections = 0
    /// Rejected claims sent again, corrected, with the same CLM01 and frequency 1.
    public var resubmissions = 0
    /// Corrected claims after payment (frequency 7, REF*F8).
    public var replacements = 0
    /// Voided claims after payment (frequency 8, REF*F8).
    public var voids = 0
    /// Claim statuses written in 277CAs.
    public var acknowledgments = 0
    /// CLP segments written in 835s.
    public var adjudications = 0
    /// CLP02 → number of CLP segments.
    public var statusCounts: [String: Int] = [:]
    /// Rows of the patient payment CSV.
    public var patientPayments = 0
    /// Submissions and adjudications that would fall after the last day: the claims still open at the end.
    public var outstanding = 0
    /// Files written, by kind.
    public var files: [SynthFile.Kind: Int] = [:]
    /// Bytes written, by kind.
    public var bytes: [SynthFile.Kind: Int] = [:]

    /// An empty summary.
    public init() {}

    /// Every CLM segment written: originals, resubmissions, replacements and voids.
    public var submittedClaims: Int { originalClaims + resubmissions + replacements + voids }
}

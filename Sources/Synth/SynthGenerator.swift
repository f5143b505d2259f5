/// Generates a believable practice's billing files — daily 837P claims, 277CA acknowledgments,
/// weekly 835 payment runs per payer, and a patient payment CSV — from a configuration alone: no
/// clock, no file system, and the same seed always gives the same bytes.
///
/// Files are handed out as chunks of bytes, each file's chunks together and in order, one file
/// after the other (the payment CSV last), so a caller can write any volume with flat memory.
/// The state kept across days is a few bytes per open claim.
///
/// What it writes, per business day of the run: `claimsPerDay` new claims (frequency 1, CLM01
/// `RB` + eight digits) plus the claims due again that day. About 4 % of new claims are rejected
/// in the next day's 277CA (A3/A7) and sent again, corrected, two to seven days later with the
/// same CLM01 and frequency 1: a front-end rejection never reached the payer, so there is
/// nothing to replace. After a claim is paid, about 1.5 % are replaced (frequency 7, REF*F8) and
/// 0.5 % voided (frequency 8); 2.5 % are reversed and repaid by the payer (CLP02 22, then 1).
/// Denied claims (CLP02 4, or 1 with nothing paid) are often paid on appeal weeks later.
public struct SynthGenerator: Sendable {
    /// What to generate.
    public let configuration: SynthConfiguration

    /// A generator for `configuration`.
    public init(_ configuration: SynthConfiguration) {
        self.configuration = configuration
    }

    /// Writes every file into `sink` as `(file, bytes)` chunks and returns what was written.
    @discardableResult
    public func generate(into sink: (SynthFile, [UInt8]) throws -> Void) rethrows -> SynthSummary {
        var simulation = Simulation(configuration)
        try simulation.run(sink)
        return simulation.summary
    }
}

/// The version of Sightline this build is, reported by `/healthz` and `sightline --version`.
public enum SightlineVersion {
    /// Semantic version of this build.
    public static let current = "0.1.0"
}

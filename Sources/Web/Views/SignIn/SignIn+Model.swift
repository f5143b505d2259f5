/// The sign-in page.
struct SignInPageModel: Encodable, Equatable {
    let email: String
    let next: String
    let error: String?

    /// Where to go after signing in: only a path on this site, never another origin.
    static func safeNext(_ raw: String?) -> String {
        guard let raw, raw.hasPrefix("/"), !raw.hasPrefix("//"), !raw.hasPrefix("/\\"), !raw.contains("\r"), !raw.contains("\n") else { return "/" }
        return raw
    }
}

import Foundation

/// The sign-in page.
struct SignInPageModel: Encodable, Equatable {
    let email: String
    let next: String
    let error: String?

    /// Where to go after signing in: only a path on this site, never another origin.
    static func safeNext(_ raw: String?) -> String {
        // WHATWG URL parsing drops tabs and line breaks anywhere, strips leading controls and
        // spaces, and reads `\` as `/`: so only the characters a path and query are made of may
        // pass, and the result must still resolve to this origin.
        guard let raw, raw.hasPrefix("/"), !raw.hasPrefix("//"), raw.utf8.count <= 2048,
            raw.unicodeScalars.allSatisfy(nextCharacters.contains),
            let resolved = URL(string: raw, relativeTo: nextBase)?.absoluteURL,
            resolved.scheme == nextBase.scheme, resolved.host == nextBase.host, resolved.port == nil, resolved.user == nil
        else { return "/" }
        return raw
    }

    private static let nextBase = URL(string: "http://sightline.invalid/") ?? URL(fileURLWithPath: "/")
    private static let nextCharacters = CharacterSet(
        charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/?%")
}

/// What an API token may be used for. A request needs the scope its method and route call for:
/// reading (`GET`), writing (other methods), importing billing files, or administering access
/// (changing who is on an engagement, anyone's role, access grants and access reviews, and the
/// invitations that make engagements and put a vendor's team on them).
public enum TokenScope: String, Sendable, CaseIterable, Codable, Comparable {
    case read, write, `import`, admin

    /// The scopes a token gets when none are named: reading only (least privilege).
    public static let standard: Set<TokenScope> = [.read]

    /// Parses a comma-separated list (`read,write`); every name must be a scope.
    public static func parse(_ text: String) throws(TokenScopeError) -> Set<TokenScope> {
        var scopes: Set<TokenScope> = []
        for part in text.split(separator: ",") {
            let name = part.trimmingCharacters(in: .whitespaces).lowercased()
            if name.isEmpty { continue }
            guard let scope = TokenScope(rawValue: name) else { throw .unknown(name) }
            scopes.insert(scope)
        }
        guard !scopes.isEmpty else { throw .empty }
        return scopes
    }

    /// The collections whose changes administer access.
    static let administering = ["/members", "/role-changes", "/access-grants", "/access-reviews", "/invitations", "/practice/identifiers"]

    /// The scope a request of `method` to `path` (under `/api/v1`) needs.
    public static func needed(method: String, path: String) -> TokenScope {
        let reading = ["GET", "HEAD", "OPTIONS"].contains(method.uppercased())
        if !reading, path.hasSuffix("/imports") || path.contains("/imports/") { return .import }
        if !reading, administering.contains(where: { path.hasSuffix($0) || path.contains($0 + "/") }) { return .admin }
        return reading ? .read : .write
    }

    /// The list as stored and shown: `read,write`.
    public static func text(_ scopes: Set<TokenScope>) -> String { scopes.sorted().map(\.rawValue).joined(separator: ",") }

    public static func < (left: TokenScope, right: TokenScope) -> Bool {
        allCases.firstIndex(of: left) ?? 0 < allCases.firstIndex(of: right) ?? 0
    }
}

/// Why a list of scopes was refused.
public enum TokenScopeError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknown(String), empty

    public var description: String {
        switch self {
        case .unknown(let name): "'\(name)' is not a token scope; scopes are \(TokenScope.allCases.map(\.rawValue).joined(separator: ", "))"
        case .empty: "name at least one token scope: \(TokenScope.allCases.map(\.rawValue).joined(separator: ", "))"
        }
    }
}

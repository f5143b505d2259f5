import Domain
import Testing

@Suite("API token scopes")
struct TokenScopeTests {
    @Test(
        "the scope a request needs, by method and route",
        arguments: [
            ("GET", "/api/v1/claims", TokenScope.read), ("HEAD", "/api/v1/me", .read), ("POST", "/api/v1/engagements/x/tickets", .write),
            ("PATCH", "/api/v1/engagements/x/contract", .write), ("DELETE", "/api/v1/tickets/x/watchers/y", .write),
            ("POST", "/api/v1/imports", .import), ("GET", "/api/v1/imports", .read),
            ("POST", "/api/v1/engagements/x/members", .admin), ("POST", "/api/v1/engagements/x/members/y/remove", .admin),
            ("GET", "/api/v1/engagements/x/members", .read), ("POST", "/api/v1/role-changes/y/approve", .admin),
            ("POST", "/api/v1/engagements/x/access-grants", .admin), ("POST", "/api/v1/access-reviews/y/items/z", .admin),
            ("GET", "/api/v1/access-reviews/y", .read), ("POST", "/api/v1/engagements/x/tickets/y/members-note", .write),
        ])
    func needed(method: String, path: String, scope: TokenScope) {
        #expect(TokenScope.needed(method: method, path: path) == scope)
    }

    @Test(
        "lists parse in any case and order, and name what is wrong",
        arguments: [
            ("read", Set<TokenScope>([.read]), nil), ("Write, read", [.read, .write], nil),
            ("read,import,admin,write", Set(TokenScope.allCases), nil),
            ("read,everything", [], TokenScopeError.unknown("everything")), (" , ", [], .empty),
        ] as [(String, Set<TokenScope>, TokenScopeError?)])
    func parse(text: String, scopes: Set<TokenScope>, error: TokenScopeError?) throws {
        if let error {
            #expect(throws: error) { try TokenScope.parse(text) }
        } else {
            #expect(try TokenScope.parse(text) == scopes)
            #expect(TokenScope.text(scopes).split(separator: ",").count == scopes.count)
        }
    }
}

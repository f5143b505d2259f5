import Foundation
import SightlineTestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

/// Links with a query are built in one place, and what they carry arrives as written.
@Suite("Page links")
struct PageLinkTests {
    @Test(
        "names and values are percent-encoded; empty items are left out",
        arguments: [
            ("/claims", [("figure", "openBalances"), ("bucket", "121+")], "", "/claims?figure=openBalances&bucket=121%2B"),
            ("/claims", [("payer", "Blue Cross & Blue Shield")], "", "/claims?payer=Blue%20Cross%20%26%20Blue%20Shield"),
            ("/claims", [("reason", "CO-16"), ("page", nil)], "from=2026-01-01", "/claims?reason=CO-16&from=2026-01-01"),
            ("/dashboard", [], "", "/dashboard"),
            ("/x", [("q", "a=b/c?d#e")], "", "/x?q=a%3Db%2Fc%3Fd%23e"),
            ("/x", [("q", "é")], "", "/x?q=%C3%A9"),
        ] as [(String, [(String, String?)], String, String)])
    func build(path: String, items: [(String, String?)], query: String, link: String) {
        #expect(PageLink.to(path, items.map { ($0.0, $0.1) }, query: query) == link)
    }

    @Test(
        "a received query reads back as a form reads it, and builds the same link again",
        arguments: [
            "figure=openBalances&bucket=121%2B", "payer=Blue%20Cross&reason=CO-16", "q=a%3Db",
        ])
    func roundTrip(query: String) {
        let items = PageLink.items(ofQuery: query)
        #expect(PageLink.query(items.map { ($0.name, $0.value) }) == query)
    }

    @Test("a raw + in a received query is a space, as browsers send it")
    func plusIsSpace() {
        #expect(PageLink.items(ofQuery: "q=two+words&bucket=121+").map(\.value) == ["two words", "121 "])
    }
}

@Suite("The 121+ aging bucket", .webApp)
struct AgingBucketLinkTests {
    @Test("the claims behind the 121+ bucket open whether the + came encoded or not", arguments: ["121%2B", "121+"])
    func opens(bucket: String) async throws {
        let (headers, _) = try await signedInPracticeAdmin()
        try await TestDatabase.app.testing().test(
            .GET, "/api/v1/claims?figure=openBalances&from=2026-01-01&to=2026-01-31&bucket=\(bucket)", headers: headers
        ) { response in
            #expect(response.status == .ok, "\(response.body.string)")
        }
    }

    @Test("a bucket that is none of the five is refused, naming them")
    func refused() async throws {
        let (headers, _) = try await signedInPracticeAdmin()
        try await TestDatabase.app.testing().test(
            .GET, "/api/v1/claims?figure=openBalances&from=2026-01-01&to=2026-01-31&bucket=200", headers: headers
        ) { response in
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains("0-30, 31-60, 61-90, 91-120, 121+"))
        }
    }
}

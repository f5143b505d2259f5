import Domain
import Foundation
import Persistence
import SightlineTestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

/// No link leads to an error: the demo workspace, walked from each role's home as a browser
/// would, following every link to depth 3. Fails on any 4xx or 5xx, on any link that is not
/// properly percent-encoded, and on any page whose visible text shows a raw UUID.
@Suite("Every link from every role's home opens", .webApp)
struct LinkWalkTests {
    /// How deep the walk goes from Home (Home is depth 0).
    static let depth = 3
    /// Pages of one shape (the same path with other ids, the same query names) walked per person:
    /// enough to cover each section without opening every claim of the demo.
    static let perShape = 3
    /// Requests per person at most.
    static let perPerson = 400

    @Test("every role of the demo follows every link from Home to depth 3 without an error, an unencoded link or a raw UUID")
    func walk() async throws {
        let app = try TestDatabase.app
        try await SightlineServer.seedDemo(app, report: { _ in })
        let people = try await Self.peopleByRole()
        #expect(
            Set(people.map(\.role)).isSuperset(of: [
                .practiceAdmin, .practiceManager, .practiceStaff, .complianceAuditor, .vendorLead, .vendorAgent,
            ]))
        var failures: [String] = []
        for person in people {
            let (pages, problems) = try await Self.walk(as: person)
            failures += problems
            // Every role has sections to open beyond Home: a walk that stops at Home has walked nothing.
            #expect(pages >= 8, "\(person.role.rawValue) (\(person.email)) opened only \(pages) pages")
        }
        let report = failures.prefix(80).joined(separator: "\n")
        #expect(failures.isEmpty, "\(failures.count) problems:\n\(report)")
    }

    struct Person: Sendable {
        let email: String
        let role: Role
        let organization: String
    }

    /// One active person per role and organisation, each given the tests' password.
    static func peopleByRole() async throws -> [Person] {
        let db = try TestDatabase.app.db
        let hash = try BcryptHasher.fastForTests.hash("a long enough password")
        var people: [Person] = []
        for organization in try await OrganizationStore(db).all() {
            var seen = Set<Role>()
            for user in try await UserStore(db).list(organizationID: organization.id, activeOnly: true)
            where seen.insert(user.role).inserted {
                try await db.sqlSet("users", "password_hash", to: hash, id: user.id.rawValue)
                people.append(Person(email: user.email.value, role: user.role, organization: organization.name))
            }
        }
        return people
    }

    /// Walks from `/home` as `person`; returns how many pages it opened and the problems found, one line each.
    static func walk(as person: Person) async throws -> (pages: Int, problems: [String]) {
        let app = try TestDatabase.app
        let session = try await signInBrowser(person.email)
        var headers = session.cookie
        headers.replaceOrAdd(name: .accept, value: "text/html,application/xhtml+xml")
        var queue: [(url: String, referrer: String, depth: Int)] = [("/home", "(sign-in)", 0)]
        var seen: Set<String> = ["/home"]
        var shapes: [String: Int] = [:]
        var failures: [String] = []
        var requests = 0
        let who = "\(person.role.rawValue) (\(person.email))"
        while !queue.isEmpty, requests < perPerson {
            let (url, referrer, depth) = queue.removeFirst()
            requests += 1
            var status: HTTPResponseStatus = .ok
            var body = ""
            var location: String?
            var isHTML = false
            var pageHeaders = headers
            if referrer.hasPrefix("/") { pageHeaders.replaceOrAdd(name: .referer, value: "http://localhost\(referrer)") }
            try await app.testing().test(.GET, url, headers: pageHeaders) { response in
                status = response.status
                location = response.headers.first(name: .location)
                isHTML = response.headers.contentType?.subType == "html"
                body = isHTML ? response.body.string : ""
            }
            if status.code >= 400 {
                failures.append(
                    "\(who): \(status.code) on \(url) (linked from \(referrer))" + (isHTML ? ": " + Self.visibleText(body).prefix(160) : "")
                )
                continue
            }
            var found: [String] = []
            if (300..<400).contains(status.code), let location {
                if location.hasPrefix("/sign-in") {
                    failures.append("\(who): \(url) (linked from \(referrer)) sent a signed-in person to sign in again")
                    continue
                }
                found = [location]
            }
            if isHTML {
                if let uuid = Self.firstUUID(inVisibleTextOf: body) {
                    failures.append("\(who): \(url) (linked from \(referrer)) shows a raw id \(uuid)")
                }
                found += Self.links(in: body) + Self.getForms(in: body, page: url)
            }
            guard depth < Self.depth || (300..<400).contains(status.code) else { continue }
            for raw in found {
                if let problem = Self.encodingProblem(raw) {
                    failures.append("\(who): \(url) links to \(raw), \(problem)")
                    continue
                }
                guard let target = Self.sameOrigin(raw, from: url), !seen.contains(target), !Self.skipped(target) else { continue }
                seen.insert(target)
                let shape = Self.shape(of: target)
                guard shapes[shape, default: 0] < perShape else { continue }
                shapes[shape, default: 0] += 1
                queue.append((target, url, (300..<400).contains(status.code) ? depth : depth + 1))
            }
        }
        return (requests, failures)
    }

    /// Links the walk does not follow: signing out, and the sign-in steps (the walker is signed in).
    static func skipped(_ path: String) -> Bool {
        ["/sign-out", "/sign-in"].contains { path == $0 || path.hasPrefix($0 + "?") || path.hasPrefix($0 + "/") }
    }

    /// `href`s of links and `src`/`href` of stylesheets, images and scripts, with `&amp;` and
    /// the other entities undone as a browser does.
    static func links(in html: String) -> [String] {
        let pattern = #/<(?:a|link|img|script)\b[^>]*?\b(?:href|src)="([^"]*)"/#
        return html.matches(of: pattern).map { unescape(String($0.output.1)) }
    }

    /// Each GET form (a filter, a period) submitted as it stands: its fields with the values the
    /// page filled in, the selected option of each list, checked boxes only; encoded as a browser does.
    static func getForms(in html: String, page: String) -> [String] {
        html.matches(of: #/<form\b([^>]*)>(.*?)</form>/#.dotMatchesNewlines().ignoresCase()).compactMap { form in
            let attributes = String(form.output.1), inner = String(form.output.2)
            guard attributes.lowercased().contains("method=\"get\"") else { return nil }
            let action =
                attributes.firstMatch(of: #/action="([^"]*)"/#).map { unescape(String($0.output.1)) }
                ?? String(page.split(separator: "?").first ?? "")
            var fields: [(String, String)] = []
            for input in inner.matches(of: #/<input\b([^>]*)>/#) {
                let tag = String(input.output.1)
                guard let name = attribute("name", in: tag) else { continue }
                let type = attribute("type", in: tag)?.lowercased() ?? "text"
                if ["submit", "button", "file"].contains(type) || (["checkbox", "radio"].contains(type) && !tag.contains("checked")) {
                    continue
                }
                fields.append((name, attribute("value", in: tag) ?? (["checkbox", "radio"].contains(type) ? "on" : "")))
            }
            for select in inner.matches(of: #/<select\b([^>]*)>(.*?)</select>/#.dotMatchesNewlines()) {
                guard let name = attribute("name", in: String(select.output.1)) else { continue }
                // An option without a value sends its text, as a browser does.
                let options = String(select.output.2).matches(of: #/<option\b([^>]*)>([^<]*)/#).map {
                    (String($0.output.1), String($0.output.2))
                }
                let chosen = options.first { $0.0.contains("selected") } ?? options.first
                fields.append(
                    (name, chosen.map { attribute("value", in: $0.0) ?? unescape($0.1).trimmingCharacters(in: .whitespaces) } ?? ""))
            }
            let target = action.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? action
            let formAllowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._*")
            let query = fields.map { name, value in
                func encode(_ text: String) -> String {
                    (text.addingPercentEncoding(withAllowedCharacters: formAllowed.union(.init(charactersIn: " "))) ?? "")
                        .replacingOccurrences(of: " ", with: "+")
                }
                return encode(name) + "=" + encode(value)
            }.joined(separator: "&")
            // A browser writes spaces as +; the walk sends the form as %20 so its own encoding check holds.
            return target + (query.isEmpty ? "" : "?" + query.replacingOccurrences(of: "+", with: "%20"))
        }
    }

    static func attribute(_ name: String, in tag: String) -> String? {
        guard let pattern = try? Regex("\\b\(name)=\"([^\"]*)\"", as: (Substring, Substring).self), let match = tag.firstMatch(of: pattern)
        else { return nil }
        return unescape(String(match.output.1))
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(
            of: "&lt;", with: "<"
        )
        .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&#43;", with: "+").replacingOccurrences(
            of: "&amp;", with: "&")
    }

    /// Why a link is not properly encoded, or `nil`: only the characters a URL may carry, `%`
    /// always followed by two hex digits, and no raw `+` in a query (a browser reads it as a space).
    static func encodingProblem(_ link: String) -> String? {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/?#[]@!$&'()*+,;=%")
        if link.isEmpty { return "an empty link" }
        if let bad = link.unicodeScalars.first(where: { !allowed.contains($0) }) {
            return
                "a character that must be percent-encoded (\(bad == " " ? "a space" : "U+\(String(bad.value, radix: 16, uppercase: true))"))"
        }
        let bytes = Array(link.utf8)
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "%") {
            let hex = bytes.dropFirst(index + 1).prefix(2)
            if hex.count < 2 || !hex.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 70) || ($0 >= 97 && $0 <= 102) }) {
                return "a % not followed by two hex digits"
            }
        }
        if let query = link.split(separator: "#", maxSplits: 1).first?.split(separator: "?", maxSplits: 1).dropFirst().first,
            query.contains("+")
        {
            return "a raw + in its query (read as a space; a literal + is %2B)"
        }
        return nil
    }

    /// The path and query of a link to this site, resolved against the page it is on; `nil` for
    /// another site, a fragment on the same page, or a non-HTTP link.
    static func sameOrigin(_ link: String, from page: String) -> String? {
        guard !link.hasPrefix("#"), !link.lowercased().hasPrefix("mailto:"), !link.lowercased().hasPrefix("javascript:"),
            let base = URL(string: "http://localhost" + page), let resolved = URL(string: link, relativeTo: base)?.absoluteURL,
            resolved.host == "localhost", resolved.scheme == "http",
            let components = URLComponents(url: resolved, resolvingAgainstBaseURL: false)
        else { return nil }
        let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        return path + (components.percentEncodedQuery.map { "?\($0)" } ?? "")
    }

    /// A page's shape: its path with ids and numbers replaced, and its query with every run of
    /// digits replaced, so days and ids collapse while choices (a figure, the `121+` bucket) stay apart.
    static func shape(of target: String) -> String {
        let parts = target.split(separator: "?", maxSplits: 1)
        let path = parts[0].split(separator: "/").map { segment in segment.contains(where: \.isNumber) ? ":id" : String(segment) }.joined(
            separator: "/")
        let query = parts.count > 1 ? parts[1].split(separator: "&").map { $0.replacing(#/[0-9]+/#, with: "n") }.sorted() : []
        return path + "?" + query.joined(separator: "&")
    }

    /// What a person reads on a page: the text outside tags, scripts and styles, entities undone.
    static func visibleText(_ html: String) -> String {
        var text = html.replacing(#/<(script|style)\b[^>]*>.*?</\1>/#.dotMatchesNewlines(), with: " ")
        text = text.replacing(#/<[^>]*>/#, with: " ")
        return unescape(text).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    static func firstUUID(inVisibleTextOf html: String) -> String? {
        visibleText(html).firstMatch(of: #/[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}/#).map {
            String($0.output)
        }
    }

    @Test(
        "the walk's own checks catch what they are for",
        arguments: [
            ("/claims?figure=openBalances&bucket=121+", "a raw + in its query (read as a space; a literal + is %2B)"),
            ("/claims?payer=Blue Cross", "a character that must be percent-encoded (a space)"),
            ("/claims?reason=50%", "a % not followed by two hex digits"),
            ("/claims?figure=openBalances&bucket=121%2B", nil),
            ("/sign-in?next=%2Fengagements", nil),
        ] as [(String, String?)])
    func encodingCheck(link: String, problem: String?) {
        #expect(Self.encodingProblem(link) == problem)
    }

    @Test("a GET form is submitted with what the page filled in; a POST form is not")
    func forms() {
        let html =
            #"<form method="get" action="/dashboard" class="row"><input name="from" type="date" value="2026-06-01"><input type="checkbox" name="x">"#
            + #"<input name="q" value="two words &amp; 121+"><select name="by"><option value="month">Month</option><option value="payer" selected>Payer</option></select><select name="n"><option>one</option></select>"#
            + #"<button type="submit">Show</button></form><form method="post" action="/sign-out"><input name="csrf" value="1"></form>"#
        #expect(
            Self.getForms(in: html, page: "/dashboard?from=2026-01-01") == [
                "/dashboard?from=2026-06-01&q=two%20words%20%26%20121%2B&by=payer&n=one"
            ])
    }

    @Test("visible text is checked for raw ids, not attributes")
    func uuidCheck() {
        let id = "0F8FAD5B-D9CB-469F-A165-70867728950E"
        #expect(Self.firstUUID(inVisibleTextOf: "<a href=\"/tickets/\(id)\">RFM-1</a>") == nil)
        #expect(Self.firstUUID(inVisibleTextOf: "<p>Engagement \(id)</p>") == id)
        #expect(Self.firstUUID(inVisibleTextOf: "<script>var x = '\(id)'</script><p>ok</p>") == nil)
    }
}

/// Error pages: a browser gets the app's layout, plain words and the way back; the API gets JSON.
@Suite("Error pages", .webApp)
struct ErrorPageTests {
    @Test("a missing page in a browser is a page of the app, saying what happened and how to get back")
    func missingPage() async throws {
        let app = try TestDatabase.app
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .accept, value: "text/html")
        headers.replaceOrAdd(name: .referer, value: "http://localhost/engagements")
        headers.replaceOrAdd(name: .host, value: "localhost")
        try await app.testing().test(.GET, "/no-such-page", headers: headers) { response in
            #expect(response.status == .notFound)
            #expect(response.headers.contentType?.subType == "html")
            let page = response.body.string
            #expect(page.contains("class=\"skip\"") && page.contains("Outsource the work, keep the control"), "the app's layout")
            #expect(page.contains("Nothing here"))
            #expect(page.contains("href=\"/engagements\"") && page.contains(">Home</a>"))
        }
    }

    @Test(
        "pages the role may not open, and input that cannot be used, answer in the layout and in words",
        arguments: [403, 422, 500] as [UInt])
    func statusWords(code: UInt) {
        let model = ErrorPageModel(
            status: HTTPResponseStatus(statusCode: Int(code)), reason: "internal error", chrome: nil, referer: "http://evil.example/x",
            host: "localhost")
        #expect(!model.heading.isEmpty && !model.explanation.isEmpty)
        #expect(model.reason == nil, "a reason that only repeats the status is not shown")
        #expect(model.backLink == nil, "another site is never offered as the way back")
        #expect(model.homeLink == "/")
    }

    @Test(
        "a reason never shows an id on the page",
        arguments: [
            ("no engagement with id 5ed622dc-fa97-4fe0-ac49-d5400ad7d2b2", "No such engagement here."),
            ("no review action with id 5ED622DC-FA97-4FE0-AC49-D5400AD7D2B2", "No such review action here."),
            ("ticket 5ed622dc-fa97-4fe0-ac49-d5400ad7d2b2 is closed", "ticket this one is closed"),
            ("the ticket RFM-12 is closed", "the ticket RFM-12 is closed"),
        ] as [(String, String)])
    func reasonWithoutIDs(reason: String, shown: String) {
        let model = ErrorPageModel(status: .notFound, reason: reason, chrome: nil, referer: nil, host: nil)
        #expect(model.reason == shown)
    }

    @Test(
        "the way back is the page the browser came from, on this site only",
        arguments: [
            ("http://localhost/engagements?x=1", "localhost", "/engagements?x=1"),
            ("http://localhost:8080/dashboard", "localhost:8080", "/dashboard"),
            ("http://other.example/dashboard", "localhost", nil),
            ("not a url", "localhost", nil),
        ] as [(String, String, String?)])
    func backLink(referer: String, host: String, back: String?) {
        #expect(ErrorPageModel.sameOrigin(referer, host: host) == back)
    }

    @Test("the API answers errors in JSON")
    func apiJSON() async throws {
        let app = try TestDatabase.app
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .accept, value: "text/html")
        try await app.testing().test(.GET, "/api/v1/no-such-thing", headers: headers) { response in
            #expect(response.status == .notFound || response.status == .unauthorized)
            #expect(response.headers.contentType == .json)
        }
    }
}

import Foundation
import Vapor

/// The page a browser gets when a request fails: in the app's layout, what happened in plain
/// words, the specific reason when there is one worth reading, and the way back.
struct ErrorPageModel: Encodable, Equatable {
    let chrome: PageChrome?
    let status: Int
    let heading: String
    let explanation: String
    /// The error's own sentence, when it says more than the heading does.
    let reason: String?
    /// Where "Home" goes: the signed-in home, or the front page.
    let homeLink: String
    /// The page the browser came from, when it is one of ours.
    let backLink: String?

    init(status: HTTPResponseStatus, reason: String, chrome: PageChrome?, referer: String?, host: String?) {
        self.chrome = chrome
        self.status = Int(status.code)
        (heading, explanation) = Self.words(for: status)
        let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        let generic = ["", "internal error", status.reasonPhrase.lowercased()]
        self.reason = generic.contains(trimmed.lowercased()) ? nil : Self.withoutIDs(trimmed)
        homeLink = chrome == nil ? "/" : "/home"
        backLink = Self.sameOrigin(referer, host: host)
    }

    /// A reason as people read it: ids are for the API and logs, never shown on a page
    /// ("no engagement with id 5ed6…" reads "No such engagement here.").
    static func withoutIDs(_ reason: String) -> String {
        let uuid = #/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/#
        guard reason.contains(uuid) else { return reason }
        if let match = reason.wholeMatch(of: #/no (?<kind>[a-z ]+?) with id [0-9a-fA-F-]{36}/#) {
            return "No such \(match.kind) here."
        }
        return reason.replacing(uuid, with: "this one")
    }

    /// A heading and a sentence for each status a page can answer.
    static func words(for status: HTTPResponseStatus) -> (String, String) {
        switch status.code {
        case 400: ("The request could not be read", "Sightline did not understand what the browser sent. Go back and try again.")
        case 401: ("Please sign in", "This page is only for people signed in to Sightline.")
        case 403:
            (
                "This is not open to you",
                "Your role does not allow this page or action. If you need it, ask your organisation's administrator."
            )
        case 404:
            ("Nothing here", "There is no page at this address, or it belongs to another organisation. The link may be old or mistyped.")
        case 405: ("That cannot be done here", "This address does not accept that kind of request.")
        case 409: ("That could not be done now", "Something changed in the meantime, so the action was not carried out.")
        case 413: ("That is too large", "The file or form is larger than Sightline accepts.")
        case 415: ("That kind of file is not accepted", "Sightline could not take the file in the form it was sent.")
        case 422: ("Something needs correcting", "Part of what was asked for cannot be used as it is. Nothing was changed.")
        case 429: ("Too many attempts", "Wait a little, then try again.")
        case 503: ("Sightline is busy", "Other work is holding the database. Wait a few seconds and try again.")
        case 500...599:
            (
                "Something went wrong on our side",
                "Nothing you did caused this, and nothing was changed. The problem has been logged; try again in a moment."
            )
        default: ("That did not work", "The request could not be completed.")
        }
    }

    /// The path and query of `referer` when it is a page of this site (same host), else `nil`.
    static func sameOrigin(_ referer: String?, host: String?) -> String? {
        guard let referer, let host, let url = URLComponents(string: referer), let refererHost = url.host else { return nil }
        let port = url.port.map { ":\($0)" } ?? ""
        guard (refererHost + port).lowercased() == host.lowercased() || refererHost.lowercased() == host.lowercased() else { return nil }
        let path = url.percentEncodedPath.isEmpty ? "/" : url.percentEncodedPath
        let target = path + (url.percentEncodedQuery.map { "?\($0)" } ?? "")
        let safe = SignInPageModel.safeNext(target)
        return safe == "/" && target != "/" ? nil : safe
    }
}

import Foundation

/// The one way pages build links with a query: every name and value is percent-encoded, so a
/// value such as the aging bucket `121+` arrives as `121+` and not as `121 ` (a raw `+` reads as a
/// space in a query), and a payer or reason with spaces or `&` cannot break the link.
enum PageLink {
    /// A query item; `nil` values are left out.
    typealias Item = (name: String, value: (any CustomStringConvertible)?)

    /// `path?name=value&…` (just `path` when no item has a value), with `fragment` after `#`.
    /// - Parameter query: an already-built query (from ``query(_:)``) to add after the items.
    static func to(_ path: String, _ items: [Item] = [], query: String = "", fragment: String? = nil) -> String {
        let built = [Self.query(items), query].filter { !$0.isEmpty }.joined(separator: "&")
        return path + (built.isEmpty ? "" : "?" + built) + (fragment.map { "#" + component($0) } ?? "")
    }

    /// `name=value&…`, each encoded; items without a value left out.
    static func query(_ items: [Item]) -> String {
        items.compactMap { item in item.value.map { "\(component(item.name))=\(component($0.description))" } }.joined(separator: "&")
    }

    /// Characters that stand for themselves in a query value or a path segment (RFC 3986 unreserved).
    private static let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

    /// A query name or value, percent-encoded: everything but the unreserved characters.
    static func component(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    /// One path segment (a claim number, a ticket key), percent-encoded the same way.
    static func segment(_ text: String) -> String { component(text) }

    /// The items of a query as received, decoded as a form reads them (`+` is a space), in order.
    static func items(ofQuery raw: String) -> [(name: String, value: String)] {
        raw.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring?) -> String {
                let spaced = (text.map(String.init) ?? "").replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            return (decode(parts.first), decode(parts.count > 1 ? parts[1] : nil))
        }
    }
}

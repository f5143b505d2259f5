import Vapor

/// Pages that must render even when templates cannot (errors), built without Leaf.
enum HTMLPage {
    /// A minimal, self-contained error page.
    static func errorPage(status: HTTPResponseStatus, reason: String) -> String {
        """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(status.code) · Sightline</title><link rel="stylesheet" href="/assets/sightline.css"></head>
        <body><main id="content"><section class="card">
        <h1>\(escape(ErrorPageModel.words(for: status).0))</h1><p>\(escape(ErrorPageModel.words(for: status).1))</p><p>\(escape(reason))</p>
        <p class="muted">Error \(status.code)</p><p><a href="/">Back to Sightline</a></p>
        </section></main></body></html>
        """
    }

    /// Escapes text for HTML element content and attributes.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}

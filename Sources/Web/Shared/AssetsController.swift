import Foundation
import Vapor

/// `GET /assets/sightline.css` and `/assets/sightline.js`: the one stylesheet and the one
/// (optional) script, read once when the server starts and served with a day's cache.
struct AssetsController: RouteCollection {
    struct Asset: Sendable {
        let body: String
        let type: HTTPMediaType
    }

    let assets: [String: Asset]

    /// The stylesheet and script shipped with the `Web` module.
    static func load() throws -> AssetsController {
        guard let folder = Bundle.module.url(forResource: "Assets", withExtension: nil) else {
            throw Abort(.internalServerError, reason: "the Web module's assets (Assets) are missing")
        }
        var assets: [String: Asset] = [:]
        for (name, type) in [
            ("sightline.css", HTTPMediaType(type: "text", subType: "css", parameters: ["charset": "utf-8"])),
            ("sightline.js", HTTPMediaType(type: "text", subType: "javascript", parameters: ["charset": "utf-8"])),
        ] {
            assets[name] = Asset(body: try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8), type: type)
        }
        return AssetsController(assets: assets)
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("assets", ":name") { request in
            guard let asset = assets[request.parameters.get("name") ?? ""] else { throw Abort(.notFound) }
            var headers = HTTPHeaders()
            headers.contentType = asset.type
            headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=86400")
            return Response(status: .ok, headers: headers, body: .init(string: asset.body))
        }
    }
}

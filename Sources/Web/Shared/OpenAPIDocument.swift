import Foundation
import Vapor

/// The OpenAPI 3.1 description of `/api/v1`: `Resources/openapi.json`, shipped with the `Web`
/// module and served byte for byte. Tests check it against every registered route and its
/// version against ``Domain/SightlineVersion``; CI validates it against the OpenAPI 3.1 schema
/// and fuzzes a demo server with it (`.ci/api-fuzz.sh`).
enum OpenAPIDocument {
    /// Where the document is at run time.
    static func url() throws -> URL {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json") else {
            throw Abort(.internalServerError, reason: "the Web module's OpenAPI document (openapi.json) is missing")
        }
        return url
    }

    /// The document's bytes, read once at start-up.
    static func load() throws -> ByteBuffer {
        ByteBuffer(data: try Data(contentsOf: try url()))
    }
}

import Vapor

/// `GET /api/v1/openapi.json`: the API's description, readable without a token.
struct OpenAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("openapi.json", use: document)
    }

    func document(_ request: Request) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(buffer: request.sightline.openAPIDocument))
    }
}

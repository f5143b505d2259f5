import Domain
import Vapor

/// `GET /api/v1/me`: who the token belongs to.
struct MeController: RouteCollection {
    struct UserDTO: Content, Equatable {
        let id: String
        let email: String
    }

    struct OrganizationDTO: Content, Equatable {
        let id: String
        let name: String
        let kind: String
    }

    struct MeDTO: Content, Equatable {
        let user: UserDTO
        let organization: OrganizationDTO
        let role: String
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("me", use: me)
    }

    func me(_ request: Request) async throws -> MeDTO {
        let caller = try request.caller
        return MeDTO(
            user: UserDTO(id: caller.user.id.description, email: caller.user.email.value),
            organization: OrganizationDTO(
                id: caller.organization.id.description, name: caller.organization.name,
                kind: caller.organization.kind.rawValue),
            role: caller.user.role.rawValue)
    }
}

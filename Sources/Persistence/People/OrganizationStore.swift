import Domain
import FluentKit
import Foundation

/// Reads and writes organisations.
public struct OrganizationStore: Sendable {
    let database: any Database

    /// A store over `database` (a connection or an open transaction).
    public init(_ database: any Database) { self.database = database }

    /// Stores a validated organisation.
    @discardableResult
    public func create(_ organization: Organization) async throws -> Organization {
        let row = OrganizationModel(organization)
        if organization.kind == .practice { row.ticketPrefix = try await freeTicketPrefix(for: organization.name) }
        try await row.create(on: database)
        return organization
    }

    /// Every organisation, practices first, then by name.
    public func all() async throws -> [Organization] {
        try await OrganizationModel.query(on: database).sort(\.$kind).sort(\.$name).all().map { try $0.domain() }
    }

    /// The organisation with `id`, or `nil`.
    public func find(_ id: Organization.ID) async throws -> Organization? {
        try await OrganizationModel.find(id.rawValue, on: database)?.domain()
    }

    /// The practices, by name.
    public func practices() async throws -> [Organization] {
        try await OrganizationModel.query(on: database).filter(\.$kind == Organization.Kind.practice.rawValue)
            .sort(\.$name).all().map { try $0.domain() }
    }

    /// Whether any organisation exists yet (first-run check).
    public func isEmpty() async throws -> Bool {
        try await OrganizationModel.query(on: database).count() == 0
    }

    /// Resolves the practice a command acts on: the one named, or the only one there is.
    /// Returns `nil` when there is no practice at all, so the caller can create one.
    public func resolvePractice(_ requested: Organization.ID?) async throws -> Organization? {
        if let requested {
            guard let found = try await find(requested), found.kind == .practice else {
                throw StoreError.organizationNotFound(requested.description)
            }
            return found
        }
        let practices = try await practices()
        guard practices.count <= 1 else {
            throw StoreError.practiceRequired(choices: practices.map { "\($0.id) \($0.name)" })
        }
        return practices.first
    }
}

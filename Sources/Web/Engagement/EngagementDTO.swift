import Domain
import FluentKit
import Foundation
import Persistence
import Vapor

/// JSON bodies of the engagement routes: sorted keys and ISO 8601 instants, like every other answer.
enum JSONBody {
    static func response(_ value: some Encodable, status: HTTPResponseStatus = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: status, headers: headers, body: .init(data: try encoder.encode(value)))
    }

    /// A download: `content` as `contentType`, saved as `filename`, never rendered in Sightline's origin.
    static func download(_ content: ByteBuffer, contentType: HTTPMediaType, filename: String) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = contentType
        headers.replaceOrAdd(name: .contentDisposition, value: contentDisposition(filename: filename))
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        return Response(status: .ok, headers: headers, body: .init(buffer: content))
    }

    /// `attachment` with the name in both RFC 6266 forms: a plain ASCII `filename` (anything else,
    /// quotes, backslashes and controls become `_`) for old clients, and `filename*` with the UTF-8
    /// name percent-encoded. Whatever a stored name holds, the header stays one line.
    static func contentDisposition(filename: String) -> String {
        let fallback = String(
            String.UnicodeScalarView(
                filename.unicodeScalars.map { scalar in
                    (0x20..<0x7F).contains(scalar.value) && scalar != "\"" && scalar != "\\" && scalar != "%" ? scalar : "_"
                }))
        var attributeCharacters = CharacterSet.alphanumerics.intersection(
            CharacterSet(charactersIn: Unicode.Scalar(0x21)...Unicode.Scalar(0x7E)))
        attributeCharacters.insert(charactersIn: "!#$&+-.^_`|~")
        let encoded = filename.addingPercentEncoding(withAllowedCharacters: attributeCharacters) ?? fallback
        return "attachment; filename=\"\(fallback)\"; filename*=UTF-8''\(encoded)"
    }

    /// `type/subtype` as a media type (binary when it is not one).
    static func mediaType(_ text: String) -> HTTPMediaType {
        let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
        return parts.count == 2 ? HTTPMediaType(type: parts[0], subType: parts[1]) : .binary
    }

    /// A CSV download.
    static func csv(_ text: String, filename: String) -> Response {
        download(
            ByteBuffer(string: text), contentType: HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"]),
            filename: filename)
    }

    /// Decodes a JSON body; a body that does not fit names the first field that does not.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request) throws -> T {
        guard let buffer = request.body.data else { throw APIError.invalidInput(field: "body", reason: "is empty") }
        let data = Data(buffer: buffer)
        try InputGate.checkJSON(data)
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw APIError.invalidInput(field: Self.field(of: error), reason: Self.reason(of: error))
        }
    }

    private static func context(_ error: DecodingError) -> DecodingError.Context? {
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context), .dataCorrupted(let context):
            context
        @unknown default: nil
        }
    }

    static func field(of error: DecodingError) -> String {
        var path = context(error)?.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue } ?? []
        if case .keyNotFound(let key, _) = error { path.append(key.stringValue) }
        return path.isEmpty ? "body" : path.joined(separator: ".")
    }

    static func reason(of error: DecodingError) -> String {
        switch error {
        case .keyNotFound: "is required"
        case .typeMismatch, .valueNotFound: "has the wrong type"
        case .dataCorrupted(let context): context.codingPath.isEmpty ? "is not JSON" : context.debugDescription
        @unknown default: "is not valid"
        }
    }
}

/// An organisation as other parties see it.
struct PartyDTO: Encodable {
    let id: String
    let name: String
}

/// A contract version without its contract.
struct VersionSummaryDTO: Encodable {
    let number: Int
    let status: String
    let effectiveFrom: String?
    let acceptedBy: [String]
    let changeRequest: String?
    let createdAt: Date

    init(_ version: ContractVersion) {
        number = version.number
        status = version.status.rawValue
        effectiveFrom = version.effectiveFrom?.description
        acceptedBy = version.acceptances.map(\.party.rawValue)
        changeRequest = version.changeRequest?.description
        createdAt = version.createdAt
    }
}

/// A contract version with its contract, and the grid's gaps.
struct ContractVersionDTO: Encodable {
    let version: VersionSummaryDTO
    let contract: Contract
    let gridGaps: [GridGapDTO]

    init(_ version: ContractVersion) {
        self.version = VersionSummaryDTO(version)
        contract = version.contract
        gridGaps = version.contract.grid.gaps.map(GridGapDTO.init)
    }
}

struct GridGapDTO: Encodable {
    let task: String
    let kind: String
    let message: String

    init(_ gap: GridGap) {
        task = gap.task
        kind = gap.kind.rawValue
        message = gap.message
    }
}

struct DiffDTO: Encodable {
    let from: Int
    let to: Int
    let changes: [ContractDiff.Change]
}

struct ContactsDTO: Encodable {
    let contacts: [PointOfContact]
    let problems: [String]
}

/// An engagement with its parties and contract state; `detailed` adds gaps and warnings.
struct EngagementDTO: Encodable {
    let id: String
    let practice: PartyDTO
    let vendor: PartyDTO
    let status: String
    let template: String
    let createdAt: Date
    let contractInForce: VersionSummaryDTO?
    let draft: VersionSummaryDTO?
    let gridGaps: [GridGapDTO]?
    let fragmentation: [FragmentationDTO]?
    let contactProblems: [String]?

    struct FragmentationDTO: Encodable {
        let kind: String
        let workflow: String
        let message: String
        let firstTask: String
        let firstEngagement: String
        let secondTask: String
        let secondEngagement: String
    }

    static func make(_ engagement: Engagement, now: Date, on database: any Database, detailed: Bool = false) async throws -> EngagementDTO {
        let organizations = OrganizationStore(database)
        let store = EngagementStore(database)
        let versions = try await store.versions(of: engagement.id)
        let practice = try await organizations.find(engagement.practiceID)
        let vendor = try await organizations.find(engagement.vendorID)
        let today = CalendarDate.on(now, in: practice?.timeZone ?? "UTC")
        let inForce = today.flatMap { ContractVersion.inForce(on: $0, among: versions) }
        let draft = versions.last.flatMap { $0.status == .draft ? $0 : nil }
        var fragmentation: [FragmentationDTO]?
        var contactProblems: [String]?
        if detailed {
            fragmentation = try await store.fragmentation(practice: engagement.practiceID)
                .filter { [$0.firstEngagement, $0.secondEngagement].contains(engagement.id) }
                .map {
                    FragmentationDTO(
                        kind: $0.kind.rawValue, workflow: $0.workflow, message: $0.message, firstTask: $0.firstTask,
                        firstEngagement: $0.firstEngagement.description, secondTask: $0.secondTask,
                        secondEngagement: $0.secondEngagement.description)
                }
            contactProblems = ContactDirectory.primaryProblems(try await ContactStore(database).contacts(of: engagement.id)).map(\.message)
        }
        return EngagementDTO(
            id: engagement.id.description, practice: PartyDTO(id: engagement.practiceID.description, name: practice?.name ?? ""),
            vendor: PartyDTO(id: engagement.vendorID.description, name: vendor?.name ?? ""), status: engagement.status.rawValue,
            template: engagement.template, createdAt: engagement.createdAt, contractInForce: inForce.map(VersionSummaryDTO.init),
            draft: draft.map(VersionSummaryDTO.init),
            gridGaps: detailed ? (inForce ?? versions.last)?.contract.grid.gaps.map(GridGapDTO.init) ?? [] : nil,
            fragmentation: fragmentation, contactProblems: contactProblems)
    }
}

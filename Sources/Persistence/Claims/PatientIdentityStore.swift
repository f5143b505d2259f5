import Domain
import FluentKit
import Foundation
import SQLKit

/// The people a claim is for, as the billing files name them: read from `patient_identities`,
/// opened with the process's data keys. Only the roles that work with patients see them.
public struct PatientIdentityStore: Sendable {

    let database: any Database

    public init(_ database: any Database) { self.database = database }

    /// The distinct people the practice's files name for `claim`, newest file first.
    public func identities(claim: String, practiceID: UUID) async throws -> [PatientIdentity] {
        guard let sql = database as? any SQLDatabase else { return [] }
        let keys = try DataProtection.ring
        let rows = try await sql.select().columns("last_name", "first_name", "member_id", "birth_date", "address")
            .from("patient_identities").where("practice_id", .equal, SQLBind(practiceID)).where(
                "patient_control_number", .equal, SQLBind(claim)
            )
            .orderBy("id", .descending).limit(50).all()
        var seen: [PatientIdentity] = []
        for row in rows {
            func open(_ column: String) throws -> String {
                try keys.open(try row.decode(column: column, as: String?.self) ?? "", context: "patient_identities.\(column)")
            }
            let birth = try open("birth_date")
            let identity = PatientIdentity(
                patientControlNumber: claim, lastName: try open("last_name"), firstName: try open("first_name"),
                memberID: try open("member_id"), birthDate: CalendarDate(birth), address: try open("address"))
            if !seen.contains(identity) { seen.append(identity) }
        }
        return seen
    }
}

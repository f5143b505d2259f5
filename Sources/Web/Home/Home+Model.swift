/// What the landing page shows once the workspace exists.
struct HomePageModel: Encodable, Equatable {
    let organizationCount: Int
    let userCount: Int
    let databaseEngine: String
    let version: String
    let host: String
}

import Persistence
import Testing

@Suite("Choosing the database")
struct DatabaseTargetTests {
    @Test("with no settings, the embedded SQLite file in the working directory")
    func defaults() throws {
        #expect(try DatabaseTarget.resolve(databaseURL: nil, sqlitePath: nil) == .sqliteFile(path: "sightline.sqlite"))
        #expect(try DatabaseTarget.resolve(databaseURL: "", sqlitePath: "") == .sqliteFile(path: "sightline.sqlite"))
        #expect(
            try DatabaseTarget.resolve(databaseURL: nil, sqlitePath: "/var/lib/sightline/data.sqlite")
                == .sqliteFile(path: "/var/lib/sightline/data.sqlite"))
    }

    @Test(
        "a PostgreSQL URL wins over the SQLite path",
        arguments: [
            "postgres://sightline:secret@db.internal:5432/sightline",
            "postgresql://sightline@127.0.0.1/sightline?sslmode=require",
            "postgres://u:p%40ss@localhost:6543/practice_data",
        ])
    func postgres(url: String) throws {
        let target = try DatabaseTarget.resolve(databaseURL: url, sqlitePath: "ignored.sqlite")
        #expect(target == .postgres(url: url))
        #expect(target.engineName == "postgres")
    }

    @Test(
        "malformed URLs are refused with a sentence naming the part that is wrong",
        arguments: [
            ("mysql://u:p@host/db", "scheme 'mysql'"),
            ("postgres://u:p@host:99999/db", "port"),
            ("postgres://u:p@host/", "names no database"),
            ("postgres:///db", "no host"),
            ("postgres://host/db", "names no user"),
            ("not a url at all", "not a valid URL"),
        ])
    func malformed(url: String, mentions: String) {
        do {
            _ = try DatabaseTarget.resolve(databaseURL: url, sqlitePath: nil)
            Issue.record("\(url) was accepted")
        } catch {
            #expect(error.description.contains(mentions))
            #expect(!error.description.contains("p@"))
        }
    }

    @Test("a printed location never shows the password")
    func redaction() {
        let target = DatabaseTarget.postgres(url: "postgres://sightline:hunter2secret@db:5432/sightline")
        #expect(!target.redactedLocation.contains("hunter2secret"))
        #expect(target.redactedLocation.contains("db:5432/sightline"))
    }
}

import Persistence
import SightlineTestSupport
import Testing

@Suite("Code descriptions", .database)
struct CodeDescriptionsTests {
    @Test(
        "the shapes of CARC and RARC codes",
        arguments: [
            (CodeSet.carc, "45", true), (.carc, "1", true), (.carc, "253", true), (.carc, "B7", true), (.carc, "P12", true),
            (.carc, "2534", false), (.carc, "45A", false), (.carc, "", false), (.carc, "co45", false),
            (.rarc, "N130", true), (.rarc, "M15", true), (.rarc, "MA130", true), (.rarc, "N", false), (.rarc, "X12", false),
            (.rarc, "45", false),
        ])
    func shapes(set: CodeSet, code: String, accepted: Bool) {
        #expect(set.accepts(code) == accepted)
    }

    @Test("loading again replaces a description; the store answers by set")
    func reload() async throws {
        let db = try TestDatabase.app.db
        let codes = CodeDescriptions(db)
        _ = try await codes.load(Array("set,code,description\nCARC,45,first\nRARC,N130,remark\n".utf8))
        _ = try await codes.load(Array("set,code,description\ncarc,45,second\n".utf8))
        #expect(try await codes.descriptions(.carc) == ["45": "second"])
        #expect(try await codes.descriptions(.rarc) == ["N130": "remark"])
        await #expect(throws: CodeFileError.self) { try await codes.load(Array("set,code,description\nCARC,45,third\nCARC,??,x\n".utf8)) }
        // A control character in a description stops the whole file, naming its line.
        let refused = await #expect(throws: CodeFileError.self) {
            try await codes.load(Array("set,code,description\nCARC,45,third\nCARC,16,a\u{0000}b\n".utf8))
        }
        #expect(refused?.description == "line 3: CARC 16: the description contains a control character (U+0000) at character 2")
        #expect(try await codes.descriptions(.carc) == ["45": "second"])
    }
}

import Foundation
import Testing

/// The public corpus's X12 files, when `SIGHTLINE_CORPUS` points at it.
private let corpusFiles: [String] = {
    guard let given = ProcessInfo.processInfo.environment["SIGHTLINE_CORPUS"], !given.isEmpty else { return [] }
    // Absolute: the command runs in its own working folder.
    let root = URL(fileURLWithPath: given).standardizedFileURL.path
    guard let walker = FileManager.default.enumerator(atPath: root + "/x12") else { return [] }
    return walker.compactMap { $0 as? String }.map { root + "/x12/" + $0 }
        .filter {
            var directory: ObjCBool = false;
            return FileManager.default.fileExists(atPath: $0, isDirectory: &directory) && !directory.boolValue
        }
        .sorted()
}()

@Suite("sightline deidentify", .enabled(if: !corpusFiles.isEmpty, "set SIGHTLINE_CORPUS to ../shared/data"))
struct DeidentifyCommandTests {
    /// People's names and ids, birth dates and patient control numbers in a file, read plainly.
    static func identifiers(in text: String) -> Set<String> {
        var found: Set<String> = []
        for segment in text.split(whereSeparator: { $0 == "~" || $0 == "\n" }).map({ $0.trimmingCharacters(in: .whitespaces) }) {
            let elements = segment.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
            guard let id = elements.first else { continue }
            if id == "NM1", elements.count > 3, ["QC", "IL"].contains(elements[1]) {
                for position in [3, 4, 9] where position < elements.count && elements[position].count >= 4 {
                    found.insert(elements[position])
                }
            }
            if id == "CLM" || id == "CLP", elements.count > 1, elements[1].count >= 6 { found.insert(elements[1]) }
        }
        return found
    }

    @Test(
        "every corpus file's copy reads the same — claims, lines, amounts, statuses, adjustments, balance — with no patient name, member id or account number left"
    )
    func corpus() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let out = cli.folder.appendingPathComponent("deidentified").path
        let run = try await cli.run(["deidentify"] + corpusFiles + ["--out", out, "--shift-days=-100"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("dates moved by -100 days"))
        let copies = corpusFiles.map { out + "/" + URL(fileURLWithPath: $0).lastPathComponent }
        let before = try await cli.run(["inspect", "--json"] + corpusFiles).stdout.split(separator: "\n")
        let after = try await cli.run(["inspect", "--json"] + copies).stdout.split(separator: "\n")
        #expect(before.count == corpusFiles.count && after.count == corpusFiles.count)
        for (original, copy) in zip(before, after) {
            let a = try #require(try JSONSerialization.jsonObject(with: Data(original.utf8)) as? [String: Any])
            let b = try #require(try JSONSerialization.jsonObject(with: Data(copy.utf8)) as? [String: Any])
            for key in [
                "kind", "claims", "serviceLines", "totalCharge", "totalPaid", "totalPatientResponsibility", "statusCounts",
                "adjustmentsByReason", "plbTotal", "balanced",
            ] {
                #expect((a[key] as? NSObject)?.isEqual(b[key]) ?? (b[key] == nil), "\(a["file"] ?? "") \(key)")
            }
        }
        for (original, copy) in zip(corpusFiles, copies) {
            // Where a person's name or id, or an account number, stood in the original, the copy has another.
            let left = Self.identifiers(in: try String(contentsOfFile: original, encoding: .isoLatin1))
                .intersection(Self.identifiers(in: try String(contentsOfFile: copy, encoding: .isoLatin1)))
            #expect(left.isEmpty, "\(copy): \(left.sorted().prefix(5))")
        }
    }

    @Test("the same key gives the same pseudonyms in another run; a file that is not X12 stops the run with nothing written (exit 65)")
    func keyAndRefusal() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let key = cli.folder.appendingPathComponent("key").path
        _ = FileManager.default.createFile(atPath: key, contents: Data((0..<32).map { UInt8($0) }))
        let file = try #require(corpusFiles.first { $0.contains("/837/") })
        let first = cli.folder.appendingPathComponent("one").path, second = cli.folder.appendingPathComponent("two").path
        #expect(try await cli.run(["deidentify", file, "--out", first, "--key", key]).status == 0)
        #expect(try await cli.run(["deidentify", file, "--out", second, "--key", key, "--shift-days=0"]).status == 0)
        let name = URL(fileURLWithPath: file).lastPathComponent
        let one = try String(contentsOfFile: first + "/" + name, encoding: .utf8),
            two = try String(contentsOfFile: second + "/" + name, encoding: .utf8)
        let members = { (text: String) in
            text.split(separator: "\n").filter { $0.hasPrefix("NM1*IL") || $0.hasPrefix("CLM*") }.map(String.init)
        }
        #expect(!members(one).isEmpty && members(one) == members(two))

        let junk = cli.folder.appendingPathComponent("notes.txt").path
        _ = FileManager.default.createFile(atPath: junk, contents: Data("not an interchange".utf8))
        let refused = try await cli.run(["deidentify", file, junk, "--out", cli.folder.appendingPathComponent("three").path])
        #expect(refused.status == 65 && refused.stderr.contains("notes.txt"))
        #expect(!FileManager.default.fileExists(atPath: cli.folder.appendingPathComponent("three").path))
    }
}

import Domain

/// The proposed changes as a person types them in the change-request form, one per line:
/// `PATH = VALUE` sets a value (VALUE is JSON; anything that is not JSON is taken as text) and
/// `remove PATH` removes a list element or optional field.
enum ChangeLines {
    /// Why a line could not be read, with its number.
    struct LineError: Error, Equatable, CustomStringConvertible {
        let line: Int
        let reason: String
        var description: String { "line \(line): \(reason)" }
    }

    static func parse(_ text: String) throws(LineError) -> [ContractEdit] {
        var edits: [ContractEdit] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.lowercased().hasPrefix("remove ") {
                let pathText = String(line.dropFirst("remove ".count)).trimmingCharacters(in: .whitespaces)
                guard let path = ContractPath(pathText) else {
                    throw LineError(line: index + 1, reason: "'\(pathText)' is not a contract path")
                }
                edits.append(.remove(path))
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                throw LineError(line: index + 1, reason: "write 'PATH = VALUE' or 'remove PATH'")
            }
            let pathText = line[..<equals].trimmingCharacters(in: .whitespaces)
            let valueText = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard let path = ContractPath(pathText) else {
                throw LineError(line: index + 1, reason: "'\(pathText)' is not a contract path")
            }
            guard !valueText.isEmpty else { throw LineError(line: index + 1, reason: "the value after '=' is missing") }
            let value = (try? JSONValue.parse(valueText)) ?? .string(valueText)
            edits.append(ContractEdit(op: .set, path: path, value: value))
        }
        return edits
    }

    /// The lines that give `edits` back.
    static func render(_ edits: [ContractEdit]) -> String {
        edits.map { edit in
            switch edit.op {
            case .remove: "remove \(edit.path)"
            case .set: "\(edit.path) = \(edit.value?.description ?? "null")"
            }
        }.joined(separator: "\n")
    }
}

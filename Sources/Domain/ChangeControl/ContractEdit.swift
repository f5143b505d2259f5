/// One change a change request proposes: set a value at a path (adding a list element when its
/// key is new), or remove a list element or optional field.
public struct ContractEdit: Sendable, Equatable, Codable {
    /// What the edit does.
    public enum Operation: String, Sendable, Codable {
        case set, remove
    }

    public var op: Operation
    public var path: ContractPath
    /// The new value for `set`.
    public var value: JSONValue?

    public init(op: Operation, path: ContractPath, value: JSONValue? = nil) {
        self.op = op
        self.path = path
        self.value = value
    }

    /// Sets `path` to `value`.
    public static func set(_ path: ContractPath, to value: some Encodable) throws -> ContractEdit {
        ContractEdit(op: .set, path: path, value: try JSONValue(encoding: value))
    }

    /// Removes the list element or optional field at `path`.
    public static func remove(_ path: ContractPath) -> ContractEdit { ContractEdit(op: .remove, path: path) }
}

/// Why edits could not be applied to a contract.
public enum ContractEditError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The path leads nowhere in the contract.
    case noSuchPath(String)
    /// `set` without a value, or a list element whose `key` differs from the path's.
    case badValue(path: String, reason: String)
    /// The edited contract is not a valid contract.
    case invalidResult([String])
    /// No edits were proposed.
    case empty

    public var description: String {
        switch self {
        case .noSuchPath(let path): "\(path) is not a place in the contract"
        case .badValue(let path, let reason): "\(path): \(reason)"
        case .invalidResult(let problems): "the changed contract would be invalid: \(problems.joined(separator: "; "))"
        case .empty: "a change request must propose at least one change"
        }
    }
}

extension Contract {
    /// The contract with `edits` applied in order; throws when an edit does not fit or the result
    /// is not a valid contract.
    public func applying(_ edits: [ContractEdit]) throws(ContractEditError) -> Contract {
        guard !edits.isEmpty else { throw .empty }
        var document: JSONValue
        do { document = try JSONValue(encoding: self) } catch { throw .invalidResult(["the contract cannot be encoded"]) }
        for edit in edits {
            try document.apply(edit, at: edit.path.steps[...], fullPath: edit.path)
        }
        let result: Contract
        do {
            result = try document.decode(as: Contract.self)
        } catch {
            throw .invalidResult([Self.describe(error)])
        }
        // Decoding drops fields a contract does not have, so a `set` must be found again in the result.
        if let stored = try? JSONValue(encoding: result) {
            for edit in edits where edit.op == .set && stored.value(at: edit.path.steps[...]) == nil {
                throw .noSuchPath(edit.path.description)
            }
        }
        let problems = result.problems
        guard problems.isEmpty else { throw .invalidResult(problems) }
        return result
    }

    private static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "a value has the wrong type" }
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "\(path(context)) has the wrong type"
        case .keyNotFound(let key, let context): return "\(path(context)).\(key.stringValue) is missing".trimmingLeadingDot
        case .dataCorrupted(let context): return "\(path(context)): \(context.debugDescription)"
        @unknown default: return "a value has the wrong type"
        }
    }

    /// Every value of the contract by path, in document order: what diffs compare.
    public func flattened() -> [(path: ContractPath, value: JSONValue)] {
        guard let document = try? JSONValue(encoding: self) else { return [] }
        var leaves: [(ContractPath, JSONValue)] = []
        document.flatten(into: &leaves, at: ContractPath(steps: []))
        return leaves
    }
}

extension String {
    fileprivate var trimmingLeadingDot: String { hasPrefix(".") ? String(dropFirst()) : self }
}

extension JSONValue {
    /// Appends every leaf under `path`: scalars, and lists that are not keyed lists, count as leaves.
    func flatten(into leaves: inout [(ContractPath, JSONValue)], at path: ContractPath) {
        switch self {
        case .object(let fields):
            for name in fields.keys.sorted() where name != "key" || path.steps.isEmpty {
                fields[name].map { $0.flatten(into: &leaves, at: path.appending(.field(name))) }
            }
        case .array(let elements) where isKeyedList:
            for element in elements { element.flatten(into: &leaves, at: path.appending(.element(element.elementKey ?? ""))) }
        default:
            leaves.append((path, self))
        }
    }

    /// The value at a path, or `nil` when there is none.
    func value(at steps: ArraySlice<ContractPath.Step>) -> JSONValue? {
        guard let step = steps.first else { return self }
        switch (step, self) {
        case (.field(let name), .object(let fields)): return fields[name]?.value(at: steps.dropFirst())
        case (.element(let key), .array(let elements)): return elements.first { $0.elementKey == key }?.value(at: steps.dropFirst())
        default: return nil
        }
    }

    mutating func apply(_ edit: ContractEdit, at steps: ArraySlice<ContractPath.Step>, fullPath: ContractPath) throws(ContractEditError) {
        guard let step = steps.first else {
            switch edit.op {
            case .set:
                guard let value = edit.value else { throw .badValue(path: fullPath.description, reason: "set needs a value") }
                self = value
            case .remove:
                self = .null
            }
            return
        }
        let rest = steps.dropFirst()
        switch (step, self) {
        case (.field(let name), .object(var fields)):
            if rest.isEmpty, edit.op == .remove {
                guard fields[name] != nil else { throw .noSuchPath(fullPath.description) }
                fields[name] = nil
            } else {
                // A missing optional field may be set; anything deeper needs the field to exist.
                guard var child = fields[name] ?? (rest.isEmpty ? .null : nil) else { throw .noSuchPath(fullPath.description) }
                try child.apply(edit, at: rest, fullPath: fullPath)
                fields[name] = child
            }
            self = .object(fields)
        case (.element(let key), .array(var elements)):
            let index = elements.firstIndex { $0.elementKey == key }
            if rest.isEmpty {
                switch edit.op {
                case .remove:
                    guard let index else { throw .noSuchPath(fullPath.description) }
                    elements.remove(at: index)
                case .set:
                    guard let value = edit.value, value.elementKey == key else {
                        throw .badValue(path: fullPath.description, reason: "the new element must be an object whose key is '\(key)'")
                    }
                    if let index { elements[index] = value } else { elements.append(value) }
                }
            } else {
                guard let index else { throw .noSuchPath(fullPath.description) }
                if case .field("key") = rest.first {
                    throw .badValue(path: fullPath.description, reason: "an element's key cannot change; remove it and add another")
                }
                try elements[index].apply(edit, at: rest, fullPath: fullPath)
            }
            self = .array(elements)
        default:
            throw .noSuchPath(fullPath.description)
        }
    }
}

extension ContractEditError: CataloguedError {
    public var failureKind: FailureKind {
        .invalid
    }
}

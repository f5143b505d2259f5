/// The differences between two contracts, value by value.
public struct ContractDiff: Sendable, Equatable, Codable {
    /// One value that differs: absent `before` means added, absent `after` means removed.
    public struct Change: Sendable, Equatable, Codable {
        public var path: ContractPath
        public var before: JSONValue?
        public var after: JSONValue?

        public init(path: ContractPath, before: JSONValue?, after: JSONValue?) {
            self.path = path
            self.before = before
            self.after = after
        }
    }

    public var changes: [Change]

    /// The changes that turn `old` into `new`, in the order their values appear in `new`
    /// (removed values after, in the order they appeared in `old`).
    public init(from old: Contract, to new: Contract) {
        let before = old.flattened(), after = new.flattened()
        let beforeByPath = Dictionary(before.map { ($0.path, $0.value) }, uniquingKeysWith: { first, _ in first })
        let afterPaths = Set(after.map(\.path))
        var changes: [Change] = []
        for (path, value) in after where beforeByPath[path] != value {
            changes.append(Change(path: path, before: beforeByPath[path], after: value))
        }
        for (path, value) in before where !afterPaths.contains(path) {
            changes.append(Change(path: path, before: value, after: nil))
        }
        self.changes = changes
    }

    /// Whether the contracts are the same.
    public var isEmpty: Bool { changes.isEmpty }

    /// Whether any change touches data at or under one of `paths`.
    public func touches(_ paths: [ContractPath]) -> Bool {
        changes.contains { change in paths.contains { $0.overlaps(change.path) } }
    }
}

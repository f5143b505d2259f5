/// An address inside a contract: field names joined by `.`, with `[key]` picking an element of a
/// keyed list (`grid.tasks[denial-follow-up].responsible`, `serviceLevels.kpiTargets[days-in-ar].target`).
public struct ContractPath: Sendable, Hashable, Codable, CustomStringConvertible, Comparable {
    /// One step of a path.
    public enum Step: Sendable, Hashable {
        case field(String)
        case element(String)
    }

    public let steps: [Step]

    public init(steps: [Step]) { self.steps = steps }

    /// Parses `a.b[key].c`; `nil` when the text is not a path.
    public init?(_ text: String) {
        var steps: [Step] = []
        var current = ""
        var inKey = false
        for character in text {
            switch character {
            case "[" where !inKey:
                if !current.isEmpty { steps.append(.field(current)) }
                current = ""
                inKey = true
            case "]" where inKey:
                guard !current.isEmpty else { return nil }
                steps.append(.element(current))
                current = ""
                inKey = false
            case "." where !inKey:
                if !current.isEmpty { steps.append(.field(current)) } else if case .element? = steps.last {} else { return nil }
                current = ""
            case "[", "]":
                return nil
            default:
                current.append(character)
            }
        }
        guard !inKey else { return nil }
        if !current.isEmpty { steps.append(.field(current)) }
        guard let first = steps.first, case .field = first else { return nil }
        self.steps = steps
    }

    /// Parses `text`, throwing when it is not a path.
    public static func parse(_ text: String) throws(ContractEditError) -> ContractPath {
        guard let path = ContractPath(text) else { throw .noSuchPath(text) }
        return path
    }

    public var description: String {
        var text = ""
        for step in steps {
            switch step {
            case .field(let name): text += (text.isEmpty ? "" : ".") + name
            case .element(let key): text += "[\(key)]"
            }
        }
        return text
    }

    /// Whether `self` is `other` or lies inside it (or the other way round): the two touch the same data.
    public func overlaps(_ other: ContractPath) -> Bool {
        let common = min(steps.count, other.steps.count)
        return Array(steps.prefix(common)) == Array(other.steps.prefix(common))
    }

    /// The path one step deeper.
    func appending(_ step: Step) -> ContractPath { ContractPath(steps: steps + [step]) }

    public static func < (lhs: ContractPath, rhs: ContractPath) -> Bool { lhs.description < rhs.description }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let path = ContractPath(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not a contract path"))
        }
        self = path
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

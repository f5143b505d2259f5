import Domain

/// What each figure means, in Sightline's words, for the definitions page every tile links to:
/// label and definition both from the one catalogue of figures.
struct FigureDefinition: Encodable, Equatable {
    let key: String
    let label: String
    let definition: String

    static let all: [FigureDefinition] = FigureCatalogue.all.map {
        FigureDefinition(key: $0.key, label: $0.label, definition: $0.definition)
    }

    /// The label of a figure key.
    static func label(_ key: String) -> String { FigureCatalogue.label(key) }
}

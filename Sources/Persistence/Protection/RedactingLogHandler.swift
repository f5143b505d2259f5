import Logging

/// Keeps the values a database query carries out of the logs: at debug level Fluent logs each
/// query with its input and filter values, which can be a patient's name or a ticket's text.
/// Wraps the handler that writes; everything else passes unchanged.
public struct RedactingLogHandler: LogHandler {
    /// Metadata that holds the values of a query.
    public static let valueKeys: Set<String> = ["input", "binds", "filters"]
    public static let mark: Logger.MetadataValue = "(withheld: may hold patient data)"

    private var inner: any LogHandler

    public init(_ inner: any LogHandler) { self.inner = inner }

    /// `metadata` with every query value withheld.
    public static func redact(_ metadata: Logger.Metadata?) -> Logger.Metadata? {
        guard var metadata, metadata.keys.contains(where: valueKeys.contains) else { return metadata }
        for key in valueKeys where metadata[key] != nil { metadata[key] = mark }
        return metadata
    }

    public var logLevel: Logger.Level {
        get { inner.logLevel }
        set { inner.logLevel = newValue }
    }

    public var metadata: Logger.Metadata {
        get { inner.metadata }
        set { inner.metadata = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { inner[metadataKey: key] }
        set { inner[metadataKey: key] = newValue }
    }

    public func log(event: LogEvent) {
        var event = event
        event.metadata = Self.redact(event.metadata)
        inner.log(event: event)
    }
}

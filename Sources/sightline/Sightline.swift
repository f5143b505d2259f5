import ArgumentParser
import Domain

/// The one Sightline executable.
@main
struct Sightline: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sightline",
        abstract: "The workspace a medical practice shares with its billing vendor.",
        discussion: "Settings come from flags and environment variables; see the README or .env.example.",
        version: SightlineVersion.current,
        subcommands: [
            Serve.self, Migrate.self, Import.self, Inspect.self, KPICommand.self, Codes.self, EngagementCommand.self, PeriodCommand.self,
            SLACommand.self, TicketsCommand.self, SynthCommand.self, Org.self, UserCommand.self, Token.self, AuditCommand.self,
            DeidentifyCommand.self, KeysCommand.self, PermissionsCommand.self,
        ]
    )
}

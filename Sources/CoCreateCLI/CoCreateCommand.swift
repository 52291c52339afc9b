import ArgumentParser

/// The `cocreate` command line: design, seat, run, harvest, act and pass on Co-Creative Conversations.
public struct CoCreateCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "cocreate",
        abstract: "Design, seat, run and harvest Co-Creative Conversations.",
        discussion: """
            Start with `cocreate design list` to see the built-in conversation designs, \
            `cocreate serve` to run the app for a room, and `cocreate plan` to seat people.
            """,
        version: "0.1.0",
        subcommands: [
            ServeCommand.self,
            DesignCommand.self,
            ExportCommand.self,
            ImportCommand.self,
            BackupCommand.self,
            BenchCommand.self,
            AppendBurstCommand.self,
        ]
    )

    public init() {}
}

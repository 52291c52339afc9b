import ArgumentParser
import Foundation

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
            PlanCommand.self,
            AnalyzeCommand.self,
            ExportCommand.self,
            ImportCommand.self,
            BackupCommand.self,
            UserCommand.self,
            ReportCommand.self,
            BenchCommand.self,
            LoadTestCommand.self,
            AppendBurstCommand.self,
            ModelCommand.self,
        ]
    )

    public init() {}

    /// Parses the process's arguments and runs the chosen command, exiting with its status.
    ///
    /// Spelled out rather than `main()` because from another module's top-level code Swift picks
    /// the synchronous `main()`, which refuses asynchronous subcommands.
    public static func runFromCommandLine() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            // Messages quote file text (a design's title, a person's name): escape sequences in it must not
            // reach the terminal, where they could clear the screen or retitle the window.
            let message = Terminal.safe(message(for: error))
            let code = exitCode(for: error)
            if !message.isEmpty {
                if code == .success { print(message) } else { printError(message) }
            }
            Foundation.exit(code.rawValue)
        }
    }
}

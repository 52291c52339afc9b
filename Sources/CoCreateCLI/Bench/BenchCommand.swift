import ArgumentParser

/// `cocreate bench ...`: benchmarks that print figures. None of them is a test.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure how fast cocreate is on this machine and print the figures.",
        discussion: "Build with `-c release` before measuring: debug builds are many times slower.",
        subcommands: [
            BenchStoreCommand.self,
            BenchSeatingCommand.self,
            BenchHarvestCommand.self,
            BenchRenderCommand.self,
        ]
    )
}

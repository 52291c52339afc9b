import ArgumentParser
import Foundation
import Harvest

/// `cocreate bench harvest`: how long the vote analysis takes on real and synthetic data.
struct BenchHarvestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "harvest",
        abstract: "Time the harvest analysis on a real Polis export and on a large synthetic consultation.")

    @Option(
        name: .customLong("polis"),
        help: ArgumentHelp("A Polis export folder to time (default: ../shared/data/polis/bg2050-volunteers if present).", valueName: "folder"))
    var polisFolder: String?

    @Option(help: "Voters in the synthetic consultation.")
    var voters = 2_000

    @Option(help: "Statements in the synthetic consultation.")
    var statements = 1_000

    @Option(help: "Votes in the synthetic consultation.")
    var votes = 200_000

    @Option(name: .customLong("scale"), parsing: .upToNextOption, help: "Vote counts for the scaling run (time and peak memory per vote), smallest first.")
    var scalingSizes = [200_000, 1_000_000, 3_000_000]

    @Option(help: "Times each measurement is repeated; the fastest run is printed.")
    var repeats = 3

    func run() throws {
        let clock = ContinuousClock()
        let folder = polisFolder ?? "../shared/data/polis/bg2050-volunteers"
        if FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent("votes.csv")) {
            let source = try AnalyzeSource.loadPolisFolder(folder)
            let readTime = try fastest(clock) { _ = try AnalyzeSource.loadPolisFolder(folder) }
            var analysis: VoteAnalysis?
            let analyseTime = try fastest(clock) { analysis = try VoteAnalysis.analyze(source.voting) }
            let result = analysis!
            print("polis \((folder as NSString).lastPathComponent): \(result.participants.count) voters, \(result.statements.count) statements, \(result.voteCount) votes counted; read+parse \(Self.milliseconds(readTime)) ms, analysis (consensus, repness, opinion groups k=\(result.opinionGroups?.groupNames.count ?? 0)) \(Self.milliseconds(analyseTime)) ms")
        } else {
            print("polis: skipped, no export at \(folder) (give one with --polis)")
        }

        let data = SyntheticData.voting(voters: voters, statements: statements, votes: votes)
        var analysis: VoteAnalysis?
        let time = try fastest(clock) { analysis = try VoteAnalysis.analyze(data) }
        let result = analysis!
        print("synthetic: \(voters) voters x \(statements) statements x \(votes) votes (\(result.voteCount) counted after latest-vote-wins and moderation); analysis \(Self.milliseconds(time)) ms, \(result.opinionGroups?.groupNames.count ?? 0) opinion groups")

        // End to end (generating the votes included) at three sizes, smallest first: the
        // process's peak resident memory only grows, so after each size it is that size's peak.
        // CPU seconds too: on a shared machine the wall clock mostly measures the neighbours.
        print("scaling (voters = votes / 100, \(statements) statements; time, CPU time and peak memory end to end):")
        for size in scalingSizes {
            var found = 0
            let cpuBefore = ProcessUsage.cpuSeconds()
            let time = clock.measure {
                let data = SyntheticData.voting(voters: max(size / 100, 2), statements: statements, votes: size)
                found = (try? VoteAnalysis.analyze(data))?.opinionGroups?.groupNames.count ?? 0
            }
            let cpu = ProcessUsage.cpuSeconds() - cpuBefore
            let peak = ProcessUsage.peakResidentBytes()
            print(String(format: "  %9d votes: %7.2f s (CPU %.2f s), peak %6.0f MB, %5.0f bytes/vote, %d opinion groups",
                         size, Double(time.components.seconds) + Double(time.components.attoseconds) / 1e18, cpu, peak / 1_048_576, peak / Double(size), found))
        }

        var groups: DeclaredGroups = [:]
        for voter in 0..<voters { groups[String(voter)] = ["students", "staff", "parents"][voter % 3] }
        var declaredOptions = VoteAnalysisOptions()
        declaredOptions.findOpinionGroups = false
        let declaredTime = try fastest(clock) { _ = try VoteAnalysis.analyze(data, declaredGroups: groups, options: declaredOptions) }
        print("synthetic with 3 declared groups, no opinion groups: \(Self.milliseconds(declaredTime)) ms")
    }

    private func fastest(_ clock: ContinuousClock, _ body: () throws -> Void) throws -> Duration {
        var best: Duration?
        for _ in 0..<max(repeats, 1) {
            let time = try clock.measure(body)
            if best == nil || time < best! { best = time }
        }
        return best!
    }

    private static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return String(format: "%.1f", Double(seconds) * 1000 + Double(attoseconds) / 1e15)
    }
}

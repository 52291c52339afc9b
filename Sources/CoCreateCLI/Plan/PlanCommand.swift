import ArgumentParser
import Foundation
import Seating

/// `cocreate plan`: seats a room for several rounds so people meet new people across groups.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Seat people at tables for several rounds so they meet as many new people as possible.",
        discussion: """
            PEOPLE.csv needs a header row with a name column; an id column, when present, identifies people \
            everywhere (otherwise names do). Every other column can be used with --mix-by.
            Apart, together and pins always hold; after them the plan minimises repeated meetings, then uneven \
            mixing, then repeated roles. Example:
              cocreate plan people.csv --rounds 4 --table-size 4 --mix-by group --roles host,scribe,timekeeper,reporter
            """)

    @Argument(help: ArgumentHelp("The people file: CSV with a header row and a name column.", valueName: "people.csv"))
    var peopleFile: String

    @Option(help: "How many rounds to plan.")
    var rounds: Int

    @Option(help: "Seats per table. When the room does not divide evenly, tables differ by at most one seat.")
    var tableSize: Int?

    @Option(help: "How many tables (instead of --table-size).")
    var tables: Int?

    @Option(help: ArgumentHelp("Spread each value of this column evenly over the tables. Repeat for more columns.", valueName: "column"))
    var mixBy: [String] = []

    @Option(help: ArgumentHelp("Two people who never share a table, as \"A|B\" (ids, or names when there is no id column).", valueName: "A|B"))
    var apart: [String] = []

    @Option(help: ArgumentHelp("Two or more people who always share a table, as \"A|B\" (an interpreter, a carer).", valueName: "A|B"))
    var together: [String] = []

    @Option(help: ArgumentHelp("Someone who stays at one table every round, as \"A=TABLE\" (access needs).", valueName: "A=TABLE"))
    var pin: [String] = []

    @Flag(help: "World Café: one host per table stays at that table every round; everyone else moves.")
    var hostsStay = false

    @Option(help: ArgumentHelp("Roles to rotate at every table, comma-separated.", valueName: "host,scribe,timekeeper,reporter"))
    var roles: String?

    @Option(help: ArgumentHelp("Someone who misses rounds, as \"A@ROUNDS\", e.g. \"p07@1-2\" or \"p07@1,4\".", valueName: "A@ROUNDS"))
    var absent: [String] = []

    @Option(help: ArgumentHelp("A plan (JSON, as written by this command) whose early rounds are kept.", valueName: "plan.json"))
    var fixed: String?

    @Option(help: "With --fixed: keep rounds before this one exactly and plan the rest again.")
    var fromRound: Int?

    @Option(help: "The random seed. The same seed and input give the same plan.")
    var seed: UInt64 = 1

    @Option(help: "The most time to spend searching, in seconds. The search stops early at a perfect plan.")
    var timeLimit: Double = 2

    @Flag(help: "The output format (JSON by default).")
    var format: PlanFormat = .json

    @Option(help: ArgumentHelp("Write the plan to this file instead of standard output.", valueName: "file"))
    var output: String?

    func validate() throws {
        if (tableSize == nil) == (tables == nil) {
            throw ValidationError("give either --table-size or --tables (exactly one of them)")
        }
        if (fixed == nil) != (fromRound == nil) {
            throw ValidationError("--fixed and --from-round go together: give both or neither")
        }
        guard rounds >= 1 else { throw ValidationError("--rounds must be at least 1 (got \(rounds))") }
        // inf or 1e308 overflowed the engine's deadline arithmetic (SIGILL); NaN compared false everywhere.
        guard timeLimit.isFinite, timeLimit > 0, timeLimit <= 3600 else {
            throw ValidationError("--time-limit must be a number of seconds, more than 0 and at most 3600 (got \(timeLimit))")
        }
    }

    func run() throws {
        do {
            let people = try readPeople()
            let problem = try makeProblem(people)
            let options = SeatingOptions(seed: seed, timeLimit: timeLimit)
            let plan: SeatingPlan
            if let fixed, let fromRound {
                let data: Data
                do { data = try Data(contentsOf: URL(fileURLWithPath: fixed)) } catch {
                    throw PlanCommandError("cannot read \(fixed): \(error.localizedDescription)")
                }
                let previous: SeatingPlan
                do { previous = try PlanEncoding.decodePlan(data) } catch { throw PlanCommandError("\(fixed): \(error.description)") }
                plan = try SeatingEngine.replan(problem, keeping: previous, fromRound: fromRound, options: options)
            } else {
                plan = try SeatingEngine.plan(problem, options: options)
            }
            try write(plan, people: people.people)
        } catch let error as PlanCommandError {
            FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
            throw ExitCode.failure
        } catch let error as SeatingError {
            // The room the engine refused is the one in the people file: name it, as every other message does.
            FileHandle.standardError.write(Data("error: \(peopleFile): \(error.commandLineDescription)\n".utf8))
            throw ExitCode.failure
        }
    }

    private func readPeople() throws -> PeopleList {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: peopleFile)) } catch {
            throw PlanCommandError("cannot read \(peopleFile): \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw PlanCommandError("\(peopleFile) is not UTF-8 text; save it as CSV UTF-8")
        }
        do { return try PeopleList.parse(csv: text) } catch { throw PlanCommandError("\(peopleFile): \(error.description)") }
    }

    func makeProblem(_ people: PeopleList) throws -> SeatingProblem {
        let sizing: TableSizing = tableSize.map { .tableSize($0) } ?? .tables(tables ?? 1)
        return SeatingProblem(
            people: people.people, rounds: rounds, sizing: sizing, mixBy: mixBy,
            apart: try apart.map { try Self.pair($0, option: "--apart") },
            together: try together.map { try Self.pair($0, option: "--together", allowMore: true) },
            pins: try pin.map(Self.pin), hostsStay: hostsStay,
            roles: roles.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } } ?? [],
            absences: try absent.map { try Self.absence($0, rounds: rounds) })
    }

    private func write(_ plan: SeatingPlan, people: [Person]) throws {
        let data: Data
        switch format {
        case .json: data = PlanEncoding.json(plan) + Data("\n".utf8)
        case .csv: data = Data(PlanEncoding.csv(plan, people: people).utf8)
        case .html: data = Data(PlanEncoding.html(plan, people: people).utf8)
        }
        if let output {
            do { try data.write(to: URL(fileURLWithPath: output), options: .atomic) } catch {
                throw PlanCommandError("cannot write \(output): \(error.localizedDescription)")
            }
            let metrics = plan.metrics
            FileHandle.standardError.write(Data(
                "Wrote \(output): \(metrics.repeatPairs) repeated pairs, \(metrics.mixViolations) mix violations, \(metrics.roleRepeats) role repeats.\n".utf8))
        } else if format == .json {
            FileHandle.standardOutput.write(data)
        } else {
            // JSON escapes control characters itself; CSV and HTML carry names from the file as they are.
            FileHandle.standardOutput.write(Data(Terminal.safe(String(decoding: data, as: UTF8.self)).utf8))
        }
    }
}

/// The output formats of `cocreate plan`.
enum PlanFormat: String, EnumerableFlag {
    case json, csv, html

    static func help(for value: PlanFormat) -> ArgumentHelp? {
        switch value {
        case .json: "Write JSON: rounds, tables, members with roles, and metrics (the default)."
        case .csv: "Write CSV: one row per person and round."
        case .html: "Write printable HTML: the plan per round, a badge per person and a card per table."
        }
    }
}

/// A command-line mistake, printed as is.
struct PlanCommandError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

import ArgumentParser
import Foundation
import Seating
import Testing

@testable import CoCreateCLI

@Suite("cocreate plan: options and error messages")
struct PlanCommandTests {
    static func peopleFile(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("plan-\(UUID().uuidString).csv")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func parsesEveryOption() throws {
        let command = try PlanCommand.parse([
            "people.csv", "--rounds", "4", "--table-size", "4", "--mix-by", "group", "--apart", "p1|p2", "--together", "p3|p4|p5",
            "--pin", "p6=2", "--hosts-stay", "--roles", "host, scribe", "--absent", "p7@1-2,4", "--seed", "9", "--time-limit", "0.5", "--csv",
        ])
        #expect(command.format == .csv)
        let problem = try command.makeProblem(PeopleList(people: [], hasIDColumn: true, attributeColumns: []))
        #expect(problem.apart == [["p1", "p2"]])
        #expect(problem.together == [["p3", "p4", "p5"]])
        #expect(problem.pins == [Pin(person: "p6", table: 2)])
        #expect(problem.roles == ["host", "scribe"])
        #expect(problem.absences == [Absence(person: "p7", rounds: [1, 2, 4])])
        #expect(problem.hostsStay)
        #expect(problem.sizing == TableSizing.tableSize(4))
    }

    @Test(arguments: [
        ["people.csv", "--rounds", "4"],
        ["people.csv", "--rounds", "4", "--table-size", "4", "--tables", "3"],
        ["people.csv", "--rounds", "0", "--table-size", "4"],
        ["people.csv", "--rounds", "4", "--table-size", "4", "--fixed", "plan.json"],
    ])
    func inconsistentOptionsAreRefused(arguments: [String]) {
        #expect(throws: (any Error).self) { try PlanCommand.parse(arguments) }
    }

    @Test(arguments: ["p1", "p1|", "|p2"])
    func malformedPairsAreRefused(text: String) {
        #expect(throws: ValidationError.self) { try PlanCommand.pair(text, option: "--apart") }
    }

    @Test func malformedPinsAndAbsencesAreRefused() {
        #expect(throws: ValidationError.self) { try PlanCommand.pin("p1=0") }
        #expect(throws: ValidationError.self) { try PlanCommand.pin("p1") }
        #expect(throws: ValidationError.self) { try PlanCommand.absence("p1@5", rounds: 4) }
        #expect(throws: ValidationError.self) { try PlanCommand.absence("p1", rounds: 4) }
        #expect(throws: ValidationError.self) { try PlanCommand.absence("p1@2-1", rounds: 4) }
        #expect(throws: Never.self) { try PlanCommand.absence("p1@3-", rounds: 4) }
    }

    @Test func badInputExitsNonZero() throws {
        let missingName = try Self.peopleFile("id,group\np1,a\n")
        let duplicate = try Self.peopleFile("id,name\np1,A\np1,B\np2,C\n")
        let good = try Self.peopleFile("id,name\np1,A\np2,B\np3,C\np4,D\n")
        let cases: [[String]] = [
            [missingName, "--rounds", "2", "--table-size", "2"],
            [duplicate, "--rounds", "2", "--table-size", "2"],
            [good, "--rounds", "2", "--table-size", "2", "--apart", "p1|nobody"],
            [good, "--rounds", "2", "--table-size", "9"],
            [good, "--rounds", "2", "--table-size", "2", "--apart", "p1|p2", "--together", "p1|p2"],
            ["/nonexistent/people.csv", "--rounds", "2", "--table-size", "2"],
        ]
        for arguments in cases {
            let command = try PlanCommand.parse(arguments)
            #expect(throws: ExitCode.failure) { try command.run() }
        }
    }

    @Test func theEnginesRefusalsNameTheFlagThatWasTyped() throws {
        let folder = CLIProcess.temporaryFolder()
        try "id,name\np1,A\np2,B\np3,C\np4,D\n".write(to: folder.appendingPathComponent("people.csv"), atomically: true, encoding: .utf8)
        let cases: [([String], String)] = [
            (["--table-size", "9"], "error: people.csv: --table-size 9 is larger than the room: there are only 4 people"),
            (["--table-size", "2", "--apart", "p1|nobody"], "error: people.csv: --apart \"p1|nobody\": unknown person \"nobody\""),
            (["--table-size", "2", "--mix-by", "group"], "error: people.csv: --mix-by group: there is no such column (columns: none)"),
            (["--table-size", "2", "--apart", "p1|p2", "--together", "p1|p2"],
             "  - --apart \"p1|p2\" contradicts --together, which keeps them at one table"),
        ]
        for (options, expected) in cases {
            let output = try CLIProcess.run(["plan", "people.csv", "--rounds", "2"] + options, in: folder)
            #expect(output.status == 1, "\(options): exit \(output.status)")
            #expect(output.stderr.contains(expected), "\(options): \(output.stderr)")
        }
    }

    @Test func everyTypedRefusalIsWordedWithItsFlag() {
        let pin = Pin(person: "p1", table: 0)
        let worded: [(SeatingError, String)] = [
            (.noRounds(0), "--rounds must be at least 1 (got 0)"),
            (.tableSizeTooSmall(1), "--table-size must be at least 2 (got 1)"),
            (.noTables(0), "--tables must be at least 1 (got 0)"),
            (.moreTablesThanPeople(tables: 7, people: 6), "--tables 7 is more tables than people (6)"),
            (.unknownPerson("x", in: .absence(person: "x")), "--absent \"x@...\": unknown person \"x\""),
            (.unknownPerson("x", in: .together(["p1", "x"])), "--together \"p1|x\": unknown person \"x\""),
            (.absentRoundOutOfRange(person: "p1", round: 5, rounds: 4), "--absent \"p1@5\": round 5 is outside 1...4"),
            (.pinTableTooSmall(pin), "--pin \"p1=0\": tables are numbered from 1"),
            (.firstRoundToPlanTooSmall(0), "--from-round must be at least 1 (got 0)"),
            (.nothingLeftToPlan(firstRoundToPlan: 3, rounds: 2), "--from-round 3 leaves nothing to plan: there are only 2 rounds"),
            (.conflictingConstraints([.heldBeyondTables(.host(people: ["p2"], table: 3), round: 2, tables: 2)]),
             "host of table 3: round 2 has only 2 tables"),
            (.conflictingConstraints([.tableOverfilled(by: [.pin(Pin(person: "p1", table: 1)), .host(people: ["p2", "p3"], table: 1)],
                                                       people: 5, table: 1, largestTable: 4, round: 1)]),
             "--pin \"p1=1\", host p2|p3 put 5 people at table 1, which seats at most 4 in round 1"),
        ]
        for (error, expected) in worded {
            #expect(error.commandLineDescription.hasPrefix(expected) || error.commandLineDescription.contains("  - " + expected),
                    "\(error.commandLineDescription)")
        }
    }

    @Test func writesAPlanThatCanBeReplannedFrom() throws {
        let people = try Self.peopleFile("id,name,group\n" + (1...12).map { "p\($0),Person \($0),g\($0 % 3)" }.joined(separator: "\n"))
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("plan-\(UUID().uuidString).json").path
        let first = try PlanCommand.parse([people, "--rounds", "3", "--table-size", "4", "--mix-by", "group", "--output", output])
        try first.run()
        let plan = try PlanEncoding.decodePlan(Data(contentsOf: URL(fileURLWithPath: output)))
        #expect(plan.rounds.count == 3)
        let replanned = output + ".2.json"
        let second = try PlanCommand.parse([
            people, "--rounds", "3", "--table-size", "4", "--fixed", output, "--from-round", "2", "--absent", "p1@2-3", "--output", replanned,
        ])
        try second.run()
        let again = try PlanEncoding.decodePlan(Data(contentsOf: URL(fileURLWithPath: replanned)))
        #expect(again.rounds[0] == plan.rounds[0])
        #expect(again.table(of: "p1", inRound: 2) == nil)
    }
}

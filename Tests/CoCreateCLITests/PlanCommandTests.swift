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

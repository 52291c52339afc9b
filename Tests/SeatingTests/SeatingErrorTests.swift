import Seating
import Testing

@Suite("Seating errors: typed, and worded without any front end's flags")
struct SeatingErrorTests {
    static let people = ScheduleValidity.people(6)

    static func problem(
        rounds: Int = 2, sizing: TableSizing = .tableSize(3), mixBy: [String] = [], apart: [[String]] = [],
        together: [[String]] = [], pins: [Pin] = [], absences: [Absence] = [], fixedRounds: [SeatingPlan.Round] = []
    ) -> SeatingProblem {
        SeatingProblem(
            people: people, rounds: rounds, sizing: sizing, mixBy: mixBy, apart: apart, together: together, pins: pins,
            absences: absences, fixedRounds: fixedRounds)
    }

    static let refusals: [(SeatingProblem, SeatingError)] = [
        (problem(rounds: 0), .noRounds(0)),
        (problem(sizing: .tableSize(1)), .tableSizeTooSmall(1)),
        (problem(sizing: .tableSize(9)), .tableSizeLargerThanRoom(size: 9, people: 6)),
        (problem(sizing: .tables(0)), .noTables(0)),
        (problem(sizing: .tables(7)), .moreTablesThanPeople(tables: 7, people: 6)),
        (problem(apart: [["p1", "nobody"]]), .unknownPerson("nobody", in: .apart(["p1", "nobody"]))),
        (problem(together: [["p1", "ghost", "p2"]]), .unknownPerson("ghost", in: .together(["p1", "ghost", "p2"]))),
        (problem(pins: [Pin(person: "nobody", table: 1)]), .unknownPerson("nobody", in: .pin(Pin(person: "nobody", table: 1)))),
        (problem(absences: [Absence(person: "nobody", rounds: [1])]), .unknownPerson("nobody", in: .absence(person: "nobody"))),
        (problem(absences: [Absence(person: "p1", rounds: [5])]), .absentRoundOutOfRange(person: "p1", round: 5, rounds: 2)),
        (problem(apart: [["p1", "p2", "p3"]]), .apartNeedsTwoPeople(["p1", "p2", "p3"])),
        (problem(together: [["p1"]]), .togetherNeedsTwoPeople(["p1"])),
        (problem(pins: [Pin(person: "p1", table: 0)]), .pinTableTooSmall(Pin(person: "p1", table: 0))),
        (problem(mixBy: ["nope"]), .unknownMixColumn("nope", columns: ["group"])),
        (problem(fixedRounds: [round(1, ["p0", "p1", "p2"], ["p3", "p4", "p5"]), round(2, ["p0", "p3"], ["p1", "p4"], ["p2", "p5"])]),
         .nothingLeftToPlan(firstRoundToPlan: 3, rounds: 2)),
        (problem(rounds: 3, fixedRounds: [round(1, ["p0", "p1", "p2"], ["p3", "p4", "stranger"])]),
         .unknownPerson("stranger", in: .fixedRound(1))),
    ]

    static func round(_ number: Int, _ tables: [String]...) -> SeatingPlan.Round {
        SeatingPlan.Round(round: number, tables: tables.enumerated().map { index, ids in
            SeatingPlan.Table(table: index + 1, members: ids.map { SeatingPlan.Seat(id: $0, role: nil) })
        })
    }

    @Test func eachProblemWithASettingHasItsOwnCase() {
        for (problem, expected) in Self.refusals {
            #expect(throws: expected) { try SeatingEngine.plan(problem) }
        }
    }

    @Test func replanningFromBeforeTheFirstRoundIsRefused() throws {
        let plan = try SeatingEngine.plan(Self.problem())
        #expect(throws: SeatingError.firstRoundToPlanTooSmall(0)) { try SeatingEngine.replan(Self.problem(), keeping: plan, fromRound: 0) }
    }

    @Test func hostsWithoutATableAreAConflictOfTheHost() {
        // Hosts p0, p1, p2 keep the full room's three tables; with only p1 and p2 there in round 2 there are two
        // tables, and p2's table 3 is gone.
        let problem = SeatingProblem(
            people: Self.people, rounds: 2, sizing: .tableSize(2), hostsStay: true,
            absences: ["p0", "p3", "p4", "p5"].map { Absence(person: $0, rounds: [2]) })
        #expect(throws: SeatingError.self) { try SeatingEngine.plan(problem) }
        do {
            _ = try SeatingEngine.plan(problem)
        } catch {
            guard case .conflictingConstraints(let conflicts) = error else {
                Issue.record("expected a conflict, got \(error)")
                return
            }
            #expect(conflicts.contains(.heldBeyondTables(.host(people: ["p2"], table: 3), round: 2, tables: 2)), "\(conflicts)")
        }
    }

    @Test func theEngineNamesNoFlag() {
        var errors = Self.refusals.map(\.1)
        errors.append(.firstRoundToPlanTooSmall(0))
        errors.append(.conflictingConstraints([
            .apartNamesOnePersonTwice(["p1", "p1"]), .apartContradictsTogether(["p1", "p2"]),
            .pinsSplitTogetherGroup(Pin(person: "p2", table: 2), earlier: Pin(person: "p1", table: 1)),
            .togetherGroupDoesNotFit(group: ["p1", "p2"], present: 2, largestTable: 1, round: 1),
            .heldBeyondTables(.host(people: ["p1"], table: 3), round: 2, tables: 2),
            .tableOverfilled(by: [.pin(Pin(person: "p1", table: 1)), .host(people: ["p2"], table: 1)], people: 5, table: 1, largestTable: 4, round: 1),
            .apartContradictsPins(["p1", "p2"], table: 1), .noSeatingKeepsApart(round: 1, apart: [["p1", "p2"]], tables: 2),
        ]))
        for error in errors {
            #expect(!error.description.contains("--"), "\(error.description)")
        }
    }

    @Test func descriptionsArePlainWords() {
        #expect(SeatingError.tableSizeLargerThanRoom(size: 9, people: 4).description == "a table size of 9 is larger than the room: there are only 4 people")
        #expect(SeatingError.noRounds(0).description == "there must be at least 1 round (got 0)")
        #expect(SeatingError.unknownPerson("x", in: .apart(["a", "x"])).description.hasPrefix("keeping \"a\" and \"x\" apart: unknown person \"x\""))
        #expect(SeatingError.conflictingConstraints([.apartContradictsPins(["a", "b"], table: 2)]).description
            == "the constraints cannot all hold:\n  - keeping \"a\" and \"b\" apart contradicts the pins, which put both at table 2")
    }
}

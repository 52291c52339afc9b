import Basics
import Testing
@testable import Seating

@Suite("Constructions bent to together groups, apart pairs and pins")
struct ConstructionRepairTests {
    static func room(_ sizes: [Int]) -> [Person] { MixedConstructionTests.room(sizes) }

    /// The seating in `round` of a plan, person index → 1-based table.
    static func tables(_ plan: SeatingPlan, round: Int, people: [Person]) -> [Int?] {
        people.map { plan.table(of: $0.id, inRound: round) }
    }

    @Test func aTogetherPairInAConstructedRoomStillMeetsNobodyTwice() throws {
        // 24 in 3 groups of 8 at tables of 3: the grid over GF(8) gives one of each group per table. The pair (one
        // from each of two groups) must sit together, so the repaired rounds have to keep both the mix and no repeats.
        let problem = SeatingProblem(
            people: Self.room([8, 8, 8]), rounds: 5, sizing: .tableSize(3), mixBy: ["group"], together: [["p0", "p8"]])
        let plan = try SeatingEngine.plan(problem, options: SeatingOptions(seed: 1, timeLimit: 60, maxIterations: 20_000))
        ScheduleValidity.check(plan, for: problem, room: "24 in 3 groups of 8, together p0 p8")
        #expect(plan.metrics.repeatPairs == 0)
        #expect(plan.metrics.mixViolations == 0)
    }

    @Test func repairedRoundsKeepEveryHardConstraintAndTheMix() throws {
        let people = Self.room([11, 11, 11, 11])
        let problem = SeatingProblem(
            people: people, rounds: 8, sizing: .tableSize(4), mixBy: ["group"], apart: [["p2", "p13"], ["p0", "p22"]],
            together: [["p0", "p11"]], pins: [Pin(person: "p30", table: 2), Pin(person: "p40", table: 5)])
        let compiled = try CompiledProblem(problem)
        var random = SeededRandom(seed: 5)
        let perfect = try #require(Constructions.perfectSchedule(for: compiled, random: &random))
        let repaired = ConstructionRepair.repair(perfect, problem: compiled, random: &random)
        #expect(repaired.count == 8)
        for tableOf in repaired {
            #expect(ConstructionRepair.satisfiesHardConstraints(tableOf, problem: compiled))
            var sizes = Array(repeating: 0, count: 11)
            for table in tableOf { sizes[table] += 1 }
            #expect(sizes.allSatisfy { $0 == 4 })
        }
        // Swaps trade people of the same group, so the grid's perfect mix survives the repair.
        #expect(Constructions.mixViolations(repaired, problem: compiled) == 0)
    }

    @Test func apartPairsAndPinsKeepTheConstructionPerfect() throws {
        // Apart pairs are separated by trading a name for the whole schedule and pins by renumbering tables: the
        // plan is the construction itself, with no repeat to mend.
        let problem = SeatingProblem(
            people: Self.room([11, 11, 11, 11]), rounds: 8, sizing: .tableSize(4), mixBy: ["group"],
            apart: [["p2", "p13"], ["p0", "p22"], ["p1", "p12"]], pins: [Pin(person: "p30", table: 2), Pin(person: "p40", table: 5)])
        let plan = try SeatingEngine.plan(problem, options: SeatingOptions(seed: 5, timeLimit: 60, maxIterations: 0))
        ScheduleValidity.check(plan, for: problem, room: "44 in 4 groups of 11, apart and pins")
        #expect(plan.metrics.repeatPairs == 0)
        #expect(plan.metrics.mixViolations == 0)
        #expect(plan.metrics.provenPerfect == true)
    }

    @Test func aTogetherPairOfOneGroupForcesTwoTablesOffTheMixEachRound() throws {
        // Two of group 0 at one table, where every table's share is exactly one: that table and the one left
        // without a group-0 member are both off, in each of the 4 rounds.
        let problem = SeatingProblem(
            people: Self.room([11, 11, 11, 11]), rounds: 4, sizing: .tableSize(4), mixBy: ["group"], together: [["p0", "p1"]])
        #expect(SeatingMetrics.mixLowerBound(problem) == 8)
        let plan = try SeatingEngine.plan(problem, options: SeatingOptions(seed: 5, timeLimit: 60, maxIterations: 2_000))
        ScheduleValidity.check(plan, for: problem, room: "44 in 4 groups of 11, together p0 p1")
        #expect(plan.metrics.mixViolations >= 8)
        #expect(plan.metrics.mixLowerBound == 8)
        // A pair of two groups fits a table's share: no forced violation.
        var mixedPair = problem
        mixedPair.together = [["p0", "p11"]]
        #expect(SeatingMetrics.mixLowerBound(mixedPair) == 0)
    }

    @Test func pinsAreMetByRenumberingTables() throws {
        let problem = SeatingProblem(
            people: Self.room([8, 8, 8]), rounds: 3, sizing: .tableSize(3), mixBy: ["group"], pins: [Pin(person: "p5", table: 7)])
        let compiled = try CompiledProblem(problem)
        var random = SeededRandom(seed: 2)
        let perfect = try #require(Constructions.perfectSchedule(for: compiled, random: &random))
        let repaired = ConstructionRepair.repair(perfect, problem: compiled, random: &random)
        // Renumbering moves nobody: the rounds meet the same pairs as the construction.
        #expect(ConstructionTests.meetings(repaired) == ConstructionTests.meetings(Array(perfect.prefix(repaired.count))))
        #expect(repaired.allSatisfy { $0[5] == 6 })
    }

    /// The counterexamples of `randomRoomsGiveValidPlans`: the grid's extra round (one table per column) put the
    /// empty cells of an uneven room at one table, so its tables differed by 2 or more.
    @Test(arguments: [(21, TableSizing.tableSize(5), 6), (7, TableSizing.tables(3), 4), (14, TableSizing.tableSize(4), 5)])
    func unevenRoomsNeverGetAColumnRoundWithAShortTable(people: Int, sizing: TableSizing, rounds: Int) throws {
        let problem = SeatingProblem(people: ScheduleValidity.people(people), rounds: rounds, sizing: sizing)
        let plan = try SeatingEngine.plan(problem, options: SeatingOptions(seed: 1, timeLimit: 60, maxIterations: 50))
        ScheduleValidity.check(plan, for: problem, room: "\(people) people, \(sizing), \(rounds) rounds")
    }
}

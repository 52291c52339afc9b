import Testing
@testable import Seating

@Suite("Design-theory constructions are perfect schedules")
struct ConstructionTests {
    /// Counts how often each pair shares a table over `rounds` (tableOf per person, per round).
    static func meetings(_ rounds: [[Int]]) -> [Int: Int] {
        var counts: [Int: Int] = [:]
        for tableOf in rounds {
            let n = tableOf.count
            for a in 0..<n { for b in (a + 1)..<n where tableOf[a] == tableOf[b] { counts[a * n + b, default: 0] += 1 } }
        }
        return counts
    }

    @Test func fortyAtFourIsAResolvableDesign() throws {
        let design = try #require(CyclicDesigns.threeLevelDesign(prime: 13))
        let rounds = design.rounds(13)
        #expect(rounds.count == 13)
        for tableOf in rounds {
            #expect(tableOf.count == 40)
            var sizes: [Int: Int] = [:]
            for table in tableOf { sizes[table, default: 0] += 1 }
            #expect(sizes.count == 10 && sizes.values.allSatisfy { $0 == 4 })
        }
        // Every one of the 780 pairs meets exactly once.
        let met = Self.meetings(rounds)
        #expect(met.count == 40 * 39 / 2)
        #expect(met.values.allSatisfy { $0 == 1 })
    }

    @Test func theSearchIsDeterministic() {
        #expect(CyclicDesigns.threeLevelDesign(prime: 13) == CyclicDesigns.threeLevelDesign(prime: 13))
    }

    @Test(arguments: [10, 13])
    func fortyAtFourPlansHaveNoRepeats(rounds: Int) throws {
        let problem = SeatingProblem(people: ScheduleValidity.people(40), rounds: rounds, sizing: .tableSize(4))
        let plan = try SeatingEngine.plan(problem, options: SeatingOptions(seed: 5, timeLimit: 60, maxIterations: 1))
        ScheduleValidity.check(plan, for: problem)
        #expect(plan.metrics.repeatPairs == 0)
    }

    @Test func constructionsStayOutOfConstrainedRooms() throws {
        // An apart pair rules the design out; the search still returns a valid plan.
        let problem = SeatingProblem(
            people: ScheduleValidity.people(40), rounds: 5, sizing: .tableSize(4), apart: [["p0", "p1"]])
        let plan = try SeatingEngine.plan(problem, options: SeatingOptions(seed: 5, timeLimit: 60, maxIterations: 3000))
        ScheduleValidity.check(plan, for: problem)
    }
}

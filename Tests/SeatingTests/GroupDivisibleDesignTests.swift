import Testing
@testable import Seating

@Suite("The resolvable 4-GDD of type 2^16 seats 32 at 4 for 10 rounds without a repeat")
struct GroupDivisibleDesignTests {
    @Test func thirtyTwoAtFourIsAResolvableGroupDivisibleDesign() throws {
        let design = try #require(GroupDivisibleDesigns.liftedAffinePlanes())
        let rounds = design.rounds(10)
        #expect(rounds.count == 10)
        for tableOf in rounds {
            #expect(tableOf.count == 32)
            var sizes: [Int: Int] = [:]
            for table in tableOf { sizes[table, default: 0] += 1 }
            #expect(sizes.count == 8 && sizes.values.allSatisfy { $0 == 4 })
        }
        // 480 of the 496 pairs meet exactly once; the other 16 are the groups {2g, 2g + 1}.
        let met = ConstructionTests.meetings(rounds)
        #expect(met.count == 480)
        #expect(met.values.allSatisfy { $0 == 1 })
        for g in 0..<16 { #expect(met[(2 * g) * 32 + 2 * g + 1] == nil) }
        #expect(CyclicDesign.isPerfect(rounds, size: 4))
    }

    @Test func theConstructionIsDeterministic() {
        #expect(GroupDivisibleDesigns.liftedAffinePlanes() == GroupDivisibleDesigns.liftedAffinePlanes())
        #expect(GroupDivisibleDesigns.schedule(people: 32, size: 4, rounds: 12)?.count == 10)
        #expect(GroupDivisibleDesigns.schedule(people: 32, size: 4, rounds: 9)?.count == 9)
        #expect(GroupDivisibleDesigns.schedule(people: 36, size: 4, rounds: 10) == nil)
        #expect(GroupDivisibleDesigns.schedule(people: 32, size: 8, rounds: 4) == nil)
    }

    @Test(arguments: [8, 9, 10])
    func thirtyTwoAtFourPlansHaveNoRepeats(rounds: Int) throws {
        let problem = SeatingProblem(people: ScheduleValidity.people(32), rounds: rounds, sizing: .tableSize(4))
        let plan = try SeatingEngine.plan(problem, options: SeatingOptions(seed: 5, timeLimit: 60, maxIterations: 1))
        ScheduleValidity.check(plan, for: problem)
        #expect(plan.metrics.repeatPairs == 0)
    }

    @Test func otherRoomsStillPlan() throws {
        for (people, size, rounds) in [(32, 8, 4), (28, 4, 9), (36, 4, 10)] {
            let problem = SeatingProblem(people: ScheduleValidity.people(people), rounds: rounds, sizing: .tableSize(size))
            let plan = try SeatingEngine.plan(problem, options: SeatingOptions(seed: 5, timeLimit: 60, maxIterations: 500))
            ScheduleValidity.check(plan, for: problem)
        }
    }
}

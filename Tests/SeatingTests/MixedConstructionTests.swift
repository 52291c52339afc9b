import Testing
@testable import Seating

@Suite("Constructions for mixed rooms and tables of 3")
struct MixedConstructionTests {
    /// A room of `sizes.count` groups with the given sizes, listed group after group (the layout must not rely on
    /// the people being interleaved).
    static func room(_ sizes: [Int]) -> [Person] {
        var people: [Person] = []
        for (group, size) in sizes.enumerated() {
            for _ in 0..<size {
                people.append(Person(id: "p\(people.count)", name: "Person \(people.count)", attributes: ["group": "g\(group)"]))
            }
        }
        return people
    }

    /// Whether no pair shares a table twice over `rounds` (tableOf per person, per round).
    static func noRepeats(_ rounds: [[Int]]) -> Bool {
        ConstructionTests.meetings(rounds).values.allSatisfy { $0 == 1 }
    }

    @Test(arguments: [(11, 4, 11), (8, 5, 8), (9, 4, 9), (4, 4, 5), (7, 3, 7), (12, 3, 6), (10, 4, 5), (16, 5, 16), (40, 5, 10)])
    func transversalRoundsNeverRepeatAPair(tables: Int, size: Int, expected: Int) throws {
        let people = tables * size
        let rounds = try #require(TransversalDesigns.rounds(
            people: people, groupOf: Array(repeating: 0, count: people), tables: tables, size: size, rounds: 100, mixing: false))
        #expect(rounds.count == expected)
        #expect(Self.noRepeats(rounds))
        for tableOf in rounds {
            var seated = Array(repeating: 0, count: tables)
            for table in tableOf { seated[table] += 1 }
            #expect(seated.allSatisfy { $0 == size })
        }
    }

    @Test func gf8IsAField() {
        let ring = FiniteRing(order: 8)
        #expect(ring.isField)
        for a in 1..<8 { #expect((1..<8).contains { ring.multiply(a, $0) == 1 }) }
        #expect(!FiniteRing(order: 12).isField)
    }

    @Test(arguments: [([11, 11, 11, 11], 4, 8), ([10, 10, 10, 10], 5, 6), ([14, 10, 7, 4], 5, 4), ([8, 8, 8], 3, 7)])
    func equalGroupsGetPerfectPlans(sizes: [Int], tableSize: Int, rounds: Int) throws {
        let problem = SeatingProblem(people: Self.room(sizes), rounds: rounds, sizing: .tableSize(tableSize), mixBy: ["group"])
        let plan = try SeatingEngine.plan(problem, options: SeatingOptions(seed: 3, timeLimit: 60, maxIterations: 1))
        ScheduleValidity.check(plan, for: problem)
        #expect(plan.metrics.repeatPairs == 0)
        #expect(plan.metrics.mixViolations == 0)
    }

    @Test func anUnevenRoomGetsAGridWithEmptySeats() throws {
        // 17 at tables of 4: a 5 × 4 grid over GF(5) with three empty cells in one column.
        let problem = SeatingProblem(people: ScheduleValidity.people(17), rounds: 5, sizing: .tableSize(4))
        let plan = try SeatingEngine.plan(problem, options: SeatingOptions(seed: 3, timeLimit: 60, maxIterations: 1))
        ScheduleValidity.check(plan, for: problem)
        #expect(plan.metrics.repeatPairs == 0)
    }

    @Test(arguments: [(15, 7), (21, 10), (9, 4)])
    func kirkmanTripleSystems(people: Int, rounds: Int) throws {
        let found = try #require(KirkmanTripleSystems.schedule(people: people, size: 3, rounds: 100))
        #expect(found.count == rounds)
        #expect(KirkmanTripleSystems.isPerfect(found))
        // A Kirkman triple system meets every pair exactly once.
        #expect(ConstructionTests.meetings(found).count == people * (people - 1) / 2)
    }
}

import Testing
@testable import Seating

@Suite("Re-plans start from the plan they replace")
struct ReplanSeedingTests {
    static let fortyFour = MixedConstructionTests.room([11, 11, 11, 11])

    @Test func aDepartureFromAConstructedRoomNeedsNoSearch() throws {
        let problem = SeatingProblem(people: Self.fortyFour, rounds: 8, sizing: .tableSize(4), mixBy: ["group"])
        let first = try SeatingEngine.plan(problem, options: SeatingOptions(seed: 1, timeLimit: 60, maxIterations: 0))
        var changed = problem
        changed.absences = [Absence(person: "p4", rounds: Set(3...8))]
        // No search step at all: the old rounds without p4 are already perfect, so the seeding alone must be.
        let second = try SeatingEngine.replan(changed, keeping: first, fromRound: 3, options: SeatingOptions(seed: 1, timeLimit: 60, maxIterations: 0))
        ScheduleValidity.check(second, for: changed, room: "44 in 4 groups of 11, p4 leaves after round 2")
        #expect(Array(second.rounds.prefix(2)) == Array(first.rounds.prefix(2)))
        #expect(second.metrics.repeatPairs == 0)
        #expect(second.metrics.mixViolations == 0)
        // Everyone else keeps their table mates from the old plan (only p4's table changed size).
        for round in 3...8 {
            for person in Self.fortyFour where person.id != "p4" {
                let before = first.rounds[round - 1].tables.first { $0.members.contains { $0.id == person.id } }!.members.map(\.id)
                let after = second.rounds[round - 1].tables.first { $0.members.contains { $0.id == person.id } }!.members.map(\.id)
                #expect(Set(after) == Set(before).subtracting(["p4"]), "\(person.id) in round \(round)")
            }
        }
    }

    @Test func anArrivalIsSeatedWhereTheyMeetNobodyTwice() throws {
        let people = MixedConstructionTests.room([10, 10, 10, 10])
        let problem = SeatingProblem(people: people, rounds: 6, sizing: .tableSize(4), mixBy: ["group"])
        let first = try SeatingEngine.plan(problem, options: SeatingOptions(seed: 2, timeLimit: 60, maxIterations: 5_000))
        var changed = problem
        changed.people.append(Person(id: "late", name: "Late", attributes: ["group": "g0"]))
        changed.absences = [Absence(person: "late", rounds: [1, 2])]
        let second = try SeatingEngine.replan(changed, keeping: first, fromRound: 3, options: SeatingOptions(seed: 2, timeLimit: 60, maxIterations: 5_000))
        ScheduleValidity.check(second, for: changed, room: "40 in 4 groups of 10, one arrives for round 3")
        #expect(Array(second.rounds.prefix(2)) == Array(first.rounds.prefix(2)))
        #expect(second.metrics.repeatPairs == 0)
    }

    @Test func seatingsFollowTheNewRoomsPeople() {
        let plan = SeatingPlan(rounds: [
            SeatingPlan.Round(round: 1, tables: [
                SeatingPlan.Table(table: 1, members: [SeatingPlan.Seat(id: "b"), SeatingPlan.Seat(id: "gone")]),
                SeatingPlan.Table(table: 2, members: [SeatingPlan.Seat(id: "a")]),
            ]),
        ], metrics: SeatingPlan.Metrics(repeatPairs: 0, mixViolations: 0, roleRepeats: 0, seconds: 0))
        let people = ["a", "b", "new"].map { Person(id: $0, name: $0, attributes: [:]) }
        let problem = SeatingProblem(people: people, rounds: 1, sizing: .tableSize(2))
        #expect(ReplanSeeding.seatings(of: plan, for: problem) == [[1, 0, -1]])
    }
}

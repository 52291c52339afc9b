import Foundation
import Seating
import Testing

@Suite("Seating engine: strength, constraints and errors")
struct SeatingEngineTests {
    @Test(arguments: [(16, 4, 5), (25, 5, 6), (32, 4, 8), (20, 4, 5), (49, 7, 8)])
    func constructionsArePerfect(people: Int, size: Int, rounds: Int) throws {
        let problem = SeatingProblem(people: ScheduleValidity.people(people), rounds: rounds, sizing: .tableSize(size))
        let plan = try SeatingEngine.plan(problem, options: SeatingOptions(seed: 7, timeLimit: 30, maxIterations: 2000))
        ScheduleValidity.check(plan, for: problem)
        #expect(plan.metrics.repeatPairs == 0)
    }

    @Test func stakeholderRoomMixesAndRotatesRoles() throws {
        let labels = Array(repeating: "student", count: 16) + Array(repeating: "staff", count: 12)
            + Array(repeating: "parent", count: 8) + Array(repeating: "police", count: 4)
        let people = labels.enumerated().map { Person(id: "p\($0.offset)", name: "P\($0.offset)", attributes: ["group": $0.element]) }
        let problem = SeatingProblem(
            people: people, rounds: 4, sizing: .tableSize(4), mixBy: ["group"], apart: [["p0", "p1"], ["p16", "p28"]],
            roles: ["host", "scribe", "timekeeper", "reporter"])
        let plan = try SeatingEngine.plan(problem, options: SeatingOptions(seed: 1, timeLimit: 30, maxIterations: 20000))
        ScheduleValidity.check(plan, for: problem)
        #expect(plan.metrics.repeatPairs == 0)
        #expect(plan.metrics.mixViolations == 0)
        #expect(plan.metrics.roleRepeats == 0)
        for person in people {
            let held = plan.rounds.flatMap { $0.tables.flatMap(\.members) }.filter { $0.id == person.id }.compactMap(\.role)
            #expect(Set(held) == Set(problem.roles))
        }
    }

    @Test func sixRoundStakeholderRoomReachesTheRoleLowerBound() throws {
        let labels = Array(repeating: "student", count: 16) + Array(repeating: "staff", count: 12)
            + Array(repeating: "parent", count: 8) + Array(repeating: "police", count: 4)
        let people = labels.enumerated().map { Person(id: "p\($0.offset)", name: "P\($0.offset)", attributes: ["group": $0.element]) }
        let problem = SeatingProblem(
            people: people, rounds: 6, sizing: .tableSize(4), mixBy: ["group"], apart: [["p0", "p1"], ["p16", "p28"]],
            roles: ["host", "scribe", "timekeeper", "reporter"])
        let plan = try SeatingEngine.plan(problem, options: SeatingOptions(seed: 1, timeLimit: 60, maxIterations: 20000))
        ScheduleValidity.check(plan, for: problem)
        #expect(plan.metrics.repeatPairs == 0)
        #expect(plan.metrics.mixViolations == 0)
        // Six rounds of four roles: everyone holds some role at least twice, 40 * 2 repeats at the least.
        #expect(plan.metrics.roleRepeats == 80)
    }

    @Test func unevenRoomsKeepTablesWithinOneSeat() throws {
        for count in [17, 18, 19, 22, 7, 5] {
            let problem = SeatingProblem(people: ScheduleValidity.people(count), rounds: 3, sizing: .tableSize(4))
            let plan = try SeatingEngine.plan(problem, options: SeatingOptions(seed: 3, timeLimit: 30, maxIterations: 3000))
            ScheduleValidity.check(plan, for: problem)
        }
        #expect(TableLayout.sizes(present: 17, tables: TableLayout.tableCount(present: 17, sizing: .tableSize(4))) == [4, 4, 3, 3, 3])
        #expect(TableLayout.tableCount(present: 4, sizing: .tableSize(3)) == 1)
        #expect(TableLayout.tableCount(present: 7, sizing: .tableSize(3)) == 2)
    }

    @Test func hostsStayAtTheirTables() throws {
        let problem = SeatingProblem(
            people: ScheduleValidity.people(24), rounds: 4, sizing: .tableSize(4), hostsStay: true, roles: ["host", "scribe"])
        let plan = try SeatingEngine.plan(problem, options: SeatingOptions(seed: 2, timeLimit: 30, maxIterations: 2000))
        ScheduleValidity.check(plan, for: problem)
        let firstHosts = plan.rounds[0].tables.map { $0.members[0].id }
        for round in plan.rounds {
            #expect(round.tables.map { $0.members[0].id } == firstHosts)
            #expect(round.tables.allSatisfy { $0.members[0].role == "host" })
        }
    }

    @Test func impossibleConstraintsNameTheConflict() {
        let people = ScheduleValidity.people(12)
        let cases: [(SeatingProblem, [SeatingConflict])] = [
            (SeatingProblem(people: people, rounds: 2, sizing: .tableSize(4), apart: [["p1", "p2"]], together: [["p1", "p2"]]),
             [.apartContradictsTogether(["p1", "p2"])]),
            (SeatingProblem(people: people, rounds: 2, sizing: .tableSize(4), pins: [Pin(person: "p1", table: 9)]),
             [1, 2].map { .heldBeyondTables(.pin(Pin(person: "p1", table: 9)), round: $0, tables: 3) }),
            (SeatingProblem(people: people, rounds: 2, sizing: .tableSize(3), together: [["p1", "p2", "p3", "p4", "p5"]]),
             [1, 2].map { .togetherGroupDoesNotFit(group: ["p1", "p2", "p3", "p4", "p5"], present: 5, largestTable: 3, round: $0) }),
            (SeatingProblem(people: people, rounds: 2, sizing: .tableSize(4), together: [["p1", "p2"]],
                            pins: [Pin(person: "p1", table: 1), Pin(person: "p2", table: 2)]),
             [.pinsSplitTogetherGroup(Pin(person: "p2", table: 2), earlier: Pin(person: "p1", table: 1))]),
        ]
        for (problem, expected) in cases {
            #expect(throws: SeatingError.conflictingConstraints(expected)) { try SeatingEngine.plan(problem) }
        }
    }

    @Test func jsonRoundTripsAndMatchesTheContract() throws {
        let problem = SeatingProblem(people: ScheduleValidity.people(8), rounds: 2, sizing: .tableSize(4), roles: ["host"])
        let plan = try SeatingEngine.plan(problem)
        let data = PlanEncoding.json(plan)
        let decoded = try PlanEncoding.decodePlan(data)
        #expect(decoded.rounds == plan.rounds)
        #expect(decoded.metrics == plan.metrics, "\(decoded.metrics) vs \(plan.metrics)")
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let metrics = object?["metrics"] as? [String: Any]
        // The three newer keys are optional, so plans written before them still read back.
        #expect(Set(metrics?.keys.map { $0 } ?? []) == [
            "repeatPairs", "mixViolations", "roleRepeats", "seconds", "repeatLowerBound", "provenPerfect", "mixLowerBound",
        ])
        let firstTable = ((object?["rounds"] as? [[String: Any]])?.first?["tables"] as? [[String: Any]])?.first
        #expect(firstTable?["table"] as? Int == 1)
        #expect((firstTable?["members"] as? [[String: Any]])?.first?["role"] as? String == "host")
    }
}

import Seating
import Testing

/// Checks a plan against every rule that must hold whatever the search found.
enum ScheduleValidity {
    static func check(_ plan: SeatingPlan, for problem: SeatingProblem, sourceLocation: SourceLocation = #_sourceLocation) {
        let ids = Set(problem.people.map(\.id))
        #expect(plan.rounds.map(\.round) == Array(1...problem.rounds), sourceLocation: sourceLocation)
        for round in plan.rounds {
            let absent = Set(problem.absences.filter { $0.rounds.contains(round.round) }.map(\.person))
            let seated = round.tables.flatMap { $0.members.map(\.id) }
            #expect(seated.count == Set(seated).count, "someone seated twice in round \(round.round)", sourceLocation: sourceLocation)
            #expect(Set(seated) == ids.subtracting(absent), "round \(round.round) seats the wrong people", sourceLocation: sourceLocation)
            let sizes = round.tables.map(\.members.count)
            #expect(round.tables.map(\.table) == Array(1...max(1, round.tables.count)), sourceLocation: sourceLocation)
            if let largest = sizes.max(), let smallest = sizes.min() {
                #expect(largest - smallest <= 1, "table sizes \(sizes) in round \(round.round)", sourceLocation: sourceLocation)
                if case .tableSize(let size) = problem.sizing, seated.count >= min(3, size) {
                    #expect(smallest >= min(3, size), "a table of \(smallest) in round \(round.round)", sourceLocation: sourceLocation)
                }
                if case .tables(let count) = problem.sizing {
                    #expect(sizes.count == min(count, seated.count), sourceLocation: sourceLocation)
                }
            }
            let tableOf = Dictionary(uniqueKeysWithValues: round.tables.flatMap { table in table.members.map { ($0.id, table.table) } })
            for pair in problem.apart where tableOf[pair[0]] != nil && tableOf[pair[1]] != nil {
                #expect(tableOf[pair[0]] != tableOf[pair[1]], "apart \(pair) share a table in round \(round.round)", sourceLocation: sourceLocation)
            }
            for group in problem.together {
                let tables = Set(group.compactMap { tableOf[$0] })
                #expect(tables.count <= 1, "together \(group) split in round \(round.round)", sourceLocation: sourceLocation)
            }
            for pin in problem.pins where tableOf[pin.person] != nil {
                #expect(tableOf[pin.person] == pin.table, "pin \(pin) broken in round \(round.round)", sourceLocation: sourceLocation)
            }
            if !problem.roles.isEmpty {
                for table in round.tables {
                    let roles = table.members.compactMap(\.role)
                    #expect(roles.count == Set(roles).count, "a role twice at a table", sourceLocation: sourceLocation)
                    #expect(roles.count == min(table.members.count, problem.roles.count), sourceLocation: sourceLocation)
                }
            }
        }
        let measured = SeatingMetrics.measure(plan, problem: problem, seconds: plan.metrics.seconds)
        #expect(measured == plan.metrics, sourceLocation: sourceLocation)
    }

    /// A room of `count` people with a `group` column cycling through a few values.
    static func people(_ count: Int, groups: Int = 3) -> [Person] {
        (0..<count).map { Person(id: "p\($0)", name: "Person \($0)", attributes: ["group": "g\($0 % max(1, groups))"]) }
    }
}

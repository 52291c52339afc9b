import Seating
import Testing

/// Checks a plan against every rule that must hold whatever the search found.
enum ScheduleValidity {
    /// `room` describes the instance in every failure (random rooms print their seed, so a failure can be replayed).
    static func check(
        _ plan: SeatingPlan, for problem: SeatingProblem, room: String = "", sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let prefix = room.isEmpty ? "" : "\(room): "
        let ids = Set(problem.people.map(\.id))
        #expect(plan.rounds.map(\.round) == Array(1...problem.rounds), "\(prefix)the plan's rounds are not 1...\(problem.rounds)", sourceLocation: sourceLocation)
        for round in plan.rounds {
            let absent = Set(problem.absences.filter { $0.rounds.contains(round.round) }.map(\.person))
            let seated = round.tables.flatMap { $0.members.map(\.id) }
            #expect(seated.count == Set(seated).count, "\(prefix)someone seated twice in round \(round.round)", sourceLocation: sourceLocation)
            #expect(Set(seated) == ids.subtracting(absent), "\(prefix)round \(round.round) seats the wrong people", sourceLocation: sourceLocation)
            let sizes = round.tables.map(\.members.count)
            #expect(round.tables.map(\.table) == Array(1...max(1, round.tables.count)), "\(prefix)tables misnumbered in round \(round.round)", sourceLocation: sourceLocation)
            if let largest = sizes.max(), let smallest = sizes.min() {
                #expect(largest - smallest <= 1, "\(prefix)table sizes \(sizes) in round \(round.round)", sourceLocation: sourceLocation)
                if case .tableSize(let size) = problem.sizing, seated.count >= min(3, size) {
                    #expect(smallest >= min(3, size), "\(prefix)a table of \(smallest) in round \(round.round)", sourceLocation: sourceLocation)
                }
                if case .tables(let count) = problem.sizing {
                    #expect(sizes.count == min(count, seated.count), "\(prefix)\(sizes.count) tables in round \(round.round)", sourceLocation: sourceLocation)
                }
            }
            let tableOf = Dictionary(uniqueKeysWithValues: round.tables.flatMap { table in table.members.map { ($0.id, table.table) } })
            for pair in problem.apart where tableOf[pair[0]] != nil && tableOf[pair[1]] != nil {
                #expect(tableOf[pair[0]] != tableOf[pair[1]], "\(prefix)apart \(pair) share a table in round \(round.round)", sourceLocation: sourceLocation)
            }
            for group in problem.together {
                let tables = Set(group.compactMap { tableOf[$0] })
                #expect(tables.count <= 1, "\(prefix)together \(group) split in round \(round.round)", sourceLocation: sourceLocation)
            }
            for pin in problem.pins where tableOf[pin.person] != nil {
                #expect(tableOf[pin.person] == pin.table, "\(prefix)pin \(pin) broken in round \(round.round)", sourceLocation: sourceLocation)
            }
            if !problem.roles.isEmpty {
                for table in round.tables {
                    let roles = table.members.compactMap(\.role)
                    #expect(roles.count == Set(roles).count, "\(prefix)a role twice at a table", sourceLocation: sourceLocation)
                    #expect(roles.count == min(table.members.count, problem.roles.count), "\(prefix)roles missing at a table in round \(round.round)", sourceLocation: sourceLocation)
                }
            }
        }
        let measured = SeatingMetrics.measure(plan, problem: problem, seconds: plan.metrics.seconds)
        #expect(measured == plan.metrics, "\(prefix)the plan's own figures differ from a fresh measure", sourceLocation: sourceLocation)
    }

    /// A room of `count` people with a `group` column cycling through a few values.
    static func people(_ count: Int, groups: Int = 3) -> [Person] {
        (0..<count).map { Person(id: "p\($0)", name: "Person \($0)", attributes: ["group": "g\($0 % max(1, groups))"]) }
    }
}

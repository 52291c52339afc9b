/// Scores any plan against its problem, independently of how the plan was made (the engine's own figures and
/// the tests both use this).
public enum SeatingMetrics {
    /// Repeated pairs, mix violations and role repeats of `plan`; `seconds` is passed through.
    public static func measure(_ plan: SeatingPlan, problem: SeatingProblem, seconds: Double = 0) -> SeatingPlan.Metrics {
        var unit: [String: Int] = [:]
        var index: [String: Int] = [:]
        for (position, person) in problem.people.enumerated() {
            unit[person.id] = position
            index[person.id] = position
        }
        // Together groups count as one identity for repeats (chains merged).
        var changed = true
        while changed {
            changed = false
            for group in problem.together {
                let target = group.compactMap { unit[$0] }.min() ?? 0
                for id in group where unit[id] != nil && unit[id]! != target {
                    unit[id] = target
                    changed = true
                }
            }
        }
        // Integer indices and one hashed key per pair, so rooms of 10,000 are measured in milliseconds.
        var meetings: [Int: Int] = [:]
        var roleCounts: [String: Int] = [:]
        var violations = 0
        let count = problem.people.count
        let unitOf = problem.people.map { unit[$0.id] ?? 0 }
        var valueOf: [[Int]] = []
        var valueCounts: [Int] = []
        for column in problem.mixBy {
            var values: [String: Int] = [:]
            valueOf.append(problem.people.map { person in
                let value = person.attributes[column] ?? ""
                if let known = values[value] { return known }
                values[value] = values.count
                return values.count - 1
            })
            valueCounts.append(values.count)
        }
        for round in plan.rounds {
            let tables = round.tables.map { table in table.members.compactMap { unit[$0.id] == nil ? nil : index[$0.id] } }
            let seatedCount = tables.reduce(0) { $0 + $1.count }
            let shares = valueOf.indices.map { column in
                var counts = Array(repeating: 0, count: valueCounts[column])
                for table in tables { for person in table { counts[valueOf[column][person]] += 1 } }
                return counts
            }
            for (position, table) in round.tables.enumerated() {
                let ids = tables[position]
                for (i, a) in ids.enumerated() {
                    for b in ids[(i + 1)...] where unitOf[a] != unitOf[b] {
                        meetings[min(a, b) * count + max(a, b), default: 0] += 1
                    }
                }
                for seat in table.members { if let role = seat.role { roleCounts["\(seat.id)\u{0}\(role)", default: 0] += 1 } }
                var off = false
                for column in valueOf.indices {
                    var here = Array(repeating: 0, count: valueCounts[column])
                    for person in ids { here[valueOf[column][person]] += 1 }
                    for (value, share) in shares[column].enumerated() where share > 0 {
                        let size = ids.count
                        let low = size * share / seatedCount, high = (size * share + seatedCount - 1) / seatedCount
                        if here[value] < low || here[value] > high { off = true }
                    }
                }
                if off { violations += 1 }
            }
        }
        let repeats = meetings.values.reduce(0) { $0 + max(0, $1 - 1) }
        let bound = repeatLowerBound(problem)
        let mixBound = mixLowerBound(problem)
        return SeatingPlan.Metrics(
            repeatPairs: repeats,
            mixViolations: violations,
            roleRepeats: roleCounts.values.reduce(0) { $0 + max(0, $1 - 1) },
            seconds: seconds,
            repeatLowerBound: bound,
            provenPerfect: repeats <= bound && violations <= mixBound,
            mixLowerBound: mixBound)
    }

    /// A lower bound on the mix violations of every plan of `problem`. A together group holding more of one value
    /// than even the largest table's share (two of one group where each table has one) puts its table off in every
    /// round it sits; when the shares are exact (the tables' floors add up to everyone of that value), the value
    /// missing from another table puts that one off too. Rounds already played count 0 (they are what they are).
    public static func mixLowerBound(_ problem: SeatingProblem) -> Int {
        guard !problem.together.isEmpty, !problem.mixBy.isEmpty else { return 0 }
        var absent: [String: Set<Int>] = [:]
        for absence in problem.absences { absent[absence.person, default: []].formUnion(absence.rounds) }
        let byID = Dictionary(problem.people.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var total = 0
        for round in stride(from: problem.fixedRounds.count + 1, through: problem.rounds, by: 1) {
            let present = problem.people.filter { !(absent[$0.id]?.contains(round) ?? false) }
            let tables = TableLayout.tableCount(present: present.count, sizing: problem.sizing)
            let sizes = TableLayout.sizes(present: present.count, tables: tables)
            guard let largest = sizes.first, !present.isEmpty else { continue }
            var forced = 0
            for column in problem.mixBy {
                var share: [String: Int] = [:]
                for person in present { share[person.attributes[column] ?? "", default: 0] += 1 }
                for group in problem.together {
                    var inGroup: [String: Int] = [:]
                    for id in group where byID[id] != nil && !(absent[id]?.contains(round) ?? false) {
                        inGroup[byID[id]!.attributes[column] ?? "", default: 0] += 1
                    }
                    for (value, count) in inGroup {
                        let everyone = share[value] ?? 0
                        guard count > (largest * everyone + present.count - 1) / present.count else { continue }
                        let floors = sizes.reduce(0) { $0 + $1 * everyone / present.count }
                        forced = max(forced, floors == everyone ? 2 : 1)
                    }
                }
            }
            total += forced
        }
        return total
    }

    /// A lower bound on the repeats of every plan of `problem`, by counting seats: in each round a person
    /// present shares a table with at least (smallest table − 1) others, and there are only n − 1 others to
    /// meet, so someone who sits with m > n − 1 people over the rounds meets at least m − (n − 1) of them again.
    /// Each repeat is seen from both people, hence the halving. Rooms with together groups or staying hosts
    /// get 0 (members always meet; hosts fix the table count). Rounds already played count like the others, so
    /// a re-plan and the plan it came from share one bound.
    public static func repeatLowerBound(_ problem: SeatingProblem) -> Int {
        guard problem.together.isEmpty, !problem.hostsStay else { return 0 }
        let n = problem.people.count
        var absent: [String: Set<Int>] = [:]
        for absence in problem.absences { absent[absence.person, default: []].formUnion(absence.rounds) }
        let smallest = (1...max(1, problem.rounds)).map { round -> Int in
            let present = n - problem.people.filter { absent[$0.id]?.contains(round) ?? false }.count
            let tables = TableLayout.tableCount(present: present, sizing: problem.sizing)
            return TableLayout.sizes(present: present, tables: tables).last ?? 0
        }
        var excess = 0
        for person in problem.people {
            let seats = (1...max(1, problem.rounds)).reduce(0) { total, round in
                (absent[person.id]?.contains(round) ?? false) ? total : total + max(0, smallest[round - 1] - 1)
            }
            excess += max(0, seats - (n - 1))
        }
        return (excess + 1) / 2
    }
}

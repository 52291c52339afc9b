/// Scores any plan against its problem, independently of how the plan was made (the engine's own figures and
/// the tests both use this).
public enum SeatingMetrics {
    /// Repeated pairs, mix violations and role repeats of `plan`; `seconds` is passed through.
    public static func measure(_ plan: SeatingPlan, problem: SeatingProblem, seconds: Double = 0) -> SeatingPlan.Metrics {
        var unit: [String: Int] = [:]
        for (index, person) in problem.people.enumerated() { unit[person.id] = index }
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
        var meetings: [String: Int] = [:]
        var roleCounts: [String: Int] = [:]
        var violations = 0
        let attributes = Dictionary(problem.people.map { ($0.id, $0.attributes) }, uniquingKeysWith: { a, _ in a })
        for round in plan.rounds {
            let seatedCount = round.tables.reduce(0) { $0 + $1.members.count }
            var shares: [String: [String: Int]] = [:]
            for column in problem.mixBy {
                var counts: [String: Int] = [:]
                for table in round.tables { for seat in table.members { counts[attributes[seat.id]?[column] ?? "", default: 0] += 1 } }
                shares[column] = counts
            }
            for table in round.tables {
                let ids = table.members.map(\.id)
                for (i, a) in ids.enumerated() {
                    for b in ids[(i + 1)...] where unit[a] != unit[b] {
                        meetings[a < b ? "\(a)\u{0}\(b)" : "\(b)\u{0}\(a)", default: 0] += 1
                    }
                }
                for seat in table.members { if let role = seat.role { roleCounts["\(seat.id)\u{0}\(role)", default: 0] += 1 } }
                var off = false
                for column in problem.mixBy {
                    for (value, share) in shares[column] ?? [:] {
                        let here = ids.filter { (attributes[$0]?[column] ?? "") == value }.count
                        let size = ids.count
                        let low = size * share / seatedCount, high = (size * share + seatedCount - 1) / seatedCount
                        if here < low || here > high { off = true }
                    }
                }
                if off { violations += 1 }
            }
        }
        return SeatingPlan.Metrics(
            repeatPairs: meetings.values.reduce(0) { $0 + max(0, $1 - 1) },
            mixViolations: violations,
            roleRepeats: roleCounts.values.reduce(0) { $0 + max(0, $1 - 1) },
            seconds: seconds)
    }
}

/// Builds a first schedule round by round: each unit goes to the table where it meets the fewest people it has
/// already met (and upsets the mix least), never breaking apart, together, pins or the table sizes.
enum InitialSeating {
    /// Seats every round that is not frozen into `state`. Throws when the hard constraints defeat every attempt.
    /// `constructed` gives ready-made seatings for the first rounds to plan (from `Constructions`).
    static func seat(_ state: SearchState, constructed: [[Int]] = [], random: inout SeededRandom) throws(SeatingError) {
        let problem = state.problem
        for round in 0..<problem.frozenRounds {
            state.seatRound(round, seating: problem.frozenSeating[round])
        }
        for round in problem.frozenRounds..<problem.roundCount {
            var seating: [Int]? = round - problem.frozenRounds < constructed.count ? constructed[round - problem.frozenRounds] : nil
            for _ in 0..<40 where seating == nil {
                seating = greedyRound(state, round: round, random: &random)
                if seating != nil { break }
            }
            guard let seating else {
                let apart = (0..<state.n).flatMap { a in
                    ((a + 1)..<max(a + 1, state.n)).filter { problem.apart[a * state.n + $0] }
                        .map { "\"\(problem.people[a].id)|\(problem.people[$0].id)\"" }
                }
                throw .conflictingConstraints([
                    "round \(round + 1): no seating keeps every --apart (\(apart.joined(separator: ", "))) "
                        + "together with the --together groups, pins and \(problem.tableCount[round]) tables"
                ])
            }
            state.seatRound(round, seating: seating)
        }
        state.recomputeCost()
    }

    /// One randomised greedy pass over a round; nil when it painted itself into a corner.
    static func greedyRound(_ state: SearchState, round: Int, random: inout SeededRandom) -> [Int]? {
        let problem = state.problem, n = state.n
        let tables = problem.tableCount[round]
        let sizes = problem.tableSizes[round]
        let smallest = sizes.last ?? 0
        let bigTables = sizes.filter { $0 > smallest }.count
        var load = Array(repeating: 0, count: tables)
        var seated = Array(repeating: [Int](), count: tables)
        var bigUsed = 0
        var seating = Array(repeating: -1, count: n)

        var order = state.unitsInRound[round]
        order.shuffle(using: &random)
        // Pinned units first, then the largest groups, which are hardest to fit.
        order.sort { a, b in
            let pinA = problem.unitPin[a] >= 0, pinB = problem.unitPin[b] >= 0
            if pinA != pinB { return pinA }
            return state.unitPresent[round][a].count > state.unitPresent[round][b].count
        }
        for unit in order {
            let group = state.unitPresent[round][unit]
            let candidates = problem.unitPin[unit] >= 0 ? [problem.unitPin[unit]] : Array(0..<tables)
            var bestTable = -1, bestScore = Int.max, ties = 0
            for table in candidates {
                let newLoad = load[table] + group.count
                let growsBig = newLoad > smallest && load[table] <= smallest
                guard newLoad <= (bigTables > 0 ? smallest + 1 : smallest), !growsBig || bigUsed < bigTables else { continue }
                var score = 0
                var blocked = false
                for person in group {
                    for other in seated[table] {
                        if problem.apart[person * n + other] { blocked = true }
                        if state.meetings(person, other) > 0 { score += 10_000 }
                    }
                    for column in problem.mixColumns {
                        let value = column.valueOf[person]
                        let same = seated[table].filter { column.valueOf[$0] == value }.count
                        let capacity = bigTables > 0 ? smallest + 1 : smallest
                        let high = (capacity * column.presentCounts[round][value] + state.presentCount[round] - 1) / state.presentCount[round]
                        score += (same + 1 > high ? 100 : 0) + same
                    }
                }
                if blocked { continue }
                if score < bestScore {
                    bestScore = score
                    bestTable = table
                    ties = 1
                } else if score == bestScore {
                    ties += 1
                    if random.below(ties) == 0 { bestTable = table }
                }
            }
            guard bestTable >= 0 else { return nil }
            if load[bestTable] + group.count > smallest && load[bestTable] <= smallest { bigUsed += 1 }
            load[bestTable] += group.count
            seated[bestTable] += group
            for person in group { seating[person] = bestTable }
        }
        return seating
    }
}

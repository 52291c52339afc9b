import Basics

/// Builds a first schedule round by round: each unit goes to the table where it meets the fewest people it has
/// already met (and upsets the mix least), never breaking apart, together, pins or the table sizes.
enum InitialSeating {
    /// Seats every round that is not frozen into `state`. Throws when the hard constraints defeat every attempt.
    /// `constructed` gives ready-made seatings for the first rounds to plan (from `Constructions`); `previous`, the
    /// seating of each round in the plan a re-plan replaces, adapted to the room by `ReplanSeeding`.
    static func seat(
        _ state: SearchState, constructed: [[Int]] = [], previous: [[Int]] = [], random: inout SeededRandom
    ) throws(SeatingError) {
        let problem = state.problem
        for round in 0..<problem.frozenRounds {
            state.seatRound(round, seating: problem.frozenSeating[round])
        }
        for round in problem.frozenRounds..<problem.roundCount {
            var seating: [Int]? = round - problem.frozenRounds < constructed.count ? constructed[round - problem.frozenRounds] : nil
            if seating == nil && round < previous.count {
                seating = ReplanSeeding.adapt(previous[round], round: round, state: state, random: &random)
            }
            for _ in 0..<40 where seating == nil {
                seating = greedyRound(state, round: round, random: &random)
                if seating != nil { break }
            }
            guard let seating else {
                let apart = (0..<state.n).flatMap { a in
                    problem.apartOf[a].filter { $0 > a }.map { [problem.people[a].id, problem.people[$0].id] }
                }
                throw .conflictingConstraints([.noSeatingKeepsApart(round: round + 1, apart: apart, tables: problem.tableCount[round])])
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
        var open = Array(0..<tables)
        var openAt = Array(0..<tables)
        let sampleLimit = 64

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
            var bestTable = -1, bestScore = Int.max, ties = 0
            func consider(_ table: Int) {
                let newLoad = load[table] + group.count
                let growsBig = newLoad > smallest && load[table] <= smallest
                guard newLoad <= (bigTables > 0 ? smallest + 1 : smallest), !growsBig || bigUsed < bigTables else { return }
                var score = 0
                var blocked = false
                for person in group {
                    for other in seated[table] {
                        if problem.isApart(person, other) { blocked = true }
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
                if blocked { return }
                if score < bestScore {
                    bestScore = score
                    bestTable = table
                    ties = 1
                } else if score == bestScore {
                    ties += 1
                    if random.below(ties) == 0 { bestTable = table }
                }
            }
            if problem.unitPin[unit] >= 0 {
                consider(problem.unitPin[unit])
            } else if tables <= sampleLimit {
                for table in 0..<tables { consider(table) }
            } else {
                // Thousands of tables: a random sample of the open ones is as good a start and keeps the first
                // seating linear in the room; all of them are tried only when the sample had no room. A table where
                // nobody is met again and nobody shares a value is as good as any, so the sampling stops there.
                for _ in 0..<sampleLimit where !open.isEmpty && bestScore > 0 { consider(open[random.below(open.count)]) }
                if bestTable < 0 { for table in open { consider(table) } }
            }
            guard bestTable >= 0 else { return nil }
            if load[bestTable] + group.count > smallest && load[bestTable] <= smallest { bigUsed += 1 }
            load[bestTable] += group.count
            seated[bestTable] += group
            if load[bestTable] >= (bigTables > 0 ? smallest + 1 : smallest), openAt[bestTable] >= 0 {
                let at = openAt[bestTable], last = open[open.count - 1]
                open[at] = last
                openAt[last] = at
                open.removeLast()
                openAt[bestTable] = -1
            }
            for person in group { seating[person] = bestTable }
        }
        return seating
    }
}

import Basics

/// A re-plan starts from the plan it replaces: after one arrival or departure the old rounds are still nearly
/// perfect, so keeping them and seating only the people they no longer fit is faster and better than a fresh
/// greedy seating (a departure from a constructed 44-person room stays at 0 repeats and 0 mix violations).
enum ReplanSeeding {
    /// The earlier plan's rounds as table indices for `problem`'s people (-1 for anyone it did not seat), one entry
    /// per round of `plan`, in order.
    static func seatings(of plan: SeatingPlan, for problem: SeatingProblem) -> [[Int]] {
        let index = Dictionary(problem.people.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        return plan.rounds.sorted { $0.round < $1.round }.map { round in
            var tableOf = Array(repeating: -1, count: problem.people.count)
            for (table, seated) in round.tables.enumerated() {
                for seat in seated.members { if let person = index[seat.id] { tableOf[person] = table } }
            }
            return tableOf
        }
    }

    /// `previous` adapted to `round` of the room as it is now: the absent leave, whoever breaks a hard constraint or
    /// overfills a table gives up their seat, and those without a seat (newcomers among them) take the free seats
    /// where they meet the fewest people again. Nil when the pins leave no way to do this.
    static func adapt(_ previous: [Int], round: Int, state: SearchState, random: inout SeededRandom) -> [Int]? {
        let problem = state.problem, n = state.n
        let tables = problem.tableCount[round]
        var seating = (0..<n).map { problem.present[round][$0] && previous[$0] < tables ? previous[$0] : -1 }
        func unseat(_ unit: Int) { for person in problem.unitMembers[unit] { seating[person] = -1 } }
        for (unit, members) in problem.unitMembers.enumerated() {
            let at = Set(members.filter { problem.present[round][$0] }.map { seating[$0] })
            if at.count > 1 || (problem.unitPin[unit] >= 0 && at != [problem.unitPin[unit]]) { unseat(unit) }
        }
        for person in 0..<n where seating[person] >= 0 {
            for other in problem.apartOf[person] where seating[other] == seating[person] {
                unseat(problem.unitPin[problem.unitOf[other]] < 0 ? problem.unitOf[other] : problem.unitOf[person])
            }
        }
        var members = Array(repeating: [Int](), count: tables)
        for person in 0..<n where seating[person] >= 0 { members[seating[person]].append(person) }
        // The fullest tables keep the largest sizes; a table over its size gives up movable singles.
        let order = (0..<tables).sorted { members[$0].count > members[$1].count }
        var capacity = Array(repeating: 0, count: tables)
        for (rank, table) in order.enumerated() { capacity[table] = problem.tableSizes[round][rank] }
        for table in 0..<tables {
            while members[table].count > capacity[table] {
                guard let person = members[table].last(where: {
                    problem.unitMembers[problem.unitOf[$0]].count == 1 && problem.unitPin[problem.unitOf[$0]] < 0
                }) else { return nil }
                members[table].removeAll { $0 == person }
                seating[person] = -1
            }
        }
        var waiting = state.unitsInRound[round].filter { seating[state.unitPresent[round][$0][0]] < 0 }
        waiting.sort { a, b in
            let pinA = problem.unitPin[a] >= 0, pinB = problem.unitPin[b] >= 0
            return pinA != pinB ? pinA : state.unitPresent[round][a].count > state.unitPresent[round][b].count
        }
        for unit in waiting {
            let group = state.unitPresent[round][unit]
            let candidates = problem.unitPin[unit] >= 0 ? [problem.unitPin[unit]] : Array(0..<tables)
            var best = -1, bestScore = Int.max, ties = 0
            for table in candidates where members[table].count + group.count <= capacity[table] {
                var score = 0
                for person in group {
                    for other in members[table] {
                        if problem.isApart(person, other) { score = Int.max }
                        if score < Int.max && state.meetings(person, other) > 0 { score += 1_000 }
                    }
                    for column in problem.mixColumns where score < Int.max {
                        score += members[table].filter { column.valueOf[$0] == column.valueOf[person] }.count
                    }
                }
                guard score < Int.max else { continue }
                if score < bestScore {
                    (best, bestScore, ties) = (table, score, 1)
                } else if score == bestScore {
                    ties += 1
                    if random.below(ties) == 0 { best = table }
                }
            }
            guard best >= 0 else { return nil }
            members[best] += group
            for person in group { seating[person] = best }
        }
        return seating
    }
}

import Basics

/// Tabu search over swaps within a round, after Dotú and Van Hentenryck's social golfer search: every step takes
/// the best swap (or move, when tables differ in size) of a unit that is in conflict, forbids undoing it for a
/// few steps, and after a long stall restarts from the best schedule with a random kick.
///
/// Hard constraints hold at every step: together groups move as one unit, pinned units never move, a move
/// that would seat two apart people together is never considered, and table sizes stay within one seat.
struct TabuSearch {
    let state: SearchState
    let deadline: ContinuousClock.Instant
    let maxIterations: Int?
    /// Called when a schedule with no repeats and no mix deviation is found; true stops the search (used when
    /// the role steering is imperfect but the actual roles already reach their lower bound).
    var goodEnough: (SearchState) -> Bool = { _ in false }

    /// Runs until the schedule is perfect (cost 0), the deadline passes or the step budget is spent.
    /// Leaves `state` holding the best schedule found.
    func run(random: inout SeededRandom) {
        let problem = state.problem
        let rounds = Array(problem.frozenRounds..<problem.roundCount)
        let unitCount = problem.unitMembers.count
        let movable = (0..<unitCount).map { problem.unitPin[$0] < 0 }
        var tabu = TabuList(size: problem.roundCount * unitCount * state.maxTables)
        @inline(__always) func tabuIndex(_ round: Int, _ unit: Int, _ table: Int) -> Int {
            (round * unitCount + unit) * state.maxTables + table
        }
        var bestCost = state.cost
        var best = state.tableOf
        var iteration = 0, sinceImprovement = 0, fruitless = 0
        let stallLimit = max(400, 8 * state.n)
        // Short random tenures worked best on the benchmark rooms (longer ones over-restrict small rooms).
        let tenureBase = 2, tenureSpread = 5
        let clock = ContinuousClock()

        var satisfied = state.repeats == 0 && state.mixDeviation == 0 && goodEnough(state)
        while bestCost > 0 && !rounds.isEmpty && !satisfied {
            // Large rooms take long steps: look at the clock on every one, so the time limit holds at any size.
            if (iteration % 32 == 0 || state.n > 1_000) && clock.now >= deadline { break }
            if let maxIterations, iteration >= maxIterations { break }
            iteration += 1
            var bestDelta = Int.max, ties = 0
            var chosen: (round: Int, unit: Int, other: Int, table: Int) = (-1, -1, -1, -1)
            let current = state.cost
            for round in rounds {
            // One step over a room of thousands can outlast a short limit: stop between rounds too.
            if state.n > 1_000 && chosen.unit >= 0 && clock.now >= deadline { break }
            let sizes = problem.tableSizes[round]
            let largest = sizes.first ?? 0, smallest = sizes.last ?? 0
            for unit in conflictedUnits(round: round) where movable[unit] {
                let group = state.unitPresent[round][unit]
                let home = state.table(of: group[0], round: round)
                for other in state.unitsInRound[round] where movable[other] {
                    let otherGroup = state.unitPresent[round][other]
                    guard otherGroup.count == group.count else { continue }
                    let away = state.table(of: otherGroup[0], round: round)
                    guard away != home else { continue }
                    let delta = state.swapDelta(round: round, unitA: unit, unitB: other, limit: bestDelta)
                    guard delta <= bestDelta else { continue }
                    let forbidden = tabu[tabuIndex(round, unit, away)] > iteration || tabu[tabuIndex(round, other, home)] > iteration
                    if forbidden && current + delta >= bestCost { continue }
                    guard state.allowed(group: group, at: away, round: round, leaving: otherGroup),
                        state.allowed(group: otherGroup, at: home, round: round, leaving: group)
                    else { continue }
                    if delta < bestDelta { bestDelta = delta; ties = 0 }
                    ties += 1
                    if random.below(ties) == 0 { chosen = (round, unit, other, away) }
                }
                // Uneven rooms: a lone person may also move from a larger table to a smaller one.
                guard group.count == 1, largest > smallest, state.members[round][home].count == largest else { continue }
                for away in 0..<problem.tableCount[round] where state.members[round][away].count == smallest {
                    let delta = state.moveDelta(round: round, unit: unit, to: away)
                    guard delta <= bestDelta else { continue }
                    if tabu[tabuIndex(round, unit, away)] > iteration && current + delta >= bestCost { continue }
                    guard state.allowed(group: group, at: away, round: round, leaving: []) else { continue }
                    if delta < bestDelta { bestDelta = delta; ties = 0 }
                    ties += 1
                    if random.below(ties) == 0 { chosen = (round, unit, -1, away) }
                }
            }
            }
            guard chosen.unit >= 0 else {
                // Nothing can move: every conflict involves pinned people or apart pairs.
                fruitless += 1
                if fruitless > 3 { break }
                state.restore(best)
                perturb(rounds: rounds, movable: movable, random: &random)
                continue
            }
            fruitless = 0
            let round = chosen.round
            let home = state.table(of: state.unitPresent[round][chosen.unit][0], round: round)
            if chosen.other >= 0 {
                state.applySwap(round: round, unitA: chosen.unit, unitB: chosen.other)
                tabu[tabuIndex(round, chosen.other, chosen.table)] = iteration + tenureBase + random.below(tenureSpread)
            } else {
                state.applyMove(round: round, unit: chosen.unit, to: chosen.table)
            }
            tabu[tabuIndex(round, chosen.unit, home)] = iteration + tenureBase + random.below(tenureSpread)

            if state.cost < bestCost {
                bestCost = state.cost
                best = state.tableOf
                sinceImprovement = 0
                if state.repeats == 0 && state.mixDeviation == 0 && state.roleDeviation > 0 { satisfied = goodEnough(state) }
            } else {
                sinceImprovement += 1
                if sinceImprovement > stallLimit {
                    state.restore(best)
                    perturb(rounds: rounds, movable: movable, random: &random)
                    sinceImprovement = 0
                }
            }
        }
        if state.cost > bestCost || state.tableOf != best { state.restore(best) }
    }

    /// Units that sit with someone they met before, or at a table whose mix is off.
    func conflictedUnits(round: Int) -> [Int] {
        let problem = state.problem
        var result: [Int] = []
        for table in 0..<problem.tableCount[round] {
            let seated = state.members[round][table]
            let penalty = state.tablePenalty(round: round, table: table, size: seated.count)
            let tableOff = penalty.mix > 0 || penalty.role > 0
            for person in seated {
                let unit = problem.unitOf[person]
                guard state.unitPresent[round][unit][0] == person else { continue }
                var conflict = tableOff
                if !conflict {
                    for member in state.unitPresent[round][unit] where !conflict {
                        for other in seated where problem.unitOf[other] != unit && state.meetings(member, other) > 1 {
                            conflict = true
                            break
                        }
                    }
                }
                if conflict { result.append(unit) }
            }
        }
        return result
    }

    /// A few random legal swaps, to leave a basin the tabu list alone cannot escape.
    private func perturb(rounds: [Int], movable: [Bool], random: inout SeededRandom) {
        let kicks = max(2, state.n / 10)
        for _ in 0..<kicks {
            let round = rounds[random.below(rounds.count)]
            let units = state.unitsInRound[round].filter { movable[$0] }
            guard units.count >= 2 else { continue }
            let a = units[random.below(units.count)], b = units[random.below(units.count)]
            let groupA = state.unitPresent[round][a], groupB = state.unitPresent[round][b]
            let tableA = state.table(of: groupA[0], round: round), tableB = state.table(of: groupB[0], round: round)
            guard groupA.count == groupB.count, tableA != tableB,
                state.allowed(group: groupA, at: tableB, round: round, leaving: groupB),
                state.allowed(group: groupB, at: tableA, round: round, leaving: groupA)
            else { continue }
            state.applySwap(round: round, unitA: a, unitB: b)
        }
    }
}


/// Until which step each (round, unit, table) move is forbidden: an array for small rooms, a dictionary of the
/// few entries set for large ones (the array would be rounds × people × tables: 960 MB for 10,000 people).
struct TabuList {
    private var dense: [Int]
    private var sparse: [Int: Int] = [:]

    init(size: Int) {
        dense = size <= 4_000_000 ? Array(repeating: 0, count: size) : []
    }

    subscript(index: Int) -> Int {
        get { dense.isEmpty ? sparse[index] ?? 0 : dense[index] }
        set {
            if dense.isEmpty { sparse[index] = newValue } else { dense[index] = newValue }
        }
    }
}

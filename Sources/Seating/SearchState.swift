/// A full schedule under search, with the counts that make a move's effect cheap to compute:
/// how often each pair has met, and how many of each mix value sit at each table.
///
/// The cost is lexicographic (repeats, then mix deviation, then role-class deviation), folded into one integer
/// with weights large enough that no amount of a lesser term can outweigh one unit of a greater one.
final class SearchState {
    let problem: CompiledProblem
    let n: Int
    let roundCount: Int
    let maxTables: Int
    /// tableOf[r * n + p], -1 when absent.
    private(set) var tableOf: [Int]
    /// members[r][t]
    private(set) var members: [[[Int]]]
    /// Rounds in which each pair shares a table.
    private(set) var meet: PairCounts
    private var mixCounts: [Int32]
    private let valueOffset: [Int]
    private let totalValues: Int
    let presentCount: [Int]
    /// Present members of each unit per round: unitPresent[r][u].
    let unitPresent: [[[Int]]]
    /// Units with someone present, per round.
    let unitsInRound: [[Int]]
    private(set) var repeats = 0
    private(set) var mixDeviation = 0
    private(set) var roleDeviation = 0
    let repeatWeight: Int
    let mixWeight: Int

    var cost: Int { repeats * repeatWeight + mixDeviation * mixWeight + roleDeviation }

    init(problem: CompiledProblem) {
        self.problem = problem
        n = problem.count
        roundCount = problem.roundCount
        maxTables = max(1, problem.tableCount.max() ?? 1)
        tableOf = Array(repeating: -1, count: roundCount * n)
        members = problem.tableCount.map { Array(repeating: [Int](), count: $0) }
        meet = PairCounts(n: n)
        var offsets: [Int] = []
        var total = 0
        for column in problem.mixColumns {
            offsets.append(total)
            total += column.valueCount
        }
        valueOffset = offsets
        totalValues = total
        mixCounts = Array(repeating: 0, count: roundCount * maxTables * max(total, 1))
        presentCount = problem.present.map { $0.filter { $0 }.count }
        unitPresent = problem.present.map { presentInRound in
            problem.unitMembers.map { $0.filter { presentInRound[$0] } }
        }
        unitsInRound = unitPresent.map { units in units.indices.filter { !units[$0].isEmpty } }
        // Deviation per table is at most its size for each column, so these bounds are safe.
        let roleBound = 2 * roundCount * n + 1
        let mixBound = 2 * roundCount * n * max(1, problem.mixColumns.count) + 1
        mixWeight = roleBound + 1
        repeatWeight = (mixBound + 1) * mixWeight
    }

    // MARK: Reading

    @inline(__always) func table(of person: Int, round: Int) -> Int { tableOf[round * n + person] }
    @inline(__always) func meetings(_ a: Int, _ b: Int) -> Int { Int(meet.count(a, b)) }

    /// Seats units in `round` wholesale (used to build the first schedule). `seating[p]` is a table or -1.
    func seatRound(_ round: Int, seating: [Int]) {
        for person in 0..<n where seating[person] >= 0 {
            place(person, at: seating[person], round: round)
        }
    }

    private func place(_ person: Int, at table: Int, round: Int) {
        for other in members[round][table] { bumpMeeting(person, other, by: 1) }
        members[round][table].append(person)
        tableOf[round * n + person] = table
        adjustCounts(person, round: round, table: table, by: 1)
    }

    private func bumpMeeting(_ a: Int, _ b: Int, by change: Int32) {
        meet.bump(a, b, by: change)
    }

    private func adjustCounts(_ person: Int, round: Int, table: Int, by change: Int32) {
        let base = (round * maxTables + table) * totalValues
        for (column, spec) in problem.mixColumns.enumerated() {
            mixCounts[base + valueOffset[column] + spec.valueOf[person]] += change
        }
    }

    /// Recomputes every cost term from scratch (after building, and to check the incremental deltas in tests).
    func recomputeCost() {
        var repeatSum = 0
        meet.forEachMet { a, b, times in
            if times > 1 && problem.unitOf[a] != problem.unitOf[b] { repeatSum += times - 1 }
        }
        repeats = repeatSum
        var mix = 0, role = 0
        for round in 0..<roundCount {
            for table in members[round].indices {
                let (m, r) = tablePenalty(round: round, table: table, size: members[round][table].count)
                mix += m
                role += r
            }
        }
        mixDeviation = mix
        roleDeviation = role
    }

    // MARK: Mix penalty

    /// How far `count` is outside floor...ceil of the proportional share for a table of `size`.
    @inline(__always) func deviation(count: Int, size: Int, share: Int, present: Int) -> Int {
        let low = size * share / present
        let high = (size * share + present - 1) / present
        return count < low ? low - count : (count > high ? count - high : 0)
    }

    func tablePenalty(round: Int, table: Int, size: Int) -> (mix: Int, role: Int) {
        guard totalValues > 0, size > 0 else { return (0, 0) }
        let base = (round * maxTables + table) * totalValues
        var mix = 0, role = 0
        for (column, spec) in problem.mixColumns.enumerated() {
            let counts = spec.presentCounts[round]
            for value in 0..<spec.valueCount {
                let here = Int(mixCounts[base + valueOffset[column] + value])
                let d = deviation(count: here, size: size, share: counts[value], present: presentCount[round])
                if spec.isRoleClass { role += d } else { mix += d }
            }
        }
        return (mix, role)
    }

    /// Change in (mix, role) penalty at a table whose size stays the same when `leaving` go and `arriving` come.
    func exchangePenalty(round: Int, table: Int, leaving: [Int], arriving: [Int]) -> (mix: Int, role: Int) {
        guard totalValues > 0 else { return (0, 0) }
        let base = (round * maxTables + table) * totalValues
        let size = members[round][table].count
        let everyone = leaving.count + arriving.count
        var mix = 0, role = 0
        for (column, spec) in problem.mixColumns.enumerated() {
            let valueOf = spec.valueOf
            @inline(__always) func value(at index: Int) -> Int {
                valueOf[index < leaving.count ? leaving[index] : arriving[index - leaving.count]]
            }
            for position in 0..<everyone {
                let current = value(at: position)
                // Each value is handled once, at its first appearance.
                var seenBefore = false
                for earlier in 0..<position where value(at: earlier) == current { seenBefore = true }
                if seenBefore { continue }
                var net = 0
                for other in leaving where valueOf[other] == current { net -= 1 }
                for other in arriving where valueOf[other] == current { net += 1 }
                guard net != 0 else { continue }
                let here = Int(mixCounts[base + valueOffset[column] + current])
                let share = spec.presentCounts[round][current], present = presentCount[round]
                let d = deviation(count: here + net, size: size, share: share, present: present)
                    - deviation(count: here, size: size, share: share, present: present)
                if spec.isRoleClass { role += d } else { mix += d }
            }
        }
        return (mix, role)
    }

    /// `exchangePenalty` for the common case of two people trading places, without building arrays: the
    /// search evaluates this for nearly every candidate swap, so it dominates the run time of mixed rooms.
    @inline(__always) func singleSwapPenalty(round: Int, a: Int, tableA: Int, b: Int, tableB: Int) -> (mix: Int, role: Int) {
        let baseA = (round * maxTables + tableA) * totalValues, baseB = (round * maxTables + tableB) * totalValues
        let sizeA = members[round][tableA].count, sizeB = members[round][tableB].count
        let present = presentCount[round]
        var mix = 0, role = 0
        for column in 0..<problem.mixColumns.count {
            let spec = problem.mixColumns[column]
            let valueA = spec.valueOf[a], valueB = spec.valueOf[b]
            guard valueA != valueB else { continue }
            let offset = valueOffset[column]
            let shareA = spec.presentCounts[round][valueA], shareB = spec.presentCounts[round][valueB]
            // Table A loses one of a's value and gains one of b's; table B the reverse.
            let aAtA = Int(mixCounts[baseA + offset + valueA]), bAtA = Int(mixCounts[baseA + offset + valueB])
            let aAtB = Int(mixCounts[baseB + offset + valueA]), bAtB = Int(mixCounts[baseB + offset + valueB])
            var d = deviation(count: aAtA - 1, size: sizeA, share: shareA, present: present)
                - deviation(count: aAtA, size: sizeA, share: shareA, present: present)
            d += deviation(count: bAtA + 1, size: sizeA, share: shareB, present: present)
                - deviation(count: bAtA, size: sizeA, share: shareB, present: present)
            d += deviation(count: aAtB + 1, size: sizeB, share: shareA, present: present)
                - deviation(count: aAtB, size: sizeB, share: shareA, present: present)
            d += deviation(count: bAtB - 1, size: sizeB, share: shareB, present: present)
                - deviation(count: bAtB, size: sizeB, share: shareB, present: present)
            if spec.isRoleClass { role += d } else { mix += d }
        }
        return (mix, role)
    }

    /// Change in (mix, role) penalty when one person leaves table `from` for table `to` (sizes change).
    func movePenalty(round: Int, person: Int, from: Int, to: Int) -> (mix: Int, role: Int) {
        guard totalValues > 0 else { return (0, 0) }
        let fromSize = members[round][from].count, toSize = members[round][to].count
        let before = (tablePenalty(round: round, table: from, size: fromSize), tablePenalty(round: round, table: to, size: toSize))
        adjustCounts(person, round: round, table: from, by: -1)
        adjustCounts(person, round: round, table: to, by: 1)
        let after = (tablePenalty(round: round, table: from, size: fromSize - 1), tablePenalty(round: round, table: to, size: toSize + 1))
        adjustCounts(person, round: round, table: to, by: -1)
        adjustCounts(person, round: round, table: from, by: 1)
        return (after.0.mix + after.1.mix - before.0.mix - before.1.mix, after.0.role + after.1.role - before.0.role - before.1.role)
    }

    // MARK: Moves

    /// Repeat-count change when `group` leaves table `from` and joins `to`, while `outgoing` leave `to`.
    @inline(__always) func repeatDelta(group: [Int], from: Int, to: Int, round: Int, outgoing: [Int]) -> Int {
        var delta = 0
        for person in group {
            for other in members[round][from] where !group.contains(other) {
                if meet.count(person, other) >= 2 { delta -= 1 }
            }
            for other in members[round][to] where !outgoing.contains(other) {
                if meet.count(person, other) >= 1 { delta += 1 }
            }
        }
        return delta
    }

    /// `repeatDelta` for two people trading tables, reading the meeting counts through one buffer pointer (the
    /// search's innermost loop; the general version's `contains` checks and array copies cost more than the sums).
    @inline(__always) func singleSwapRepeats(round: Int, a: Int, tableA: Int, b: Int, tableB: Int) -> Int {
        let atA = members[round][tableA], atB = members[round][tableB]
        guard meet.isDense else {
            var delta = 0
            for other in atA where other != a {
                delta += (meet.count(b, other) >= 1 ? 1 : 0) - (meet.count(a, other) >= 2 ? 1 : 0)
            }
            for other in atB where other != b {
                delta += (meet.count(a, other) >= 1 ? 1 : 0) - (meet.count(b, other) >= 2 ? 1 : 0)
            }
            return delta
        }
        let rowA = a * n, rowB = b * n
        return meet.withMatrix { met in
            var delta = 0
            for other in atA where other != a {
                delta += (met[rowB + other] >= 1 ? 1 : 0) - (met[rowA + other] >= 2 ? 1 : 0)
            }
            for other in atB where other != b {
                delta += (met[rowA + other] >= 1 ? 1 : 0) - (met[rowB + other] >= 2 ? 1 : 0)
            }
            return delta
        }
    }

    /// The full cost change of swapping unit `a` (at its table) with unit `b` (at another table) in `round`.
    ///
    /// With a `limit`, returns `Int.max` as soon as the repeat change alone shows the swap costs more than
    /// `limit` (one repeat outweighs any mix or role change), skipping the mix arithmetic: most candidate swaps
    /// the search looks at create a repeat, and it only wants those no worse than its best so far.
    func swapDelta(round: Int, unitA: Int, unitB: Int, limit: Int = Int.max) -> Int {
        let groupA = unitPresent[round][unitA], groupB = unitPresent[round][unitB]
        let tableA = table(of: groupA[0], round: round), tableB = table(of: groupB[0], round: round)
        let single = groupA.count == 1 && groupB.count == 1
        let repeatChange = single
            ? singleSwapRepeats(round: round, a: groupA[0], tableA: tableA, b: groupB[0], tableB: tableB)
            : repeatDelta(group: groupA, from: tableA, to: tableB, round: round, outgoing: groupB)
                + repeatDelta(group: groupB, from: tableB, to: tableA, round: round, outgoing: groupA)
        if limit < Int.max && repeatChange * repeatWeight - repeatWeight / 2 > limit { return Int.max }
        var mix = 0, role = 0
        if totalValues > 0 && single {
            (mix, role) = singleSwapPenalty(round: round, a: groupA[0], tableA: tableA, b: groupB[0], tableB: tableB)
        } else if totalValues > 0 {
            let atA = exchangePenalty(round: round, table: tableA, leaving: groupA, arriving: groupB)
            let atB = exchangePenalty(round: round, table: tableB, leaving: groupB, arriving: groupA)
            mix = atA.mix + atB.mix
            role = atA.role + atB.role
        }
        return repeatChange * repeatWeight + mix * mixWeight + role
    }

    /// The full cost change of moving a one-person unit to another table.
    func moveDelta(round: Int, unit: Int, to: Int) -> Int {
        let group = unitPresent[round][unit], person = group[0]
        let from = table(of: person, round: round)
        let repeatChange = repeatDelta(group: group, from: from, to: to, round: round, outgoing: [])
        let (mix, role) = movePenalty(round: round, person: person, from: from, to: to)
        return repeatChange * repeatWeight + mix * mixWeight + role
    }

    /// Whether `group` may sit at `table` once `leaving` have left it (the apart constraints).
    func allowed(group: [Int], at table: Int, round: Int, leaving: [Int]) -> Bool {
        for person in group where !problem.apartOf[person].isEmpty {
            for other in members[round][table] where problem.isApart(person, other) && !leaving.contains(other) { return false }
        }
        return true
    }

    func applySwap(round: Int, unitA: Int, unitB: Int) {
        let groupA = unitPresent[round][unitA], groupB = unitPresent[round][unitB]
        let tableA = table(of: groupA[0], round: round), tableB = table(of: groupB[0], round: round)
        let delta = swapDelta(round: round, unitA: unitA, unitB: unitB)
        for person in groupA { remove(person, round: round) }
        for person in groupB { remove(person, round: round) }
        for person in groupA { place(person, at: tableB, round: round) }
        for person in groupB { place(person, at: tableA, round: round) }
        applyDelta(round: round, tables: [tableA, tableB], delta: delta)
    }

    func applyMove(round: Int, unit: Int, to: Int) {
        let person = unitPresent[round][unit][0]
        let from = table(of: person, round: round)
        let delta = moveDelta(round: round, unit: unit, to: to)
        remove(person, round: round)
        place(person, at: to, round: round)
        applyDelta(round: round, tables: [from, to], delta: delta)
    }

    private func remove(_ person: Int, round: Int) {
        let table = tableOf[round * n + person]
        members[round][table].removeAll { $0 == person }
        for other in members[round][table] { bumpMeeting(person, other, by: -1) }
        adjustCounts(person, round: round, table: table, by: -1)
        tableOf[round * n + person] = -1
    }

    /// Splits a combined delta back into its terms (the weights make this exact).
    private func applyDelta(round: Int, tables: [Int], delta: Int) {
        var rest = delta
        let repeatPart = (rest + repeatWeight / 2).floorDiv(repeatWeight)
        rest -= repeatPart * repeatWeight
        let mixPart = (rest + mixWeight / 2).floorDiv(mixWeight)
        rest -= mixPart * mixWeight
        repeats += repeatPart
        mixDeviation += mixPart
        roleDeviation += rest
    }

    /// Replaces the whole seating (restoring the best schedule found).
    func restore(_ seating: [Int]) {
        tableOf = Array(repeating: -1, count: roundCount * n)
        members = problem.tableCount.map { Array(repeating: [Int](), count: $0) }
        meet = PairCounts(n: n, dense: meet.isDense)
        mixCounts = Array(repeating: 0, count: mixCounts.count)
        for round in 0..<roundCount {
            seatRound(round, seating: Array(seating[(round * n)..<((round + 1) * n)]))
        }
        recomputeCost()
    }
}

extension Int {
    /// Division rounding towards negative infinity.
    func floorDiv(_ divisor: Int) -> Int {
        let q = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? q - 1 : q
    }
}

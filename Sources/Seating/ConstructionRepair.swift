import Basics

/// Bends a construction's rounds to the room's hard constraints (kept-together groups, pinned seats, apart
/// pairs) with a few swaps per round, so such a room still starts from a nearly perfect schedule and the search
/// only has to mend the handful of repeats the swaps made, instead of starting from a greedy seating.
///
/// Swaps trade people of the same mix values where possible, so a construction that mixed every table perfectly
/// stays perfectly mixed; table sizes never change. Pins are met first by renumbering the round's tables (free,
/// as every table of a construction round is alike), then by swaps.
enum ConstructionRepair {
    /// The repaired rounds, stopping before the first round that could not be repaired (the caller seats the
    /// rest greedily).
    static func repair(_ rounds: [[Int]], problem: CompiledProblem, random: inout SeededRandom) -> [[Int]] {
        var repaired: [[Int]] = []
        let rounds = separateConflictingPairs(rounds, problem: problem)
        for (offset, tableOf) in rounds.enumerated() {
            guard let round = repairRound(tableOf, round: problem.frozenRounds + offset, problem: problem, random: &random)
            else { break }
            repaired.append(round)
        }
        return repaired
    }

    /// Whether the construction's rounds need no repair at all.
    static func needsNoRepair(_ problem: CompiledProblem) -> Bool {
        problem.unitMembers.count == problem.count && problem.unitPin.allSatisfy { $0 < 0 } && !problem.hasApart
    }

    static func repairRound(_ constructed: [Int], round: Int, problem: CompiledProblem, random: inout SeededRandom) -> [Int]? {
        let n = problem.count
        let tables = problem.tableCount[round]
        var tableOf = renumberForPins(constructed, problem: problem, tables: tables)
        var members = Array(repeating: [Int](), count: tables)
        for person in 0..<n where tableOf[person] >= 0 { members[tableOf[person]].append(person) }
        // People whose seat is settled for this round: members of placed groups and pinned people.
        var settled = Array(repeating: false, count: n)

        func sameMix(_ a: Int, _ b: Int) -> Bool {
            problem.mixColumns.allSatisfy { $0.valueOf[a] == $0.valueOf[b] }
        }
        func fitsApart(_ person: Int, at table: Int, without leaving: Int) -> Bool {
            problem.apartOf[person].isEmpty
                || !members[table].contains { $0 != leaving && $0 != person && problem.isApart(person, $0) }
        }
        func swap(_ a: Int, _ b: Int) {
            let tableA = tableOf[a], tableB = tableOf[b]
            members[tableA].removeAll { $0 == a }
            members[tableB].removeAll { $0 == b }
            members[tableA].append(b)
            members[tableB].append(a)
            tableOf[a] = tableB
            tableOf[b] = tableA
        }
        /// Someone at `table` who may trade seats with `person`: a free single, not apart from either side,
        /// of the same mix values when there is one.
        func partner(for person: Int, at table: Int) -> Int? {
            let home = tableOf[person]
            var best: Int?, bestScore = Int.min, ties = 0
            for other in members[table] where !settled[other] && problem.unitMembers[problem.unitOf[other]].count == 1
                && problem.unitPin[problem.unitOf[other]] < 0
            {
                guard fitsApart(person, at: table, without: other), fitsApart(other, at: home, without: person) else { continue }
                let score = (sameMix(person, other) ? 2 : 0) + (problem.apartOf[other].isEmpty ? 1 : 0)
                if score > bestScore {
                    (best, bestScore, ties) = (other, score, 1)
                } else if score == bestScore {
                    ties += 1
                    if random.below(ties) == 0 { best = other }
                }
            }
            return best
        }

        // Groups and pinned people, pinned first, then the largest groups.
        let units = (0..<problem.unitMembers.count).filter {
            problem.unitPin[$0] >= 0 || problem.unitMembers[$0].count > 1
        }.sorted { a, b in
            let pinA = problem.unitPin[a] >= 0, pinB = problem.unitPin[b] >= 0
            return pinA != pinB ? pinA : problem.unitMembers[a].count > problem.unitMembers[b].count
        }
        for unit in units {
            let present = problem.unitMembers[unit].filter { tableOf[$0] >= 0 }
            guard !present.isEmpty else { continue }
            let target = problem.unitPin[unit] >= 0 ? problem.unitPin[unit] : mostCommonTable(of: present, tableOf: tableOf)
            for person in present {
                settled[person] = true
                guard tableOf[person] != target else { continue }
                guard let other = partner(for: person, at: target) else { return nil }
                swap(person, other)
            }
        }
        // Apart pairs that share a table: the freer one trades seats with someone elsewhere.
        for person in 0..<n where tableOf[person] >= 0 && !problem.apartOf[person].isEmpty && !settled[person] {
            guard members[tableOf[person]].contains(where: { problem.isApart(person, $0) }) else { continue }
            let elsewhere = (0..<problem.tableCount[round]).filter { $0 != tableOf[person] }.shuffled(using: &random)
            // Someone of the same mix values first, so the table's mix stays as the construction made it.
            var other: Int?
            for table in elsewhere {
                guard let candidate = partner(for: person, at: table) else { continue }
                if other == nil { other = candidate }
                if sameMix(person, candidate) {
                    other = candidate
                    break
                }
            }
            guard let other else { return nil }
            swap(person, other)
        }
        return satisfiesHardConstraints(tableOf, problem: problem) ? tableOf : nil
    }

    /// Keeps apart pairs, and people pinned to different tables, from ever meeting by trading one of them, for the
    /// whole schedule, with someone of the same mix values whom the other never meets. Trading two people's seats in
    /// every round leaves the schedule as perfect as it was (the same tables, the same mix, only the names change),
    /// so this costs no repeat at all; the per-round swaps are left for the pairs no such trade can separate.
    static func separateConflictingPairs(_ rounds: [[Int]], problem: CompiledProblem) -> [[Int]] {
        var rounds = rounds
        let n = problem.count
        let pinOf = (0..<n).map { problem.unitPin[problem.unitOf[$0]] }
        // Pins conflict pairwise, so many of them (a host at every table) are left to the per-round swaps: trading
        // names would cost hosts × hosts × people steps.
        let allPinned = (0..<n).filter { pinOf[$0] >= 0 }
        let pinned = allPinned.count <= 64 ? allPinned : []
        // Only single people trade names: a together group's members must keep sharing their seats' tables.
        func single(_ person: Int) -> Bool { problem.unitMembers[problem.unitOf[person]].count == 1 }
        func conflicts(of person: Int) -> [Int] {
            pinOf[person] < 0 || pinned.isEmpty ? problem.apartOf[person] : problem.apartOf[person] + pinned.filter { pinOf[$0] != pinOf[person] }
        }
        func meet(_ a: Int, _ b: Int) -> Bool { rounds.contains { $0[a] >= 0 && $0[a] == $0[b] } }
        /// Whether, after `person` and `other` trade names, `person` (in `other`'s seats) meets none of its conflicts.
        func clear(_ person: Int, tradingWith other: Int) -> Bool {
            conflicts(of: person).allSatisfy { partner in !meet(other, partner == other ? person : partner) }
        }
        for a in 0..<n {
            for b in conflicts(of: a) where b > a && meet(a, b) {
                guard let (moving, staying) = single(b) ? (b, a) : (single(a) ? (a, b) : nil) else { continue }
                let candidate = (0..<n).first { x in
                    x != moving && x != staying && single(x) && problem.mixColumns.allSatisfy { $0.valueOf[x] == $0.valueOf[moving] }
                        && clear(moving, tradingWith: x) && clear(x, tradingWith: moving)
                }
                guard let x = candidate else { continue }
                for round in rounds.indices { rounds[round].swapAt(moving, x) }
            }
        }
        return rounds
    }

    /// Renumbers the tables so that as many pinned people as possible already sit at their pinned table.
    static func renumberForPins(_ tableOf: [Int], problem: CompiledProblem, tables: Int) -> [Int] {
        var mapping = Array(repeating: -1, count: tables)
        var taken = Array(repeating: false, count: tables)
        for unit in problem.unitMembers.indices where problem.unitPin[unit] >= 0 && problem.unitPin[unit] < tables {
            guard let person = problem.unitMembers[unit].first(where: { tableOf[$0] >= 0 }) else { continue }
            let from = tableOf[person], to = problem.unitPin[unit]
            if mapping[from] < 0 && !taken[to] {
                mapping[from] = to
                taken[to] = true
            }
        }
        var free = (0..<tables).filter { !taken[$0] }.makeIterator()
        for table in 0..<tables where mapping[table] < 0 { mapping[table] = free.next() ?? table }
        return tableOf.map { $0 >= 0 ? mapping[$0] : -1 }
    }

    private static func mostCommonTable(of people: [Int], tableOf: [Int]) -> Int {
        var counts: [Int: Int] = [:]
        for person in people { counts[tableOf[person], default: 0] += 1 }
        return counts.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }!.key
    }

    /// Every together group at one table, every pin kept, no apart pair together.
    static func satisfiesHardConstraints(_ tableOf: [Int], problem: CompiledProblem) -> Bool {
        for (unit, members) in problem.unitMembers.enumerated() {
            let tables = Set(members.map { tableOf[$0] }.filter { $0 >= 0 })
            if tables.count > 1 { return false }
            if problem.unitPin[unit] >= 0, let table = tables.first, table != problem.unitPin[unit] { return false }
        }
        for person in tableOf.indices where tableOf[person] >= 0 {
            for other in problem.apartOf[person] where tableOf[other] == tableOf[person] { return false }
        }
        return true
    }
}

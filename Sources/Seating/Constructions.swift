import Basics

/// Perfect schedules from design theory, used as the starting point when the room fits one: nobody meets
/// anyone twice in the constructed rounds, and the tabu search only has to finish the rest.
///
/// - Resolvable transversal designs (`TransversalDesigns`, after Bose 1938): person (i, j) sits at table
///   i + a_r*e_j in round r over GF(T) or Z_T, with the room's groups laid out by column so every table is
///   mixed; with s = T over a field this is the affine plane AG(2, T) and a last round seats people by j.
/// - Partial spreads of GF(p)^m: with n = p^m people and tables of p^d, a round is the set of cosets of a
///   d-dimensional subspace. Two people meet in a round iff their difference lies in that subspace, so
///   subspaces meeting only in 0 never repeat a pair (e.g. 32 at 4: 9 rounds; 16 at 4: 5; 64 at 8: 9).
/// - Cyclic resolvable designs (`CyclicDesigns`): a base parallel class found at run time and shifted round
///   by round (e.g. 40 at 4: 13 rounds).
/// - Kirkman triple systems (`KirkmanTripleSystems`) for tables of 3.
/// - A resolvable group divisible design (`GroupDivisibleDesigns`): 32 at 4 for 10 rounds, where only 16 fixed
///   pairs never meet, from two affine planes of order 4 whose lines are split into tables by solving a linear
///   system over GF(2).
enum Constructions {
    /// Rounds for the first rounds to plan (maybe fewer than asked), or nil when no construction fits: perfect
    /// when only the room's shape and its mix matter, otherwise bent to the together groups, pins and apart
    /// pairs by `ConstructionRepair`. Among the constructions that apply, the one covering the most rounds wins,
    /// then the one with the fewest tables off their mix.
    static func schedule(for problem: CompiledProblem, random: inout SeededRandom) -> [[Int]]? {
        let needsRepair = !ConstructionRepair.needsNoRepair(problem)
        // Constructions know nothing of role classes: with roles to rotate as well as constraints to repair, the
        // greedy start (which seats by class) reaches the role bound sooner (the 40-person stakeholder room with two
        // apart pairs and four roles: about 0.05 s from the greedy start against 0.1 to 0.3 s from the construction).
        if needsRepair && problem.mixColumns.contains(where: \.isRoleClass) { return nil }
        guard let rounds = perfectSchedule(for: problem, random: &random) else { return nil }
        if !needsRepair { return rounds }
        let repaired = ConstructionRepair.repair(rounds, problem: problem, random: &random)
        return repaired.isEmpty ? nil : repaired
    }

    /// The construction's rounds for the room's shape and mix, ignoring together groups, pins and apart pairs.
    static func perfectSchedule(for problem: CompiledProblem, random: inout SeededRandom) -> [[Int]]? {
        let n = problem.count
        guard problem.frozenRounds == 0, problem.present.allSatisfy({ $0.allSatisfy { $0 } }),
            let sizes = problem.tableSizes.first, let size = sizes.first, problem.tableSizes.allSatisfy({ $0 == sizes })
        else { return nil }
        let tables = sizes.count
        let groupOf = problem.mixColumns.first?.valueOf ?? Array(repeating: 0, count: n)
        var candidates: [[[Int]]] = []
        if let transversal = TransversalDesigns.rounds(
            people: n, groupOf: groupOf, tables: tables, size: size, rounds: problem.roundCount, mixing: !problem.mixColumns.isEmpty)
        {
            candidates.append(transversal)
        }
        if sizes.allSatisfy({ $0 == size }) {
            let spread = spreadRounds(people: n, size: size, rounds: problem.roundCount, random: &random)
            let cyclic = CyclicDesigns.schedule(people: n, size: size, rounds: problem.roundCount)
            let divisible = GroupDivisibleDesigns.schedule(people: n, size: size, rounds: problem.roundCount)
            let kirkman = KirkmanTripleSystems.schedule(people: n, size: size, rounds: problem.roundCount)
            candidates += [spread, cyclic, divisible, kirkman].compactMap { $0 }
        }
        guard !candidates.isEmpty else { return nil }
        let scored = candidates.map { ($0, mixViolations($0, problem: problem)) }
        return scored.max { a, b in a.0.count != b.0.count ? a.0.count < b.0.count : a.1 > b.1 }?.0
    }

    /// Tables whose mix is off in `rounds` (tableOf per person), over every mix column but the role steering.
    static func mixViolations(_ rounds: [[Int]], problem: CompiledProblem) -> Int {
        let columns = problem.mixColumns.filter { !$0.isRoleClass }
        guard !columns.isEmpty else { return 0 }
        var violations = 0
        for (round, tableOf) in rounds.enumerated() {
            let tables = (tableOf.max() ?? -1) + 1
            let present = problem.present[round].filter { $0 }.count
            var size = Array(repeating: 0, count: tables)
            for table in tableOf where table >= 0 { size[table] += 1 }
            var off = Array(repeating: false, count: tables)
            for column in columns {
                var counts = Array(repeating: 0, count: tables * column.valueCount)
                for (person, table) in tableOf.enumerated() where table >= 0 { counts[table * column.valueCount + column.valueOf[person]] += 1 }
                for table in 0..<tables {
                    for value in 0..<column.valueCount {
                        let share = column.presentCounts[round][value], here = counts[table * column.valueCount + value]
                        if here < size[table] * share / present || here > (size[table] * share + present - 1) / present { off[table] = true }
                    }
                }
            }
            violations += off.filter { $0 }.count
        }
        return violations
    }

    static func spreadRounds(people: Int, size: Int, rounds: Int, random: inout SeededRandom) -> [[Int]]? {
        guard let (prime, dimension) = primePower(people), let (sizePrime, subDimension) = primePower(size),
            sizePrime == prime, subDimension < dimension, subDimension >= 1
        else { return nil }
        let field = VectorSpace(prime: prime, dimension: dimension)
        var best: [[Int]] = []
        // A few randomised greedy attempts; each collects subspaces that meet the chosen ones only in 0.
        for _ in 0..<30 {
            var covered = Array(repeating: false, count: people)
            var chosen: [[Int]] = []
            var failures = 0
            while chosen.count < rounds && failures < 400 {
                let subspace = field.randomSubspace(dimension: subDimension, random: &random)
                if subspace.count != size || subspace.contains(where: { $0 != 0 && covered[$0] }) {
                    failures += 1
                    continue
                }
                for vector in subspace { covered[vector] = true }
                chosen.append(subspace)
            }
            if chosen.count > best.count { best = chosen }
            if best.count >= rounds { break }
        }
        guard !best.isEmpty else { return nil }
        return best.map { subspace in
            var tableOfCoset: [Int: Int] = [:]
            return (0..<people).map { person in
                let key = subspace.map { field.add(person, $0) }.min() ?? person
                if let table = tableOfCoset[key] { return table }
                tableOfCoset[key] = tableOfCoset.count
                return tableOfCoset.count - 1
            }
        }
    }

    static func isPrime(_ value: Int) -> Bool {
        guard value >= 2 else { return false }
        var divisor = 2
        while divisor * divisor <= value {
            if value % divisor == 0 { return false }
            divisor += 1
        }
        return true
    }

    /// (p, k) with value = p^k, p prime, k >= 1.
    static func primePower(_ value: Int) -> (Int, Int)? {
        guard value >= 2 else { return nil }
        var prime = 2
        while value % prime != 0 { prime += 1 }
        var rest = value, power = 0
        while rest % prime == 0 {
            rest /= prime
            power += 1
        }
        return rest == 1 ? (prime, power) : nil
    }
}

/// GF(p)^m with vectors stored as integers in base p.
struct VectorSpace {
    let prime: Int
    let dimension: Int

    func add(_ a: Int, _ b: Int) -> Int {
        var result = 0, place = 1, x = a, y = b
        for _ in 0..<dimension {
            result += ((x % prime + y % prime) % prime) * place
            x /= prime
            y /= prime
            place *= prime
        }
        return result
    }

    func scale(_ a: Int, by factor: Int) -> Int {
        var result = 0, place = 1, x = a
        for _ in 0..<dimension {
            result += ((x % prime) * factor % prime) * place
            x /= prime
            place *= prime
        }
        return result
    }

    /// The span of `dimension` random vectors (smaller when they happen to be dependent).
    func randomSubspace(dimension subDimension: Int, random: inout SeededRandom) -> [Int] {
        var total = 1
        for _ in 0..<dimension { total *= prime }
        var span: Set<Int> = [0]
        for _ in 0..<subDimension {
            let generator = 1 + random.below(total - 1)
            var next = span
            for vector in span {
                for factor in 1..<prime { next.insert(add(vector, scale(generator, by: factor))) }
            }
            span = next
        }
        return span.sorted()
    }
}

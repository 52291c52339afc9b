import Foundation

/// A resolvable group divisible design with blocks of 4: the people fall into "groups" whose members never share
/// a table, anyone from different groups shares a table exactly once, and the blocks fall into parallel classes
/// (rounds) that seat everyone once.
struct ResolvableGroupDivisibleDesign: Sendable, Equatable {
    let people: Int
    /// Each parallel class as its tables, every table a list of people.
    let parallelClasses: [[[Int]]]

    /// The table of every person in each of the first `count` rounds (count <= the number of classes).
    func rounds(_ count: Int) -> [[Int]] {
        parallelClasses.prefix(max(0, count)).map { tables in
            var tableOf = Array(repeating: -1, count: people)
            for (table, members) in tables.enumerated() {
                for person in members { tableOf[person] = table }
            }
            return tableOf
        }
    }
}

/// Group divisible designs built at run time from finite geometry and linear algebra over GF(2).
enum GroupDivisibleDesigns {
    /// Perfect rounds for `people` at tables of `size` (at most `rounds`), or nil when no construction applies.
    static func schedule(people: Int, size: Int, rounds: Int) -> [[Int]]? {
        guard people == 32, size == 4, rounds > 0, let design = pairsOfSixteen else { return nil }
        return design.rounds(rounds)
    }

    /// The 4-RGDD of type 2^16 (the social golfer instance 8-4-10), built once per process.
    static let pairsOfSixteen: ResolvableGroupDivisibleDesign? = liftedAffinePlanes()

    /// A resolvable 4-GDD of type 2^16: 32 people, 10 rounds of 8 tables of 4, where people 2g and 2g + 1 never
    /// meet and every other pair meets exactly once. Ten rounds are the most possible: each round gives a person 3
    /// new tablemates, and 31 = 3 · 10 + 1 leaves exactly one person unmet, so the unmet pairs form a perfect
    /// matching and the rounds are exactly such a design.
    ///
    /// The construction doubles a resolvable design on the 16 groups and splits every block in two:
    /// - Groups are the vectors of GF(2)^4 = GF(4)^2 (group 4x + y for x, y in GF(4), addition is XOR), and
    ///   person 2g + s is member s of group g.
    /// - Rounds 1-5 are the parallel classes of the affine plane AG(2, 4): the cosets of the five GF(4)-lines
    ///   through 0, which form a regular spread of GF(2)^4 by 2-dimensional subspaces.
    /// - Rounds 6-10 are the images of those classes under the GF(2)-linear map `twist` (bit 0 fixed, bits
    ///   1 → 2 → 3 → 1), the cosets of a second regular spread that shares no line with the first.
    ///   Together the 40 lines hold every pair of groups exactly twice, once in each plane.
    /// - A line L with a 2-colouring c: L → GF(2) becomes the tables {2g + c(g)} and {2g + 1 - c(g)} for g in L,
    ///   so each round seats everyone once. At these tables (g, s) meets (h, t) iff s + t = c(g) + c(h).
    ///   A pair of groups {g, h} lies on one line of each plane, L and L', so its four cross pairs meet exactly
    ///   once iff c_L(g) + c_L(h) + c_L'(g) + c_L'(h) = 1.
    /// - These are 120 linear equations over GF(2) in 120 unknowns (three colours per line, its first point
    ///   coloured 0), solved by Gaussian elimination with free unknowns set to 0. Adding one function
    ///   f(g) + f(h) to every line's colouring changes no equation, so the rank is at most 105 and the system can
    ///   be inconsistent: it is (rank 60, 81 or 90) whenever the second spread shares a line with the first, and
    ///   consistent with rank 101 for each of the 30 regular spreads that share none. (Two copies of one line
    ///   would need colourings c, c' with c + c' different at every two of its 4 points: impossible.)
    static func liftedAffinePlanes() -> ResolvableGroupDivisibleDesign? {
        // GF(4) = {0, 1, ω, ω²} coded 0, 1, 2, 3 (ω² = ω + 1), so addition is XOR.
        func multiply(_ a: Int, _ b: Int) -> Int {
            guard a != 0, b != 0 else { return 0 }
            let logarithm = [0, 0, 1, 2]
            return [1, 2, 3][(logarithm[a] + logarithm[b]) % 3]
        }
        // The five parallel classes of AG(2, 4): y = m·x + c for each slope m, then the verticals x = c.
        var plane: [[[Int]]] = (0..<4).map { slope in
            (0..<4).map { c in (0..<4).map { x in 4 * x + (multiply(slope, x) ^ c) } }
        }
        plane.append((0..<4).map { c in (0..<4).map { y in 4 * c + y } })
        func twist(_ g: Int) -> Int { (g & 1) | ((g << 1) & 0b1100) | ((g >> 2) & 0b10) }
        let classes = plane + plane.map { lines in lines.map { line in line.map(twist) } }
        let lines = classes.flatMap { $0 }

        // Unknown 3·line + k - 1 is the colour of the line's point k (k = 1, 2, 3); bit 120 is the right-hand side.
        var occurrences: [[Int]] = Array(repeating: [], count: 16 * 16)
        for (index, line) in lines.enumerated() {
            for g in line { for h in line where g < h { occurrences[16 * g + h].append(index) } }
        }
        var equations: [BitRow] = []
        for g in 0..<16 {
            for h in (g + 1)..<16 {
                guard occurrences[16 * g + h].count == 2 else { return nil }
                var row = BitRow()
                row.flip(120)
                for index in occurrences[16 * g + h] {
                    for point in [g, h] {
                        let k = lines[index].firstIndex(of: point)!
                        if k > 0 { row.flip(3 * index + k - 1) }
                    }
                }
                equations.append(row)
            }
        }
        guard let colours = BitRow.solve(equations, unknowns: 120) else { return nil }

        let parallelClasses = classes.enumerated().map { offset, lines in
            lines.enumerated().flatMap { position, line -> [[Int]] in
                let index = offset * 4 + position
                let colour = line.indices.map { $0 == 0 ? 0 : colours[3 * index + $0 - 1] }
                return [line.indices.map { 2 * line[$0] + colour[$0] }, line.indices.map { 2 * line[$0] + 1 - colour[$0] }]
            }
        }
        let design = ResolvableGroupDivisibleDesign(people: 32, parallelClasses: parallelClasses)
        return CyclicDesign.isPerfect(design.rounds(classes.count), size: 4) ? design : nil
    }
}

/// A row of a linear system over GF(2) with up to 128 columns.
private struct BitRow {
    var words: (UInt64, UInt64) = (0, 0)

    func bit(_ column: Int) -> Int {
        Int(((column < 64 ? words.0 : words.1) >> UInt64(column % 64)) & 1)
    }

    mutating func flip(_ column: Int) {
        if column < 64 { words.0 ^= 1 << UInt64(column) } else { words.1 ^= 1 << UInt64(column - 64) }
    }

    mutating func add(_ other: BitRow) {
        words.0 ^= other.words.0
        words.1 ^= other.words.1
    }

    /// A solution of the rows (right-hand side in column `unknowns`), free unknowns 0, or nil if inconsistent.
    static func solve(_ rows: [BitRow], unknowns: Int) -> [Int]? {
        var rows = rows
        var pivots: [Int] = []
        for column in 0..<unknowns {
            guard let found = (pivots.count..<rows.count).first(where: { rows[$0].bit(column) == 1 }) else { continue }
            rows.swapAt(found, pivots.count)
            let pivot = rows[pivots.count]
            for index in rows.indices where index != pivots.count && rows[index].bit(column) == 1 {
                rows[index].add(pivot)
            }
            pivots.append(column)
        }
        // Rows below the pivots have no unknowns left; a 1 on the right-hand side there is a contradiction.
        guard rows[pivots.count...].allSatisfy({ $0.bit(unknowns) == 0 }) else { return nil }
        var solution = Array(repeating: 0, count: unknowns)
        for (row, column) in pivots.enumerated() { solution[column] = rows[row].bit(unknowns) }
        return solution
    }
}

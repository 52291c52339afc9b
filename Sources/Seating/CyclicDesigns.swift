import Foundation

/// Resolvable designs developed from one base parallel class over the cyclic group Z_v.
///
/// The finite points are Z_v × {0, ..., levels - 1} (person `level * v + x`), followed by points at infinity that
/// the group fixes. Round t seats the base class shifted by t on every finite point. Two finite people at the same
/// level meet in a round only through a block holding a pair with the same difference ±d; at different levels,
/// through a block holding the same "mixed" difference; someone at infinity meets level i through the one block
/// holding them. So when the base class uses each such difference at most once (and never v/2, whose pairs
/// the shifts would cover twice), no pair ever meets twice over the v rounds.
struct CyclicDesign: Sendable, Equatable {
    let modulus: Int
    let levels: Int
    let infinities: Int
    /// The base parallel class: blocks of people numbered as above, covering everyone once.
    let baseBlocks: [[Int]]

    var people: Int { modulus * levels + infinities }

    /// The table of every person in each of the first `count` rounds (count <= modulus).
    func rounds(_ count: Int) -> [[Int]] {
        let finite = modulus * levels
        return (0..<min(count, modulus)).map { shift in
            var tableOf = Array(repeating: -1, count: people)
            for (table, block) in baseBlocks.enumerated() {
                for point in block {
                    let person = point >= finite ? point : (point / modulus) * modulus + (point % modulus + shift) % modulus
                    tableOf[person] = table
                }
            }
            return tableOf
        }
    }

    /// Whether `rounds` seat everyone once per round at tables of `size` and no pair meets twice.
    static func isPerfect(_ rounds: [[Int]], size: Int) -> Bool {
        guard let first = rounds.first else { return true }
        let n = first.count
        var met = Array(repeating: false, count: n * n)
        for tableOf in rounds {
            var tables: [Int: [Int]] = [:]
            for (person, table) in tableOf.enumerated() {
                guard table >= 0 else { return false }
                tables[table, default: []].append(person)
            }
            for members in tables.values {
                guard members.count == size else { return false }
                for a in members {
                    for b in members where a < b {
                        if met[a * n + b] { return false }
                        met[a * n + b] = true
                    }
                }
            }
        }
        return true
    }
}

/// Finds base classes at run time (never copied from tables) and remembers them per shape.
enum CyclicDesigns {
    private static let cache = DesignCache()

    /// Perfect rounds for `people` at tables of `size`, as many as a known cyclic construction gives (at most
    /// `rounds`), or nil when none applies.
    static func schedule(people: Int, size: Int, rounds: Int) -> [[Int]]? {
        guard size == 4, people % 4 == 1 || people % 4 == 0 else { return nil }
        // n = 3v + 1 with v prime, v ≡ 1 (mod 12): a resolvable 2-(n, 4, 1) design with v rounds.
        if (people - 1) % 3 == 0 {
            let v = (people - 1) / 3
            if v % 12 == 1, v <= 61, Constructions.isPrime(v),
                let design = cache.design(key: "3v+1:\(v)", make: { threeLevelDesign(prime: v) })
            {
                return design.rounds(rounds)
            }
        }
        return nil
    }

    /// A resolvable 2-(3v+1, 4, 1) design: points Z_v × {0,1,2} ∪ {∞}, v prime ≡ 1 (mod 12).
    ///
    /// The base class holds {∞, (0,0), (0,1), (0,2)} and 3(v-1)/4 blocks with two points on each of two levels.
    /// To shrink the search, the class is invariant under μ: (x, i) ↦ (m·x, i+1), m of order 3 mod v, so only
    /// (v-1)/4 blocks on levels 0 and 1 are chosen; μ and μ² give those on levels (1,2) and (2,0). With A the
    /// level-0 points of the chosen blocks and B their level-1 points, everything reduces to conditions on level 0:
    /// - A and m²B partition Z_v \ {0} (level 0 is then covered; μ covers the other levels the same way);
    /// - the differences within A's pairs and within m²B's pairs give each ±d once (pure differences; μ
    ///   multiplies them by m, a bijection, so the other levels follow);
    /// - the 4 differences b - a of each chosen block are distinct and nonzero across blocks (mixed differences;
    ///   μ and μ² give m(b - a) and -m²(b - a) on the other level pairs, again all distinct and nonzero).
    /// The ∞-block supplies mixed difference 0 on each level pair and meets every finite point once.
    static func threeLevelDesign(prime v: Int) -> CyclicDesign? {
        guard let m = (2..<v).first(where: { $0 * $0 % v * $0 % v == 1 }) else { return nil }
        let m2 = m * m % v
        let blockCount = (v - 1) / 4
        var covered = Array(repeating: false, count: v)  // level 0: A ∪ m²B
        covered[0] = true
        var pure = Array(repeating: false, count: v / 2 + 1)
        var mixed = Array(repeating: false, count: v)
        mixed[0] = true
        var chosen: [(a: (Int, Int), b: (Int, Int))] = []
        var nodes = 0
        @inline(__always) func difference(_ x: Int, _ y: Int) -> Int { ((y - x) % v + v) % v }
        @inline(__always) func pureClass(_ x: Int, _ y: Int) -> Int { let d = difference(x, y); return min(d, v - d) }

        // Tries to add the block {(a1,0),(a2,0),(b1,1),(b2,1)}; undoes nothing, callers undo on the way back.
        func fits(_ a1: Int, _ a2: Int, _ b1: Int, _ b2: Int) -> Bool {
            let images = [a1, a2, m2 * b1 % v, m2 * b2 % v]
            if Set(images).count < 4 || images.contains(where: { covered[$0] }) { return false }
            let classes = [pureClass(a1, a2), pureClass(images[2], images[3])]
            if classes[0] == classes[1] || classes.contains(where: { pure[$0] }) { return false }
            let differences = [difference(a1, b1), difference(a1, b2), difference(a2, b1), difference(a2, b2)]
            return Set(differences).count == 4 && !differences.contains(where: { mixed[$0] })
        }
        func mark(_ a1: Int, _ a2: Int, _ b1: Int, _ b2: Int, _ value: Bool) {
            for point in [a1, a2, m2 * b1 % v, m2 * b2 % v] { covered[point] = value }
            pure[pureClass(a1, a2)] = value
            pure[pureClass(m2 * b1 % v, m2 * b2 % v)] = value
            for d in [difference(a1, b1), difference(a1, b2), difference(a2, b1), difference(a2, b2)] { mixed[d] = value }
        }
        func place(_ a1: Int, _ a2: Int, _ b1: Int, _ b2: Int) -> Bool {
            guard fits(a1, a2, b1, b2) else { return false }
            mark(a1, a2, b1, b2, true)
            chosen.append(((a1, a2), (b1, b2)))
            if extend() { return true }
            chosen.removeLast()
            mark(a1, a2, b1, b2, false)
            return false
        }
        // The smallest uncovered point of level 0 must be in A or in m²B: branch on which, so each class is
        // reached once and the search stays small.
        func extend() -> Bool {
            nodes += 1
            if chosen.count == blockCount { return true }
            guard nodes < 2_000_000, let u = (1..<v).first(where: { !covered[$0] }) else { return false }
            for a2 in (u + 1)..<v where !covered[a2] {
                for b1 in 1..<v { for b2 in (b1 + 1)..<v where place(u, a2, b1, b2) { return true } }
            }
            let b1 = m * u % v  // m² · (m·u) = u
            for b2 in 1..<v where b2 != b1 {
                for a1 in 1..<v where !covered[a1] {
                    for a2 in (a1 + 1)..<v where !covered[a2] && place(a1, a2, b1, b2) { return true }
                }
            }
            return false
        }
        guard extend() else { return nil }

        let infinity = 3 * v
        var blocks = [[infinity, 0, v, 2 * v]]
        for (a, b) in chosen {
            var power = 1
            for level in 0..<3 {  // μ^level of the chosen block: multiply by m^level, move up `level` levels.
                let low = level, high = (level + 1) % 3
                blocks.append([low * v + power * a.0 % v, low * v + power * a.1 % v,
                               high * v + power * b.0 % v, high * v + power * b.1 % v])
                power = power * m % v
            }
        }
        let design = CyclicDesign(modulus: v, levels: 3, infinities: 1, baseBlocks: blocks)
        return CyclicDesign.isPerfect(design.rounds(v), size: 4) ? design : nil
    }
}

/// Designs found so far, per shape, shared by every plan in the process (the search is deterministic, so this
/// only saves time).
private final class DesignCache: @unchecked Sendable {
    private let lock = NSLock()
    private var designs: [String: CyclicDesign?] = [:]

    func design(key: String, make: () -> CyclicDesign?) -> CyclicDesign? {
        lock.lock()
        defer { lock.unlock() }
        if let known = designs[key] { return known }
        let made = make()
        designs[key] = made
        return made
    }
}

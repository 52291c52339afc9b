import Foundation

/// Kirkman (and nearly Kirkman) triple systems for tables of 3, found at run time as difference families.
///
/// Points are Z_q × {0, ..., levels − 1} (person `level·q + x`) plus up to two points at infinity. A base
/// parallel class is developed over Z_q (round t adds t to every finite point), as in the 1-rotational
/// constructions of Buratti and Zuanni ("G-invariantly resolvable Steiner 2-designs which are 1-rotational
/// over G", Bull. Belg. Math. Soc. 5, 1998) and the classical KTS(15) of Kirkman's schoolgirl problem
/// (Z_7 × 2 ∪ {∞}). With three levels, further rounds are classes fixed by Z_q, {(x, 0), (x + a, 1), (x + b, 2)}
/// for all x, as in Ray-Chaudhuri and Wilson's KTS(3q), q ≡ 1 (mod 6) ("Solution of Kirkman's schoolgirl
/// problem", Proc. Symp. Pure Math. 19, AMS 1971): KTS(21) is Z_7 × 3 with 7 developed and 3 fixed rounds.
///
/// No pair meets twice when each "difference" is used at most once over the base class and the fixed
/// classes: ±d within a level (never q/2, whose pairs two shifts would both cover), d from level l to level m,
/// and each point at infinity sits with at most one point of each level. Then every pair of the resulting
/// rounds meets at most once (checked again on the result). Nearly Kirkman systems (24 at 3 for 11 rounds,
/// Z_11 × 2 ∪ {∞₁, ∞₂}) come out of the same search, one difference left unused.
enum KirkmanTripleSystems {
    private static let cache = ShapeCache<[[Int]]?>()

    /// Perfect rounds for `people` at tables of 3, as many as a shape found gives (at most `rounds`), or nil.
    static func schedule(people: Int, size: Int, rounds: Int) -> [[Int]]? {
        guard size == 3, people % 3 == 0, people >= 9, people <= 99 else { return nil }
        guard let found = cache.value(key: "\(people)", make: { search(people: people) }) else { return nil }
        return Array(found.prefix(rounds))
    }

    /// The shapes (q, levels, infinities, fixed classes) that could give the most rounds, tried in that order.
    static func search(people n: Int) -> [[Int]]? {
        var shapes: [Shape] = []
        for levels in 1...3 {
            for infinities in 0...2 where (n - infinities) % levels == 0 {
                let q = (n - infinities) / levels
                guard q >= 3 else { continue }
                let fixed = levels == 3 && infinities == 0 ? (q - 1) / 2 : 0
                shapes.append(Shape(modulus: q, levels: levels, infinities: infinities, fixedClasses: fixed))
            }
        }
        for shape in shapes.sorted(by: { $0.rounds > $1.rounds }) where shape.differencesSuffice {
            if let rounds = shape.find(), isPerfect(rounds) { return rounds }
        }
        return nil
    }

    /// Whether every round seats everyone at tables of 3 and no pair meets twice.
    static func isPerfect(_ rounds: [[Int]]) -> Bool {
        guard let first = rounds.first else { return false }
        var met = Set<Int>()
        for tableOf in rounds {
            var tables: [Int: [Int]] = [:]
            for (person, table) in tableOf.enumerated() { tables[table, default: []].append(person) }
            for members in tables.values {
                guard members.count == 3 else { return false }
                for a in members { for b in members where a < b { if !met.insert(a * first.count + b).inserted { return false } } }
            }
        }
        return true
    }

    struct Shape {
        let modulus: Int
        let levels: Int
        let infinities: Int
        let fixedClasses: Int

        var people: Int { modulus * levels + infinities }
        var rounds: Int { modulus + fixedClasses }

        /// Counting: the base class's pairs must fit in the differences there are. A point at infinity needs two
        /// levels (its table holds one point of each), and two of them never share a table.
        var differencesSuffice: Bool {
            guard infinities == 0 || levels >= 2 else { return false }
            let q = modulus
            let pure = levels * ((q - 1) / 2)
            let mixed = levels * (levels - 1) / 2 * q - 3 * fixedClasses
            // people / 3 tables of 3 pairs each; a table with a point at infinity has 2 pairs with it.
            return people - 2 * infinities <= pure + mixed
        }

        /// A base class (and fixed classes), developed into rounds; nil when the search budget runs out.
        func find() -> [[Int]]? {
            let q = modulus
            let finite = q * levels
            var fixedSteps: [(Int, Int)] = []
            var mixed = Array(repeating: false, count: 3 * q)  // (pair of levels) * q + d
            func mixedIndex(_ l: Int, _ m: Int) -> Int { l == 0 ? (m == 1 ? 0 : 1) : 2 }
            var budget = 400_000
            var answer: [[Int]]? = nil

            func chooseFixed(_ from: Int) -> Bool {
                if fixedSteps.count == fixedClasses { return searchBase() }
                for code in from..<(q * q) {
                    let a = code / q, b = code % q, c = ((b - a) % q + q) % q
                    guard !mixed[a], !mixed[q + b], !mixed[2 * q + c] else { continue }
                    mixed[a] = true; mixed[q + b] = true; mixed[2 * q + c] = true
                    fixedSteps.append((a, b))
                    if chooseFixed(code + 1) { return true }
                    fixedSteps.removeLast()
                    mixed[a] = false; mixed[q + b] = false; mixed[2 * q + c] = false
                    if budget <= 0 { return false }
                }
                return false
            }

            func searchBase() -> Bool {
                var covered = Array(repeating: false, count: people)
                var pure = Array(repeating: false, count: levels * (q / 2 + 1))
                var blocks: [[Int]] = []
                func level(_ p: Int) -> Int { p >= finite ? -1 : p / q }
                // The differences the pair (a, b) uses, or nil when it cannot be added (a < b).
                func key(_ a: Int, _ b: Int) -> Int? {
                    let la = level(a), lb = level(b)
                    if la < 0 || lb < 0 { return la < 0 && lb < 0 ? nil : -1 }
                    let d = ((b % q - a % q) % q + q) % q
                    if la == lb {
                        let cls = min(d, q - d)
                        if q % 2 == 0 && cls == q / 2 { return nil }
                        return 10_000 + la * (q / 2 + 1) + cls
                    }
                    return mixedIndex(la, lb) * q + d
                }
                func use(_ k: Int, _ value: Bool) {
                    if k >= 10_000 { pure[k - 10_000] = value } else if k >= 0 { mixed[k] = value }
                }
                func free(_ k: Int) -> Bool { k >= 10_000 ? !pure[k - 10_000] : (k < 0 || !mixed[k]) }
                func extend() -> Bool {
                    budget -= 1
                    if budget <= 0 { return false }
                    // Infinities first (they constrain most), then the smallest uncovered finite point.
                    guard let u = (finite..<people).first(where: { !covered[$0] }) ?? (0..<finite).first(where: { !covered[$0] }) else {
                        return true
                    }
                    covered[u] = true
                    defer { covered[u] = false }
                    for v in 0..<people where !covered[v] && (v > u || u >= finite) && v < finite {
                        guard let kuv = key(min(u, v), max(u, v)), free(kuv) else { continue }
                        use(kuv, true)
                        covered[v] = true
                        for w in (v + 1)..<finite where !covered[w] {
                            if u >= finite && level(w) == level(v) { continue }
                            guard let kuw = key(min(u, w), max(u, w)), let kvw = key(v, w), kuw != kvw || kuw < 0,
                                free(kuw), free(kvw)
                            else { continue }
                            use(kuw, true); use(kvw, true); covered[w] = true
                            blocks.append([u, v, w])
                            if extend() { return true }
                            blocks.removeLast()
                            use(kuw, false); use(kvw, false); covered[w] = false
                            if budget <= 0 { break }
                        }
                        covered[v] = false
                        use(kuv, false)
                        if budget <= 0 { return false }
                    }
                    return false
                }
                guard extend() else { return false }
                answer = develop(blocks, fixed: fixedSteps)
                return true
            }

            return chooseFixed(0) ? answer : nil
        }

        private func develop(_ base: [[Int]], fixed: [(Int, Int)]) -> [[Int]] {
            let q = modulus, finite = q * levels
            var rounds: [[Int]] = []
            for shift in 0..<q {
                var tableOf = Array(repeating: -1, count: people)
                for (table, block) in base.enumerated() {
                    for point in block {
                        tableOf[point >= finite ? point : (point / q) * q + (point % q + shift) % q] = table
                    }
                }
                rounds.append(tableOf)
            }
            for (a, b) in fixed {
                var tableOf = Array(repeating: -1, count: people)
                for x in 0..<q {
                    tableOf[x] = x
                    tableOf[q + (x + a) % q] = x
                    tableOf[2 * q + (x + b) % q] = x
                }
                rounds.append(tableOf)
            }
            return rounds
        }
    }
}

/// Results per shape, shared by every plan in the process (the searches are deterministic, so this only saves
/// time).
final class ShapeCache<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: Value] = [:]

    func value(key: String, make: () -> Value) -> Value {
        lock.lock()
        defer { lock.unlock() }
        if let known = values[key] { return known }
        let made = make()
        values[key] = made
        return made
    }
}

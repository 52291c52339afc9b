/// Resolvable transversal designs laid out so that the room's groups are mixed at every table.
///
/// Source: R. C. Bose, "On the application of the properties of Galois fields to the problem of construction
/// of hyper-Graeco-Latin squares", Sankhyā 3 (1938); the resolvable TD(k, q) of Colbourn & Dinitz (eds.),
/// Handbook of Combinatorial Designs, 2nd ed., III.3 (mutually orthogonal Latin squares).
///
/// The room is a grid of T rows (the tables) and s columns (the seats). Cell (i, j) sits in round r at table
/// i + a_r·e_j over a ring of order T, with distinct multipliers e_j per column and a_r per round. Every table
/// of every round holds exactly one cell of each column. Cells (i, j), (i', j') with j ≠ j' meet in round r iff
/// a_r·(e_j − e_j') = i' − i, so they never meet twice as long as (a_r − a_r')·(e_j − e_j') is never 0:
/// - over GF(q), T = q a prime power, always: q rounds (q + 1 when s = q, the last seating each column
///   together, which is only used when nothing is to be mixed);
/// - over Z_T for any T, with a_r = r and e_j = j, while no product d·d' with 0 < d < rounds, 0 < d' < s is a
///   multiple of T (e.g. T = 2000 tables of 5: 500 rounds).
///
/// The groups decide which people fill which column (`layout`): a group g of n_g people takes ⌊n_g / T⌋ whole
/// columns, so every table gets that many of g in every round; the remainders share the other columns. When
/// each remainder (and the empty cells of a room that does not fill the grid) fits inside one column, every
/// table gets ⌊n_g / T⌋ or that plus one of every group: the mix is perfect in every round by construction.
/// 44 people in 4 groups of 11 at tables of 4 are four columns over GF(11); 40 in 4 groups of 10 at tables
/// of 5 are four columns of 8 plus a column of the 2 left over from each group, over GF(8).
enum TransversalDesigns {
    /// Seatings for up to `rounds` rounds of `people` (with `groupOf` giving each one's group for the mix, or
    /// all 0) at `tables` tables of at most `size`; nil when the grid does not fit the room or gives no rounds.
    static func rounds(people: Int, groupOf: [Int], tables: Int, size: Int, rounds: Int, mixing: Bool) -> [[Int]]? {
        guard tables >= 2, size >= 2, tables * size >= people, tables * size - people < tables, rounds >= 1 else { return nil }
        let ring = FiniteRing(order: tables)
        // The extra round seats each column at its own table. The empty cells all sit in the last column, so it is
        // only as even as the room's tables when at most one cell is empty (with more, 21 at 5 would put one
        // person alone at the fifth table: the property test's seating with sizes differing by 4).
        let available = ring.rounds(columns: size, extraRound: !mixing && tables * size - people <= 1)
        guard available >= 1 else { return nil }
        let cells = layout(groupOf: groupOf, rows: tables, columns: size)
        let count = min(rounds, available)
        let columnMultiplier = (0..<size).map { ring.element($0) }
        return (0..<count).map { round in
            var tableOf = Array(repeating: -1, count: people)
            for column in 0..<size {
                let step = round == ring.order ? 0 : ring.multiply(ring.element(round), columnMultiplier[column])
                for row in 0..<tables {
                    let person = cells[column * tables + row]
                    guard person >= 0 else { continue }
                    tableOf[person] = round == ring.order ? column : ring.add(row, step)
                }
            }
            return largerTablesFirst(tableOf, tables: round == ring.order ? size : tables)
        }
    }

    /// Which person fills each cell (column-major: cell j·rows + i), -1 for the empty cells.
    static func layout(groupOf: [Int], rows: Int, columns: Int) -> [Int] {
        let groupCount = (groupOf.max() ?? -1) + 1
        var byGroup = Array(repeating: [Int](), count: groupCount)
        for (person, group) in groupOf.enumerated() { byGroup[group].append(person) }
        var cells: [Int] = []
        cells.reserveCapacity(rows * columns)
        // Whole columns first: these people are spread one per table in every round.
        var remainders: [[Int]] = []
        for members in byGroup {
            let whole = members.count / rows * rows
            cells += members[..<whole]
            if whole < members.count { remainders.append(Array(members[whole...])) }
        }
        let leftover = columns - cells.count / rows
        let empty = rows * columns - groupOf.count
        if empty > 0 { remainders.append(Array(repeating: -1, count: empty)) }
        // First-fit decreasing: a remainder inside one column reaches each table at most once per round.
        var bins = Array(repeating: [Int](), count: leftover)
        var packed = true
        for remainder in remainders.sorted(by: { $0.count > $1.count }) {
            guard let bin = bins.firstIndex(where: { $0.count + remainder.count <= rows }) else { packed = false; break }
            bins[bin] += remainder
        }
        if packed { return cells + bins.flatMap { $0 } }
        // The remainders cannot each keep to one column: fill in order (the search then evens out the mix), with
        // the empty cells together at the end so no table is short by more than one seat.
        return cells + remainders.filter { ($0.first ?? 0) >= 0 }.flatMap { $0 } + Array(repeating: -1, count: empty)
    }

    /// Renumbers tables so the larger ones come first, as `TableLayout.sizes` lists them.
    private static func largerTablesFirst(_ tableOf: [Int], tables: Int) -> [Int] {
        var size = Array(repeating: 0, count: tables)
        for table in tableOf where table >= 0 { size[table] += 1 }
        let order = (0..<tables).sorted { size[$0] != size[$1] ? size[$0] > size[$1] : $0 < $1 }
        var renumber = Array(repeating: 0, count: tables)
        for (position, table) in order.enumerated() { renumber[table] = position }
        return tableOf.map { $0 >= 0 ? renumber[$0] : -1 }
    }
}

/// GF(q) for prime powers q up to 1024 (tables of sums and products, the irreducible polynomial found at run
/// time), otherwise the integers mod the order.
struct FiniteRing {
    let order: Int
    /// Whether this is a field (every nonzero element invertible).
    let isField: Bool
    private let addTable: [Int]
    private let multiplyTable: [Int]

    init(order: Int) {
        self.order = order
        if let (prime, power) = Constructions.primePower(order), power >= 2, order <= 1024,
            let tables = Self.galoisField(prime: prime, power: power)
        {
            isField = true
            (addTable, multiplyTable) = tables
        } else {
            isField = Constructions.isPrime(order)
            addTable = []
            multiplyTable = []
        }
    }

    /// The element numbered `index` (< order).
    func element(_ index: Int) -> Int { index }

    @inline(__always) func add(_ a: Int, _ b: Int) -> Int {
        addTable.isEmpty ? (a + b) % order : addTable[a * order + b]
    }

    @inline(__always) func multiply(_ a: Int, _ b: Int) -> Int {
        multiplyTable.isEmpty ? a * b % order : multiplyTable[a * order + b]
    }

    /// How many rounds the linear grid with `columns` columns gives without a repeat (see `TransversalDesigns`).
    func rounds(columns: Int, extraRound: Bool) -> Int {
        guard columns <= order else { return 0 }
        if isField { return columns == order && extraRound ? order + 1 : order }
        // Z_T: rounds r < R are safe while no d·d' (0 < d < R, 0 < d' < columns) is a multiple of T.
        var safe = 1
        while safe < order && (1..<columns).allSatisfy({ safe * $0 % order != 0 }) { safe += 1 }
        return safe
    }

    /// Sum and product tables of GF(p^k), elements as base-p digit vectors of polynomial coefficients.
    private static func galoisField(prime p: Int, power k: Int) -> ([Int], [Int])? {
        let q = (0..<k).reduce(1) { product, _ in product * p }
        func digits(_ x: Int) -> [Int] { var x = x; return (0..<k).map { _ in defer { x /= p }; return x % p } }
        func number(_ d: [Int]) -> Int { d.reversed().reduce(0) { $0 * p + $1 } }
        var add = Array(repeating: 0, count: q * q)
        for a in 0..<q { for b in 0..<q { add[a * q + b] = number(zip(digits(a), digits(b)).map { ($0 + $1) % p }) } }
        // Try monic polynomials x^k + c(x) in order until the product has no zero divisors: then it is irreducible.
        for tail in 0..<q {
            let c = digits(tail)
            guard c[0] != 0 else { continue }
            var multiply = Array(repeating: 0, count: q * q)
            var field = true
            for a in 0..<q where field {
                let da = digits(a)
                for b in a..<q {
                    let db = digits(b)
                    var product = Array(repeating: 0, count: 2 * k - 1)
                    for i in 0..<k where da[i] != 0 { for j in 0..<k { product[i + j] = (product[i + j] + da[i] * db[j]) % p } }
                    // x^k = -c(x): fold the high coefficients down.
                    for degree in stride(from: 2 * k - 2, through: k, by: -1) where product[degree] != 0 {
                        let high = product[degree]
                        product[degree] = 0
                        for i in 0..<k { product[degree - k + i] = ((product[degree - k + i] - high * c[i]) % p + p) % p }
                    }
                    let value = number(Array(product[..<k]))
                    if a != 0 && b != 0 && value == 0 { field = false; break }
                    multiply[a * q + b] = value
                    multiply[b * q + a] = value
                }
            }
            if field { return (add, multiply) }
        }
        return nil
    }
}

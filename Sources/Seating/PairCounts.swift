/// How often each pair of people has shared a table.
///
/// Small rooms keep an n×n matrix: the search's innermost loop reads it, and an index is the cheapest read.
/// Above `denseLimit` people that matrix would cost gigabytes (20,000 people: 1.6 GB), so each person keeps a
/// short list of whom they met and how often instead: at most rounds × (table size − 1) entries, which keeps
/// memory in proportion to the room.
struct PairCounts {
    static let denseLimit = 2_500

    let n: Int
    let isDense: Bool
    private var matrix: [Int32]
    private var others: [[Int32]]
    private var times: [[Int32]]

    init(n: Int, dense: Bool? = nil) {
        self.n = n
        isDense = dense ?? (n <= Self.denseLimit)
        matrix = isDense ? Array(repeating: 0, count: n * n) : []
        others = isDense ? [] : Array(repeating: [], count: n)
        times = isDense ? [] : Array(repeating: [], count: n)
    }

    @inline(__always) func count(_ a: Int, _ b: Int) -> Int32 {
        if isDense { return matrix[a * n + b] }
        let list = others[a]
        let target = Int32(b)
        for index in list.indices where list[index] == target { return times[a][index] }
        return 0
    }

    mutating func bump(_ a: Int, _ b: Int, by change: Int32) {
        if isDense {
            matrix[a * n + b] += change
            matrix[b * n + a] += change
        } else {
            bumpSparse(a, b, by: change)
            bumpSparse(b, a, by: change)
        }
    }

    private mutating func bumpSparse(_ a: Int, _ b: Int, by change: Int32) {
        let target = Int32(b)
        if let index = others[a].firstIndex(of: target) {
            times[a][index] += change
            if times[a][index] == 0 {
                others[a].swapAt(index, others[a].count - 1)
                times[a].swapAt(index, times[a].count - 1)
                others[a].removeLast()
                times[a].removeLast()
            }
        } else {
            others[a].append(target)
            times[a].append(change)
        }
    }

    /// Calls `body` once for every pair a < b that has met, with how often.
    func forEachMet(_ body: (Int, Int, Int) -> Void) {
        if isDense {
            for a in 0..<n { for b in (a + 1)..<max(a + 1, n) where matrix[a * n + b] > 0 { body(a, b, Int(matrix[a * n + b])) } }
        } else {
            for a in 0..<n { for (index, b) in others[a].enumerated() where Int(b) > a { body(a, Int(b), Int(times[a][index])) } }
        }
    }

    /// The matrix, for the dense fast path (empty when sparse).
    @inline(__always) func withMatrix<R>(_ body: (UnsafeBufferPointer<Int32>) -> R) -> R {
        matrix.withUnsafeBufferPointer(body)
    }
}

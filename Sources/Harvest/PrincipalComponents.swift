/// The first principal components of a participants x statements vote matrix, Polis-style:
/// agree 1, disagree -1, pass 0, a missing vote imputed with the statement's mean vote.
///
/// After centring, an imputed cell is exactly zero, so the centred matrix stays as sparse as the
/// votes and each power-iteration step costs two passes over the votes, not over every cell.
struct PrincipalComponents: Sendable {
    /// Unit vectors over statements, strongest first.
    var components: [[Double]]
    /// Share of the variance each component explains.
    var explainedVariance: [Double]
    /// Column means: the imputed value of a missing vote.
    var means: [Double]

    /// `rows` holds each person's votes; `columns` is the number of statements.
    ///
    /// The centred value of a cell, `vote - mean`, is computed where it is used rather than
    /// stored: a stored copy would be 8 more bytes a vote, and the arithmetic is the same.
    init(rows: SparseRows, columns: Int, count: Int = 2, iterations: Int = 200) {
        var sums = [Double](repeating: 0, count: columns)
        var counts = [Int](repeating: 0, count: columns)
        for cell in rows.column.indices {
            sums[Int(rows.column[cell])] += Double(rows.value[cell])
            counts[Int(rows.column[cell])] += 1
        }
        let means = (0..<columns).map { counts[$0] == 0 ? 0 : sums[$0] / Double(counts[$0]) }

        var totalVariance = 0.0
        for cell in rows.column.indices {
            let centred = Double(rows.value[cell]) - means[Int(rows.column[cell])]
            totalVariance += centred * centred
        }

        var components: [[Double]] = []
        var eigenvalues: [Double] = []
        // Room for any four consecutive rows' cells.
        var widest = 0
        for row in 0 ..< rows.count { widest = max(widest, rows.rowStart[min(row + 4, rows.count)] - rows.rowStart[row]) }
        var scratch = [Double](repeating: 0, count: widest)
        for componentIndex in 0..<min(count, columns) {
            // Deterministic start that is unlikely to be orthogonal to the answer.
            var vector = (0..<columns).map { 1.0 + Double(($0 * 7919 + componentIndex * 104_729) % 997) / 997.0 }
            PrincipalComponents.orthogonalise(&vector, against: components)
            PrincipalComponents.normalise(&vector)
            var eigenvalue = 0.0
            var next = [Double](repeating: 0, count: columns)
            for _ in 0..<iterations {
                PrincipalComponents.gram(rows, means: means, times: vector, into: &next, scratch: &scratch)
                PrincipalComponents.orthogonalise(&next, against: components)
                eigenvalue = PrincipalComponents.normalise(&next)
                var change = 0.0
                for index in 0..<columns { change = max(change, abs(next[index] - vector[index])) }
                swap(&vector, &next)
                if change < 1e-10 || eigenvalue == 0 { break }
            }
            // A sign convention so results do not flip between runs or platforms.
            if let largest = vector.indices.max(by: { abs(vector[$0]) < abs(vector[$1]) }), vector[largest] < 0 {
                vector = vector.map { -$0 }
            }
            components.append(vector)
            eigenvalues.append(eigenvalue)
        }
        self.components = components
        self.means = means
        explainedVariance = eigenvalues.map { totalVariance > 0 ? $0 / totalVariance : 0 }
    }

    /// Each row's coordinates on the components (centred, before any scaling).
    func projections(_ rows: SparseRows) -> [[Double]] {
        (0 ..< rows.count).map { row in
            components.map { component in
                var sum = 0.0
                for cell in rows.rowStart[row] ..< rows.rowStart[row + 1] {
                    sum += (Double(rows.value[cell]) - means[Int(rows.column[cell])]) * component[Int(rows.column[cell])]
                }
                return sum
            }
        }
    }

    /// Xᵀ (X v) over the sparse centred rows, into `result`: the hot loop, so over raw buffers.
    ///
    /// Four rows' dot products are summed side by side: each is still summed cell by cell in
    /// order (the result is the same to the bit), but the four chains of additions overlap
    /// instead of each waiting on the one before. The centred values are kept in a scratch
    /// buffer of the four rows' length for the second pass, where rows are added to `result` in order.
    private static func gram(_ rows: SparseRows, means: [Double], times vector: [Double], into result: inout [Double], scratch: inout [Double]) {
        for index in result.indices { result[index] = 0 }
        rows.rowStart.withUnsafeBufferPointer { starts in
            rows.column.withUnsafeBufferPointer { column in
                rows.value.withUnsafeBufferPointer { value in
                    means.withUnsafeBufferPointer { means in
                        vector.withUnsafeBufferPointer { vector in
                            result.withUnsafeMutableBufferPointer { result in
                                scratch.withUnsafeMutableBufferPointer { scratch in
                                    // scratch[cell - base] holds the cell's centred value.
                                    var base = 0
                                    @inline(__always) func term(_ cell: Int) -> Double {
                                        let statement = Int(column[cell])
                                        let centred = Double(value[cell]) - means[statement]
                                        scratch[cell - base] = centred
                                        return centred * vector[statement]
                                    }
                                    @inline(__always) func add(_ cells: Range<Int>, _ dot: Double) {
                                        if dot == 0 { return }
                                        for cell in cells { result[Int(column[cell])] += scratch[cell - base] * dot }
                                    }
                                    let rowCount = starts.count - 1
                                    var row = 0
                                    while row + 4 <= rowCount {
                                        let a = starts[row], b = starts[row + 1], c = starts[row + 2], d = starts[row + 3], e = starts[row + 4]
                                        base = a
                                        let shared = min(b - a, c - b, d - c, e - d)
                                        var d0 = 0.0, d1 = 0.0, d2 = 0.0, d3 = 0.0
                                        for offset in 0 ..< shared {
                                            d0 += term(a + offset)
                                            d1 += term(b + offset)
                                            d2 += term(c + offset)
                                            d3 += term(d + offset)
                                        }
                                        for cell in a + shared ..< b { d0 += term(cell) }
                                        for cell in b + shared ..< c { d1 += term(cell) }
                                        for cell in c + shared ..< d { d2 += term(cell) }
                                        for cell in d + shared ..< e { d3 += term(cell) }
                                        add(a ..< b, d0)
                                        add(b ..< c, d1)
                                        add(c ..< d, d2)
                                        add(d ..< e, d3)
                                        row += 4
                                    }
                                    while row < rowCount {
                                        let cells = starts[row] ..< starts[row + 1]
                                        base = cells.lowerBound
                                        var dot = 0.0
                                        for cell in cells { dot += term(cell) }
                                        add(cells, dot)
                                        row += 1
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static func orthogonalise(_ vector: inout [Double], against basis: [[Double]]) {
        for base in basis {
            var dot = 0.0
            for index in vector.indices { dot += vector[index] * base[index] }
            for index in vector.indices { vector[index] -= dot * base[index] }
        }
    }

    @discardableResult
    private static func normalise(_ vector: inout [Double]) -> Double {
        let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard norm > 0 else { return 0 }
        for index in vector.indices { vector[index] /= norm }
        return norm
    }
}

/// People's votes as compressed rows: row `r`'s cells are `rowStart[r] ..< rowStart[r + 1]`, each
/// a column (statement) and a value (-1, 0, 1), ascending by column.
struct SparseRows: Sendable {
    var rowStart: [Int] = [0]
    var column: [Int32] = []
    var value: [Int8] = []

    var count: Int { rowStart.count - 1 }
    func cellCount(_ row: Int) -> Int { rowStart[row + 1] - rowStart[row] }
}

extension SparseRows {
    /// Sorts one row's cells by column (after columns were renumbered out of order).
    mutating func sortRow(_ row: Int) {
        let range = rowStart[row] ..< rowStart[row + 1]
        var packed = range.map { Int64(column[$0]) << 8 | Int64(UInt8(bitPattern: value[$0])) }
        packed.sort()
        for (offset, cell) in packed.enumerated() {
            column[range.lowerBound + offset] = Int32(truncatingIfNeeded: cell >> 8)
            value[range.lowerBound + offset] = Int8(bitPattern: UInt8(truncatingIfNeeded: cell))
        }
    }
}

/// The first principal components of a participants x statements vote matrix, Polis-style:
/// agree 1, disagree -1, pass 0, a missing vote imputed with the statement's mean vote.
///
/// After centring, an imputed cell is exactly zero, so the centred matrix stays as sparse as the
/// votes and each power-iteration step costs two passes over the votes, not over every cell.
struct PrincipalComponents: Sendable {
    /// Unit vectors over statements, strongest first.
    var components: [[Double]]
    /// Each person's coordinates on the components, before any scaling.
    var projections: [[Double]]
    /// Share of the variance each component explains.
    var explainedVariance: [Double]

    /// `rows` holds, per person, (statement, vote value) pairs; `columns` is the number of statements.
    init(rows: [[(statement: Int, value: Double)]], columns: Int, count: Int = 2, iterations: Int = 200) {
        var sums = [Double](repeating: 0, count: columns)
        var counts = [Int](repeating: 0, count: columns)
        for row in rows { for cell in row { sums[cell.statement] += cell.value; counts[cell.statement] += 1 } }
        let means = (0..<columns).map { counts[$0] == 0 ? 0 : sums[$0] / Double(counts[$0]) }
        let centred = rows.map { row in row.map { (statement: $0.statement, value: $0.value - means[$0.statement]) } }

        var totalVariance = 0.0
        for row in centred { for cell in row { totalVariance += cell.value * cell.value } }

        var components: [[Double]] = []
        var eigenvalues: [Double] = []
        for componentIndex in 0..<min(count, columns) {
            // Deterministic start that is unlikely to be orthogonal to the answer.
            var vector = (0..<columns).map { 1.0 + Double(($0 * 7919 + componentIndex * 104_729) % 997) / 997.0 }
            PrincipalComponents.orthogonalise(&vector, against: components)
            PrincipalComponents.normalise(&vector)
            var eigenvalue = 0.0
            for _ in 0..<iterations {
                var next = PrincipalComponents.gram(centred, columns: columns, times: vector)
                PrincipalComponents.orthogonalise(&next, against: components)
                eigenvalue = PrincipalComponents.normalise(&next)
                var change = 0.0
                for index in 0..<columns { change = max(change, abs(next[index] - vector[index])) }
                vector = next
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
        explainedVariance = eigenvalues.map { totalVariance > 0 ? $0 / totalVariance : 0 }
        projections = centred.map { row in
            components.map { component in row.reduce(0) { $0 + $1.value * component[$1.statement] } }
        }
    }

    /// Xᵀ (X v) over the sparse centred rows.
    private static func gram(_ rows: [[(statement: Int, value: Double)]], columns: Int, times vector: [Double]) -> [Double] {
        var result = [Double](repeating: 0, count: columns)
        for row in rows {
            var dot = 0.0
            for cell in row { dot += cell.value * vector[cell.statement] }
            if dot == 0 { continue }
            for cell in row { result[cell.statement] += cell.value * dot }
        }
        return result
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

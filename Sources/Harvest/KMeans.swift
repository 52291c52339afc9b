import Basics

/// k-means on points in the plane, with k-means++ seeding from a seeded generator.
enum KMeans {
    struct Result {
        var assignment: [Int]
        var centres: [[Double]]
        var inertia: Double
    }

    static func squaredDistance(_ a: [Double], _ b: [Double]) -> Double {
        var sum = 0.0
        for index in a.indices { let d = a[index] - b[index]; sum += d * d }
        return sum
    }

    /// Best of `restarts` runs (lowest within-cluster sum of squares).
    static func cluster(_ points: [[Double]], k: Int, seed: UInt64, restarts: Int = 8, iterations: Int = 100) -> Result {
        var generator = SeededRandom(seed: seed)
        var best: Result?
        for _ in 0..<restarts {
            let result = run(points, k: k, generator: &generator, iterations: iterations)
            if best == nil || result.inertia < best!.inertia - 1e-12 { best = result }
        }
        return best!
    }

    private static func run(_ points: [[Double]], k: Int, generator: inout SeededRandom, iterations: Int) -> Result {
        var centres: [[Double]] = [points[Int(generator.next() % UInt64(points.count))]]
        var nearest = points.map { squaredDistance($0, centres[0]) }
        while centres.count < k {
            let total = nearest.reduce(0, +)
            var chosen = 0
            if total > 0 {
                var target = Double(generator.next() >> 11) / Double(1 << 53) * total
                for (index, weight) in nearest.enumerated() {
                    target -= weight
                    if target <= 0 { chosen = index; break }
                    chosen = index
                }
            }
            centres.append(points[chosen])
            for index in points.indices { nearest[index] = min(nearest[index], squaredDistance(points[index], points[chosen])) }
        }

        var assignment = [Int](repeating: -1, count: points.count)
        for _ in 0..<iterations {
            var changed = false
            for (index, point) in points.enumerated() {
                var bestCentre = 0
                var bestDistance = Double.infinity
                for (centre, position) in centres.enumerated() {
                    let distance = squaredDistance(point, position)
                    if distance < bestDistance { bestDistance = distance; bestCentre = centre }
                }
                if assignment[index] != bestCentre { assignment[index] = bestCentre; changed = true }
            }
            if !changed { break }
            let dimensions = points.first?.count ?? 0
            var sums = [[Double]](repeating: [Double](repeating: 0, count: dimensions), count: k)
            var counts = [Int](repeating: 0, count: k)
            for (index, point) in points.enumerated() {
                counts[assignment[index]] += 1
                for d in 0..<dimensions { sums[assignment[index]][d] += point[d] }
            }
            for centre in 0..<k where counts[centre] > 0 {
                centres[centre] = sums[centre].map { $0 / Double(counts[centre]) }
            }
        }
        var inertia = 0.0
        for (index, point) in points.enumerated() { inertia += squaredDistance(point, centres[assignment[index]]) }
        return Result(assignment: assignment, centres: centres, inertia: inertia)
    }

    /// Mean silhouette width: near 1 for well separated clusters, near 0 for overlapping ones.
    static func silhouette(_ points: [[Double]], assignment: [Int], k: Int) -> Double {
        guard points.count > k else { return -1 }
        var sizes = [Int](repeating: 0, count: k)
        for cluster in assignment { sizes[cluster] += 1 }
        var total = 0.0
        var sums = [Double](repeating: 0, count: k)
        for i in points.indices {
            for c in 0..<k { sums[c] = 0 }
            for j in points.indices where j != i {
                sums[assignment[j]] += squaredDistance(points[i], points[j]).squareRoot()
            }
            let own = assignment[i]
            guard sizes[own] > 1 else { continue }
            let a = sums[own] / Double(sizes[own] - 1)
            var b = Double.infinity
            for c in 0..<k where c != own && sizes[c] > 0 { b = min(b, sums[c] / Double(sizes[c])) }
            let width = max(a, b)
            if width > 0, b.isFinite { total += (b - a) / width }
        }
        return total / Double(points.count)
    }
}

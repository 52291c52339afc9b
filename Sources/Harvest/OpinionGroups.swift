/// One person on the opinion map.
public struct OpinionMapPoint: Sendable, Codable, Hashable {
    public var participant: String
    public var x: Double
    public var y: Double
    /// The opinion group (A, B, C ...).
    public var group: String
}

/// Settings for finding opinion groups.
public struct OpinionGroupOptions: Sendable, Hashable {
    public enum Method: String, Sendable, Hashable {
        /// Polis's pipeline (``PolisMath``): the default, comparable with what Polis shows.
        case polis
        /// cocreate's earlier one-level k-means++ over people (the settings below), kept for comparison.
        case kMeans
    }
    public var method = Method.polis
    /// Candidate numbers of groups; the one with the best silhouette wins.
    public var groupCounts: ClosedRange<Int> = 2...5
    /// Seed for the k-means++ starts: the same seed and votes give the same groups.
    public var seed: UInt64 = 0x5EED_C0C0
    /// People with fewer counted votes are left out of the map and the groups, as Polis does
    /// (Polis uses 7, or every statement when there are fewer).
    public var minimumVotes: Int = 7
    /// Silhouette is quadratic in people; above this many it is estimated on an evenly spread sample.
    public var silhouetteSampleLimit: Int = 2_500
    /// A larger number of groups must beat a smaller one's silhouette by more than this to be
    /// chosen: near-ties go to fewer groups, which are steadier (Polis likewise resists changing k).
    public var silhouetteTolerance: Double = 0.02

    public init() {}
}

/// Groups of people who vote alike, found Polis-style: column-mean imputation, PCA to two
/// components, each person's position scaled up when they voted on few statements, then
/// k-means with k chosen by silhouette.
public struct OpinionGroups: Sendable, Codable, Hashable {
    /// Participant id to group name.
    public var membership: [String: String]
    /// Group names: A, B, C ... (Polis's group 0, 1, 2 ...; by size for the k-means method).
    public var groupNames: [String]
    /// Everyone grouped, with map coordinates.
    public var map: [OpinionMapPoint]
    /// Mean silhouette of the chosen grouping (-1 ... 1; below about 0.25 groups are weak).
    public var silhouette: Double
    /// Silhouette for each number of groups tried.
    public var silhouetteByGroupCount: [Int: Double]
    /// Share of variance the two map axes explain.
    public var explainedVariance: [Double]
    /// True when fewer than ``tentativeBelow`` people are on the map: the groups are a sketch
    /// to discuss, not a finding (Polis shows no map at all below 7 people).
    public var tentative = false

    /// Below this many people on the map, opinion groups are offered as tentative.
    public static let tentativeBelow = 30

    /// Finds opinion groups, or nil when too few people voted enough to form two groups.
    public static func find(_ matrix: VoteMatrix, options: OpinionGroupOptions = OpinionGroupOptions()) -> OpinionGroups? {
        let columns = matrix.statements.count
        let threshold = min(options.minimumVotes, columns)
        let included = matrix.participants.indices.filter { matrix.votes(of: $0).count >= max(threshold, 1) }
        guard columns >= 2, included.count >= 4 else { return nil }
        var rows = SparseRows()
        for person in included {
            let cells = matrix.cells.rowStart[person] ..< matrix.cells.rowStart[person + 1]
            rows.column += matrix.cells.column[cells]
            rows.value += matrix.cells.value[cells]
            rows.rowStart.append(rows.column.count)
        }
        let pca = PrincipalComponents(rows: rows, columns: columns, count: 2)
        // Polis pushes people who voted on few statements outwards, so they are not all
        // squeezed into the centre by the imputed means.
        let points: [[Double]] = zip(included, pca.projections(rows)).map { person, projection in
            let scale = (Double(columns) / Double(max(matrix.votes(of: person).count, 1))).squareRoot()
            return (0..<2).map { $0 < projection.count ? projection[$0] * scale : 0 }
        }

        let sample = silhouetteSample(points.count, limit: options.silhouetteSampleLimit)
        let samplePoints = sample.map { points[$0] }
        var best: (k: Int, result: KMeans.Result, score: Double)?
        var scores: [Int: Double] = [:]
        let maxK = min(options.groupCounts.upperBound, points.count - 1)
        guard options.groupCounts.lowerBound <= maxK else { return nil }
        for k in options.groupCounts.lowerBound...maxK {
            let result = KMeans.cluster(points, k: k, seed: options.seed &+ UInt64(k))
            let score = KMeans.silhouette(samplePoints, assignment: sample.map { result.assignment[$0] }, k: k)
            scores[k] = score
            if best == nil || score > best!.score + 1e-12 { best = (k, result, score) }
        }
        guard var best else { return nil }
        if let simplest = candidates(scores).first(where: { scores[$0]! >= best.score - options.silhouetteTolerance }), simplest < best.k {
            let result = KMeans.cluster(points, k: simplest, seed: options.seed &+ UInt64(simplest))
            best = (simplest, result, scores[simplest]!)
        }

        // Name groups A, B, C ... by size, so names are stable across runs.
        var sizes = [Int](repeating: 0, count: best.k)
        for cluster in best.result.assignment { sizes[cluster] += 1 }
        let bySize = (0..<best.k).sorted { sizes[$0] != sizes[$1] ? sizes[$0] > sizes[$1] : $0 < $1 }
        var name = [String](repeating: "", count: best.k)
        for (rank, cluster) in bySize.enumerated() { name[cluster] = groupName(rank) }

        var membership: [String: String] = [:]
        var map: [OpinionMapPoint] = []
        for (position, person) in included.enumerated() {
            let group = name[best.result.assignment[position]]
            let id = matrix.participants[person]
            membership[id] = group
            map.append(OpinionMapPoint(participant: id, x: points[position][0], y: points[position][1], group: group))
        }
        return OpinionGroups(
            membership: membership, groupNames: bySize.indices.map(groupName), map: map,
            silhouette: best.score, silhouetteByGroupCount: scores, explainedVariance: pca.explainedVariance,
            tentative: map.count < tentativeBelow)
    }

    /// The groups of Polis's pipeline: everyone in the conversation, named A, B, C ... after
    /// Polis's group ids; nil when Polis would show no groups (fewer than two clusters).
    public static func polis(_ math: PolisMath) -> OpinionGroups? {
        guard math.groupClusters.count >= 2, let chosen = math.silhouette else { return nil }
        var map: [OpinionMapPoint] = []
        var membership: [String: String] = [:]
        for (person, index) in math.group.enumerated() {
            guard let index else { continue }
            let name = groupName(index)
            membership[math.participants[person]] = name
            map.append(OpinionMapPoint(participant: math.participants[person], x: math.x[person], y: math.y[person], group: name))
        }
        return OpinionGroups(
            membership: membership, groupNames: math.groupClusters.indices.map(groupName), map: map,
            silhouette: chosen, silhouetteByGroupCount: math.silhouettes, explainedVariance: math.explainedVariance,
            tentative: map.count < tentativeBelow)
    }

    private static func candidates(_ scores: [Int: Double]) -> [Int] { scores.keys.sorted() }

    static func groupName(_ rank: Int) -> String {
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        return rank < letters.count ? String(letters[rank]) : "G\(rank + 1)"
    }

    private static func silhouetteSample(_ count: Int, limit: Int) -> [Int] {
        guard count > limit, limit > 0 else { return Array(0..<count) }
        return (0..<limit).map { $0 * count / limit }
    }
}

/// How well two groupings of the same people agree.
public enum ClusterAgreement {
    /// Adjusted Rand index over the people present in both maps: 1 for identical groupings,
    /// about 0 for chance agreement.
    public static func adjustedRandIndex(_ first: [String: String], _ second: [String: String]) -> Double {
        let people = first.keys.filter { second[$0] != nil }
        let n = people.count
        guard n > 1 else { return 1 }
        var table: [String: [String: Int]] = [:]
        var rowSums: [String: Int] = [:]
        var columnSums: [String: Int] = [:]
        for person in people {
            let a = first[person]!, b = second[person]!
            table[a, default: [:]][b, default: 0] += 1
            rowSums[a, default: 0] += 1
            columnSums[b, default: 0] += 1
        }
        func pairs(_ x: Int) -> Double { Double(x) * Double(x - 1) / 2 }
        let index = table.values.reduce(0.0) { sum, row in row.values.reduce(sum) { $0 + pairs($1) } }
        let rows = rowSums.values.reduce(0.0) { $0 + pairs($1) }
        let cols = columnSums.values.reduce(0.0) { $0 + pairs($1) }
        let expected = rows * cols / pairs(n)
        let maximum = (rows + cols) / 2
        guard maximum != expected else { return 1 }
        return (index - expected) / (maximum - expected)
    }
}

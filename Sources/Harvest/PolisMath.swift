/// Polis's opinion-group pipeline, step for step (compdemocracy/polis `math/src/polismath/math/`):
/// the rating matrix and in-conversation set (conversation.clj), PCA and the sparsity-aware
/// projection (pca.clj), base and group clustering (clusters.clj) and majority consensus
/// (repness.clj). `docs/harvest-polis-math.md` follows each step to its source.
///
/// Signs: cocreate votes agree +1 and disagree -1; Polis's matrix stores the opposite, so
/// `center` is the negative of Polis's `pca.center` (components match up to sign anyway).
public struct PolisMath: Sendable, Codable, Hashable {
    public struct Options: Sendable, Hashable {
        /// A participant joins the in-conversation set after this many votes (or after voting on
        /// every statement voted on so far, when there are fewer): Polis's 7.
        public var minimumVotes = 7
        /// Polis keeps at least this many people in the conversation by taking the top voters;
        /// replayed vote by vote, that is the first 15 people to vote.
        public var greedyParticipants = 15
        public var baseClusters = 100
        public var baseIterations = 100
        /// Polis passes `:cluster-iters` to a k-means that reads `:max-iters`, so group clustering
        /// runs with k-means's default of 20.
        public var groupIterations = 20
        public var maximumGroups = 5
        /// Power-iteration steps per component at most; it stops earlier once the vector settles
        /// (Polis runs 100 per update, warm-started from the last update's components).
        public var pcaIterations = 500
        public var consensusLimit = 5
        /// No opinion group smaller than this many people: a grouping with a smaller group is not
        /// chosen (Polis has no such rule; at 12 people it can offer a group of one). Both
        /// pol.is captures' groups have at least 3 people, so the rule leaves them alone.
        public var minimumGroupSize = 3
        public init() {}
    }

    /// One cluster: members (participant indices for base clusters, base-cluster indices for
    /// groups) and its centre on the map.
    public struct Cluster: Sendable, Codable, Hashable {
        public var id: Int
        public var members: [Int]
        public var x: Double
        public var y: Double
    }

    /// Statement ids of the matrix columns: every statement someone voted on, in natural id order.
    public var statements: [String]
    /// Columns Polis zeroes: moderated out or meta.
    public var excluded: [Bool]
    /// Every voter, in natural order of their ids.
    public var participants: [String]
    public var inConversation: [Bool]
    /// Participant indices in the order they entered the conversation (the replay's order).
    public var entryOrder: [Int]
    /// Column means (the imputed value of a missing vote), cocreate's sign.
    public var center: [Double]
    /// Two unit vectors over `statements`.
    public var components: [[Double]]
    public var explainedVariance: [Double]
    /// Every voter's map position (Polis projects everyone; only those in the conversation are clustered).
    public var x: [Double]
    public var y: [Double]
    public var baseClusters: [Cluster]
    /// Opinion groups, by Polis's group id: members are indices into `baseClusters`.
    public var groupClusters: [Cluster]
    /// Silhouette for each number of groups tried.
    public var silhouettes: [Int: Double]
    /// Silhouette of the groups chosen, nil when there are none.
    public var silhouette: Double?
    /// Group index (into `groupClusters`) of each participant, nil when not clustered.
    public var group: [Int?]
    /// Majority consensus over every voter, Polis's `select-consensus-comments`.
    public var consensus: MajorityConsensus

    /// Runs the pipeline over `data`. Throws for a vote on an unknown statement.
    public init(_ data: VotingData, options: Options = Options()) throws(HarvestError) {
        let resolved = try ResolvedVotes(data, minimumVotes: options.minimumVotes, greedyParticipants: options.greedyParticipants)
        self.init(resolved, statements: data.statements, options: options)
    }

    /// The pipeline over votes already resolved (with `options`' in-conversation rule) from
    /// `data`'s statements: the vote matrix, in-conversation set and replay are
    /// ``ResolvedVotes``'s (conversation.clj `:raw-rating-mat`, `:user-vote-counts`, `:in-conv`).
    init(_ resolved: ResolvedVotes, statements all: [StatementRecord], options: Options) {
        let people = resolved.people
        let inConversation = resolved.inConversation
        let entryOrder = resolved.entryOrder

        // Columns: statements with a vote (Polis's rating matrix has no column for the others),
        // in natural order of their ids, as Polis's tids: equal scores keep that order. A
        // repeated id is its first statement, as the votes were resolved.
        var firstIndex: [String: Int] = [:]
        for (index, statement) in all.enumerated() where firstIndex[statement.id] == nil { firstIndex[statement.id] = index }
        var column = [Int32](repeating: -1, count: all.count)
        var columnStatements: [StatementRecord] = []
        let byID = all.indices.filter { resolved.statementSeen[$0] && firstIndex[all[$0].id] == $0 }
            .sorted { naturalOrder(all[$0].id, all[$1].id) }
        for index in byID {
            column[index] = Int32(columnStatements.count)
            columnStatements.append(all[index])
        }
        let columns = columnStatements.count
        let excluded = columnStatements.map { $0.moderatedOut || $0.isMeta }
        let excludedCount = excluded.filter { $0 }.count

        // Every voter's row over every column, renumbered; the rows stay sorted when natural
        // order follows the order given (it usually does), else each is sorted again.
        var rows = SparseRows(rowStart: resolved.rowStart, column: resolved.cellStatement.map { column[Int($0)] }, value: resolved.cellChoice)
        if zip(byID, byID.dropFirst()).contains(where: { $0 > $1 }) {
            for row in 0 ..< rows.count { rows.sortRow(row) }
        }

        // Consensus over every voter's votes on the columns that count.
        var tallies = [VoteTally](repeating: VoteTally(), count: columns)
        for cell in rows.column.indices { tallies[Int(rows.column[cell])].add(cell: rows.value[cell]) }
        consensus = MajorityConsensus.select(tallies: tallies, ids: columnStatements.map(\.id), counts: excluded.map { !$0 }, limit: options.consensusLimit)

        // The PCA's rows are over live columns only: zeroed columns hold 0 for everyone, so they
        // add nothing (the cells are dropped in place, keeping every row's order).
        if excludedCount > 0 {
            var kept = 0, cell = 0
            for row in 0 ..< rows.count {
                let end = rows.rowStart[row + 1]
                while cell < end {
                    if !excluded[Int(rows.column[cell])] {
                        rows.column[kept] = rows.column[cell]
                        rows.value[kept] = rows.value[cell]
                        kept += 1
                    }
                    cell += 1
                }
                rows.rowStart[row + 1] = kept
            }
            rows.column.removeLast(rows.column.count - kept)
            rows.value.removeLast(rows.value.count - kept)
        }

        // PCA over every voter, missing votes imputed with the column mean (pca.clj powerit-pca).
        let pca = PrincipalComponents(rows: rows, columns: columns, count: 2, iterations: options.pcaIterations)
        var components = pca.components
        while components.count < 2 { components.append([Double](repeating: 0, count: columns)) }
        let center = pca.means

        // sparsity-aware-project-ptpt: the projection over the votes cast, pushed out by
        // sqrt(columns / votes). Zeroed columns count as votes, as they hold 0, not nothing.
        var xs = [Double](repeating: 0, count: people.count), ys = xs
        for person in 0 ..< rows.count {
            var p1 = 0.0, p2 = 0.0
            for cell in rows.rowStart[person] ..< rows.rowStart[person + 1] {
                let statement = Int(rows.column[cell])
                let centred = Double(rows.value[cell]) - center[statement]
                p1 += centred * components[0][statement]
                p2 += centred * components[1][statement]
            }
            let scale = (Double(columns) / Double(max(rows.cellCount(person) + excludedCount, 1))).squareRoot()
            xs[person] = p1 * scale
            ys[person] = p2 * scale
        }
        rows = SparseRows()

        // Base clusters over the people in the conversation, in the order they entered: Polis's
        // clusters grow from its earlier runs, and entry order is the nearest history we have.
        let basePoints = entryOrder.map { SIMD2(xs[$0], ys[$0]) }
        let base = PolisKMeans.cluster(basePoints, weights: nil, k: options.baseClusters, maxIterations: options.baseIterations)
        let baseClusters = base.map { cluster in
            Cluster(id: cluster.id, members: cluster.members.map { entryOrder[$0] }.sorted(), x: cluster.center.x, y: cluster.center.y)
        }

        // Group clusters: weighted k-means of the base clusters for k = 2 ... 2 + n/12 (at most
        // 5), the best silhouette winning and ties going to the larger k (Clojure's max-key).
        let centres = base.map(\.center)
        let weights = base.map { Double($0.members.count) }
        var silhouettes: [Int: Double] = [:]
        var chosen: [PolisKMeans.Cluster] = []
        var bestScore = -Double.infinity
        let maxK = min(options.maximumGroups, 2 + centres.count / 12)
        if centres.count >= 2 {
            for k in 2...maxK {
                let clustering = PolisKMeans.cluster(centres, weights: weights, k: k, maxIterations: options.groupIterations)
                guard clustering.count >= 2,
                      clustering.allSatisfy({ $0.members.reduce(0) { $0 + Int(weights[$1]) } >= options.minimumGroupSize }) else { continue }
                let score = PolisKMeans.silhouette(centres, clustering)
                silhouettes[k] = score
                if score >= bestScore { bestScore = score; chosen = clustering }
            }
        }
        let groupClusters = chosen.map { Cluster(id: $0.id, members: $0.members, x: $0.center.x, y: $0.center.y) }
        var group = [Int?](repeating: nil, count: people.count)
        for (index, cluster) in groupClusters.enumerated() {
            for member in cluster.members { for person in baseClusters[member].members { group[person] = index } }
        }

        statements = columnStatements.map(\.id)
        self.excluded = excluded
        participants = people
        self.inConversation = inConversation
        self.entryOrder = entryOrder
        self.center = center
        self.components = components
        explainedVariance = pca.explainedVariance
        x = xs
        y = ys
        self.baseClusters = baseClusters
        self.groupClusters = groupClusters
        self.silhouettes = silhouettes
        silhouette = chosen.isEmpty ? nil : bestScore
        self.group = group
    }

    /// People who voted but are outside the in-conversation set: too few votes for the map.
    public var leftOutForFewVotes: Int { inConversation.filter { !$0 }.count }

    /// Participant id to group name (A for Polis's group 0, B for 1, ...), for everyone clustered.
    public var membership: [String: String] {
        var result: [String: String] = [:]
        for (person, index) in group.enumerated() { if let index { result[participants[person]] = OpinionGroups.groupName(index) } }
        return result
    }
}

/// Polis's k-means (clusters.clj): the first k distinct points start the clusters, every point
/// joins its nearest centre, empty clusters are dropped, centres are (weighted) means, and it
/// stops when the sorted centres move less than 0.01 or after `maxIterations` more steps.
enum PolisKMeans {
    struct Cluster: Sendable {
        var id: Int
        var members: [Int]
        var center: SIMD2<Double>
    }

    static func distance(_ a: SIMD2<Double>, _ b: SIMD2<Double>) -> Double {
        let d = a - b
        return (d.x * d.x + d.y * d.y).squareRoot()
    }

    static func cluster(_ points: [SIMD2<Double>], weights: [Double]?, k: Int, maxIterations: Int) -> [Cluster] {
        var ids: [Int] = []
        var centres: [SIMD2<Double>] = []
        var seen = Set<SIMD2<Double>>()
        for point in points where centres.count < k && seen.insert(point).inserted {
            ids.append(centres.count)
            centres.append(point)
        }
        // Memberships are kept as one index per point, not an array per cluster: at 100 base
        // clusters over tens of thousands of people this step runs up to 100 times.
        var assignment = [Int](repeating: 0, count: points.count)
        var sums: [SIMD2<Double>] = [], totals: [Double] = [], sizes: [Int] = []
        var next: [SIMD2<Double>] = [], nextIDs: [Int] = []
        var remaining = maxIterations
        while true {
            for (index, point) in points.enumerated() {
                // The nearest centre by distance, the first of equals. A square root is taken
                // only when the squared distance beats the best one's, which it must for the
                // root to (sqrt is monotone), so the choice is exactly the one by distance.
                var best = 0, bestDistance = Double.infinity, bestSquared = Double.infinity
                for position in centres.indices {
                    let d = point - centres[position]
                    let squared = d.x * d.x + d.y * d.y
                    guard squared < bestSquared else { continue }
                    let distance = squared.squareRoot()
                    if distance < bestDistance { bestDistance = distance; bestSquared = squared; best = position }
                }
                assignment[index] = best
            }
            sums = [SIMD2<Double>](repeating: SIMD2(0, 0), count: centres.count)
            totals = [Double](repeating: 0, count: centres.count)
            sizes = [Int](repeating: 0, count: centres.count)
            for (index, point) in points.enumerated() {
                let weight = weights?[index] ?? 1
                sums[assignment[index]] += point * weight
                totals[assignment[index]] += weight
                sizes[assignment[index]] += 1
            }
            next = []
            nextIDs = []
            var renumber = [Int](repeating: -1, count: centres.count)
            for position in centres.indices where sizes[position] > 0 {
                renumber[position] = next.count
                next.append(sums[position] / totals[position])
                nextIDs.append(ids[position])
            }
            let same = sameClustering(centres, next)
            if remaining == 0 || same {
                var members = [[Int]](repeating: [], count: next.count)
                for (index, position) in assignment.enumerated() { members[renumber[position]].append(index) }
                return (0 ..< next.count).map { Cluster(id: nextIDs[$0], members: members[$0], center: next[$0]) }
                    .sorted { $0.id < $1.id }
            }
            remaining -= 1
            centres = next
            ids = nextIDs
        }
    }

    /// Polis's same-clustering?: centres sorted, paired off, every pair closer than 0.01.
    private static func sameClustering(_ a: [SIMD2<Double>], _ b: [SIMD2<Double>]) -> Bool {
        func sorted(_ c: [SIMD2<Double>]) -> [SIMD2<Double>] { c.sorted { $0.x != $1.x ? $0.x < $1.x : $0.y < $1.y } }
        return zip(sorted(a), sorted(b)).allSatisfy { distance($0, $1) < 0.01 }
    }

    /// Mean over clustered points of (b - a) / max(a, b), a point alone in its cluster scoring 0.
    static func silhouette(_ points: [SIMD2<Double>], _ clusters: [Cluster]) -> Double {
        var total = 0.0, count = 0
        for (own, cluster) in clusters.enumerated() {
            for member in cluster.members {
                count += 1
                guard cluster.members.count > 1 else { continue }
                var a = 0.0
                for other in cluster.members where other != member { a += distance(points[member], points[other]) }
                a /= Double(cluster.members.count - 1)
                var b = Double.infinity
                for (index, other) in clusters.enumerated() where index != own {
                    var sum = 0.0
                    for point in other.members { sum += distance(points[member], points[point]) }
                    b = min(b, sum / Double(other.members.count))
                }
                let width = max(a, b)
                if width > 0 { total += (b - a) / width }
            }
        }
        return count == 0 ? -1 : total / Double(count)
    }
}

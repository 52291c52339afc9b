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
        var statementIndex: [String: Int] = [:]
        for (index, statement) in data.statements.enumerated() where statementIndex[statement.id] == nil { statementIndex[statement.id] = index }

        // Participants in natural order, so indices (and ties) do not depend on the input order.
        var personIndex: [String: Int] = [:]
        for vote in data.votes where personIndex[vote.participant] == nil { personIndex[vote.participant] = 0 }
        let people = personIndex.keys.sorted(by: naturalOrder)
        for (index, id) in people.enumerated() { personIndex[id] = index }

        // Replay in time order (ties: input order), as Polis's math saw the votes arrive.
        let times = data.votes.map(\.time)
        let order = times.indices.sorted { times[$0] != times[$1] ? times[$0] < times[$1] : $0 < $1 }
        let width = data.statements.count
        var latest: [Int: Int8] = [:]
        latest.reserveCapacity(data.votes.count)
        var counts = [Int32](repeating: 0, count: people.count)
        var statementSeen = [Bool](repeating: false, count: width)
        var seenCount = 0
        var inConversation = [Bool](repeating: false, count: people.count)
        var entryOrder: [Int] = []
        for position in order {
            let vote = data.votes[position]
            guard let statement = statementIndex[vote.statement] else {
                throw HarvestError(file: "votes", problem: "participant \(vote.participant) voted on statement \"\(vote.statement)\", which does not exist; every vote must name a known statement")
            }
            let person = personIndex[vote.participant]!
            let key = person * width + statement
            // Polis's user-vote-counts: distinct statements voted on, moderated and meta included.
            if latest.updateValue(Int8(vote.choice.rawValue), forKey: key) == nil { counts[person] += 1 }
            if !statementSeen[statement] { statementSeen[statement] = true; seenCount += 1 }
            // The rule is applied after every vote; only the voter's count changed, and a rising
            // threshold never admits anyone, so only the voter needs checking. While fewer than
            // `greedyParticipants` are in, Polis tops the set up with the top voters, which after
            // every vote means everyone who has voted.
            if !inConversation[person],
               counts[person] >= min(options.minimumVotes, seenCount) || entryOrder.count < options.greedyParticipants {
                inConversation[person] = true
                entryOrder.append(person)
            }
        }

        // Columns: statements with a vote (Polis's rating matrix has no column for the others),
        // in natural order of their ids, as Polis's tids: equal scores keep that order.
        var column = [Int](repeating: -1, count: width)
        var columnStatements: [StatementRecord] = []
        let byID = data.statements.indices.filter { statementSeen[$0] && statementIndex[data.statements[$0].id] == $0 }
            .sorted { naturalOrder(data.statements[$0].id, data.statements[$1].id) }
        for index in byID {
            column[index] = columnStatements.count
            columnStatements.append(data.statements[index])
        }
        let columns = columnStatements.count
        let excluded = columnStatements.map { $0.moderatedOut || $0.isMeta }
        let excludedCount = excluded.filter { $0 }.count

        // Rows over live columns; zeroed columns hold 0 for everyone, so they add nothing.
        var rows = [[(statement: Int, value: Double)]](repeating: [], count: people.count)
        var allRows = [[(statement: Int, choice: VoteChoice)]](repeating: [], count: people.count)
        for (key, value) in latest {
            let person = key / width, col = column[key % width]
            allRows[person].append((col, VoteChoice(rawValue: Int(value))!))
            if !excluded[col] { rows[person].append((col, Double(value))) }
        }
        for index in rows.indices {
            rows[index].sort { $0.statement < $1.statement }
            allRows[index].sort { $0.statement < $1.statement }
        }

        // PCA over every voter, missing votes imputed with the column mean (pca.clj powerit-pca).
        let pca = PrincipalComponents(rows: rows, columns: columns, count: 2, iterations: options.pcaIterations)
        var components = pca.components
        while components.count < 2 { components.append([Double](repeating: 0, count: columns)) }
        var sums = [Double](repeating: 0, count: columns), cellCounts = [Int](repeating: 0, count: columns)
        for row in rows { for cell in row { sums[cell.statement] += cell.value; cellCounts[cell.statement] += 1 } }
        let center = (0..<columns).map { cellCounts[$0] == 0 ? 0 : sums[$0] / Double(cellCounts[$0]) }

        // sparsity-aware-project-ptpt: the projection over the votes cast, pushed out by
        // sqrt(columns / votes). Zeroed columns count as votes, as they hold 0, not nothing.
        var xs = [Double](repeating: 0, count: people.count), ys = xs
        for (person, row) in rows.enumerated() {
            var p1 = 0.0, p2 = 0.0
            for cell in row {
                let centred = cell.value - center[cell.statement]
                p1 += centred * components[0][cell.statement]
                p2 += centred * components[1][cell.statement]
            }
            let scale = (Double(columns) / Double(max(row.count + excludedCount, 1))).squareRoot()
            xs[person] = p1 * scale
            ys[person] = p2 * scale
        }

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

        // Consensus over every voter's votes on the columns that count.
        var tallies = [VoteTally](repeating: VoteTally(), count: columns)
        for row in allRows { for cell in row { tallies[cell.statement].add(cell.choice) } }
        consensus = MajorityConsensus.select(tallies: tallies, ids: columnStatements.map(\.id), counts: excluded.map { !$0 }, limit: options.consensusLimit)

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
        var centres: [(id: Int, center: SIMD2<Double>)] = []
        var seen = Set<SIMD2<Double>>()
        for point in points where centres.count < k && seen.insert(point).inserted {
            centres.append((centres.count, point))
        }
        var clusters: [Cluster] = []
        var remaining = maxIterations
        while true {
            var members = [[Int]](repeating: [], count: centres.count)
            for (index, point) in points.enumerated() {
                var best = 0, bestDistance = Double.infinity
                for (position, centre) in centres.enumerated() {
                    let d = distance(point, centre.center)
                    if d < bestDistance { bestDistance = d; best = position }
                }
                members[best].append(index)
            }
            clusters = []
            for (position, centre) in centres.enumerated() where !members[position].isEmpty {
                var sum = SIMD2<Double>(0, 0), total = 0.0
                for member in members[position] {
                    let weight = weights?[member] ?? 1
                    sum += points[member] * weight
                    total += weight
                }
                clusters.append(Cluster(id: centre.id, members: members[position], center: sum / total))
            }
            let same = sameClustering(centres.map(\.center), clusters.map(\.center))
            if remaining == 0 || same { break }
            remaining -= 1
            centres = clusters.map { ($0.id, $0.center) }
        }
        return clusters.sorted { $0.id < $1.id }
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

import Memberwise

/// A schedule: for each round, who sits at which table and with which role.
///
/// Its JSON form is the contract other tools read, and is also what `--fixed` reads back.
public struct SeatingPlan: Sendable, Hashable, Codable {
    @PublicMemberwiseInit
    public struct Seat: Sendable, Hashable, Codable {
        public var id: String
        public var role: String?
    }

    @PublicMemberwiseInit
    public struct Table: Sendable, Hashable, Codable {
        /// 1-based.
        public var table: Int
        public var members: [Seat]
    }

    @PublicMemberwiseInit
    public struct Round: Sendable, Hashable, Codable {
        /// 1-based.
        public var round: Int
        public var tables: [Table]
    }

    /// How good the schedule is, in the order of importance the engine optimises.
    public struct Metrics: Sendable, Hashable, Codable {
        /// Sum over pairs of (times met - 1); pairs kept together are not counted.
        public var repeatPairs: Int
        /// Tables (in any round) where a value of a mix-by column is outside floor...ceil of its proportional share.
        public var mixViolations: Int
        /// Sum over people and roles of (times held - 1).
        public var roleRepeats: Int
        /// Time the engine took.
        public var seconds: Double
        /// The fewest repeats any plan of this room can have, by counting (`SeatingMetrics.repeatLowerBound`).
        /// Optional so plans written before it existed still read back.
        public var repeatLowerBound: Int?
        /// Whether no plan can do better on repeats or mix: the repeats reach their lower bound and the mix
        /// violations reach theirs (`mixLowerBound`, 0 for most rooms). Role repeats are not part of it (they are
        /// weighed after both).
        public var provenPerfect: Bool?
        /// The fewest mix violations any plan of this room can have (`SeatingMetrics.mixLowerBound`): above 0 only
        /// when a together group holds more of one value than a table's share.
        public var mixLowerBound: Int?
        public init(
            repeatPairs: Int, mixViolations: Int, roleRepeats: Int, seconds: Double, repeatLowerBound: Int? = nil,
            provenPerfect: Bool? = nil, mixLowerBound: Int? = nil
        ) {
            self.mixLowerBound = mixLowerBound
            self.repeatPairs = repeatPairs
            self.mixViolations = mixViolations
            self.roleRepeats = roleRepeats
            self.seconds = seconds
            self.repeatLowerBound = repeatLowerBound
            self.provenPerfect = provenPerfect
        }
    }

    public var rounds: [Round]
    public var metrics: Metrics

    public init(rounds: [Round], metrics: Metrics) {
        self.rounds = rounds
        self.metrics = metrics
    }

    /// The table (1-based) of `id` in `round` (1-based), or nil when absent.
    public func table(of id: String, inRound round: Int) -> Int? {
        guard let found = rounds.first(where: { $0.round == round }) else { return nil }
        return found.tables.first { $0.members.contains { $0.id == id } }?.table
    }
}

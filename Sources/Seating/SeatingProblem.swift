import Memberwise

/// How many tables there are: a target size per table, or a fixed number of tables.
public enum TableSizing: Sendable, Hashable {
    /// Tables of about this many seats; when the count does not divide, tables differ by at most one seat.
    case tableSize(Int)
    /// Exactly this many tables, filled as evenly as possible.
    case tables(Int)
}

/// Someone who misses some rounds (a late arrival, an early departure).
@PublicMemberwiseInit
public struct Absence: Sendable, Hashable, Codable {
    public var person: String
    /// 1-based round numbers.
    public var rounds: Set<Int>
}

/// Someone who stays at one table every round (access needs). Tables are 1-based.
@PublicMemberwiseInit
public struct Pin: Sendable, Hashable, Codable {
    public var person: String
    public var table: Int
}

/// Everything the engine needs to seat a room: people, rounds, tables and the rules.
///
/// People are referred to by `Person.id` in every constraint.
public struct SeatingProblem: Sendable, Hashable {
    public var people: [Person]
    public var rounds: Int
    public var sizing: TableSizing
    /// Attribute columns whose values are spread evenly over the tables, most important first.
    public var mixBy: [String]
    /// Pairs that never share a table.
    public var apart: [[String]]
    /// Groups that always share a table (each entry two or more ids).
    public var together: [[String]]
    public var pins: [Pin]
    /// World Café: one host per table stays at that table; everyone else moves.
    public var hostsStay: Bool
    /// Cooperative Learning roles rotated at every table, e.g. host, scribe, timekeeper, reporter.
    public var roles: [String]
    public var absences: [Absence]
    /// Rounds already played, kept exactly (their numbers must be 1, 2, ... in order).
    public var fixedRounds: [SeatingPlan.Round]

    public init(
        people: [Person], rounds: Int, sizing: TableSizing, mixBy: [String] = [], apart: [[String]] = [],
        together: [[String]] = [], pins: [Pin] = [], hostsStay: Bool = false, roles: [String] = [],
        absences: [Absence] = [], fixedRounds: [SeatingPlan.Round] = []
    ) {
        self.people = people
        self.rounds = rounds
        self.sizing = sizing
        self.mixBy = mixBy
        self.apart = apart
        self.together = together
        self.pins = pins
        self.hostsStay = hostsStay
        self.roles = roles
        self.absences = absences
        self.fixedRounds = fixedRounds
    }
}

/// How long and how the engine searches.
@PublicMemberwiseInit
public struct SeatingOptions: Sendable, Hashable {
    public var seed: UInt64 = 1
    /// Wall-clock budget for the search, in seconds. The engine returns earlier on a provably perfect schedule.
    public var timeLimit: Double = 2
    /// An optional cap on search steps. With it (and a generous time limit) results repeat exactly for a seed
    /// even when no perfect schedule is found, whatever the machine's speed.
    public var maxIterations: Int?
}

/// Table counts and sizes for a round.
public enum TableLayout {
    /// The number of tables for `present` people: as many as needed so no table exceeds the asked size (tables
    /// then differ by at most one seat), except that no table drops below 3 (or the asked size, when that is
    /// smaller): then there are fewer, slightly larger tables.
    public static func tableCount(present: Int, sizing: TableSizing) -> Int {
        guard present > 0 else { return 0 }
        switch sizing {
        case .tables(let count):
            return max(1, min(count, present))
        case .tableSize(let size):
            let smallest = min(3, size)
            var count = (present + size - 1) / size
            while count > 1 && present / count < smallest { count -= 1 }
            return count
        }
    }

    /// Seats per table, larger tables first, summing to `present`.
    public static func sizes(present: Int, tables: Int) -> [Int] {
        guard tables > 0 else { return [] }
        let base = present / tables, extra = present % tables
        return (0..<tables).map { $0 < extra ? base + 1 : base }
    }
}

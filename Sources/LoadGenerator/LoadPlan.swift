import Foundation
import Memberwise

/// What a load test does: how many conversations and phones, how fast people act, and where the servers are.
///
/// The shape follows a real room at scale: everyone joins, contributes once at a talking pace, and then
/// votes in a burst when the facilitator opens the vote.
public struct LoadPlan: Sendable {
    /// Base URLs of the server instances, e.g. `http://127.0.0.1:8080`. Phones are dealt to them in turn,
    /// so with two instances every conversation has phones on both.
    public var servers: [String]
    /// A facilitator account on those servers, to create the conversations and read their logs back.
    public var username: String
    public var password: String
    public var conversations: Int
    public var participants: Int
    /// Each participant sends one contribution at a random moment within this many seconds.
    public var contributionSeconds: Double
    /// Then every participant votes once within this many seconds: the burst.
    public var burstSeconds: Double
    /// Statements put to the vote in each conversation.
    public var statements: Int
    /// Decides who acts when, and how they vote.
    public var seed: UInt64
    /// The whole run gives up after this many seconds and reports what it saw.
    public var timeLimitSeconds: Double
    /// How many joins are in flight at once while the rooms fill.
    public var joinConcurrency: Int

    public init(
        servers: [String], username: String, password: String, conversations: Int = 100, participants: Int = 40,
        contributionSeconds: Double = 20, burstSeconds: Double = 10, statements: Int = 3, seed: UInt64 = 1,
        timeLimitSeconds: Double = 600, joinConcurrency: Int = 32
    ) {
        self.servers = servers
        self.username = username
        self.password = password
        self.conversations = conversations
        self.participants = participants
        self.contributionSeconds = contributionSeconds
        self.burstSeconds = burstSeconds
        self.statements = statements
        self.seed = seed
        self.timeLimitSeconds = timeLimitSeconds
        self.joinConcurrency = joinConcurrency
    }

    var phoneCount: Int { conversations * participants }
}

/// Things the caller may do at set moments of a run, e.g. kill a server instance halfway through the burst.
@PublicMemberwiseInit
public struct LoadHooks: Sendable {
    /// Called once, halfway through the vote burst.
    public var midBurst: (@Sendable () async -> Void)?
}

/// A small, fast, seeded generator (SplitMix64), so a run's timings and votes repeat for a seed.
struct LoadRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A Cooperative Learning structure (Kagan): a rule for who speaks when, so that participation
/// is equal and everyone is individually accountable.
public enum CooperativeStructure: String, Codable, Sendable, CaseIterable {
    case roundRobin = "round-robin"
    case rallyRobin = "rally-robin"
    case timedPairShare = "timed-pair-share"
    case thinkPairShare = "think-pair-share"
    case numberedHeadsTogether = "numbered-heads-together"
    case threeStepInterview = "three-step-interview"
    case talkingChips = "talking-chips"
    case jigsaw
    case openConversation = "open-conversation"

    /// The name people know it by.
    public var displayName: String {
        switch self {
        case .roundRobin: "Round Robin"
        case .rallyRobin: "Rally Robin"
        case .timedPairShare: "Timed Pair Share"
        case .thinkPairShare: "Think-Pair-Share"
        case .numberedHeadsTogether: "Numbered Heads Together"
        case .threeStepInterview: "Three-Step Interview"
        case .talkingChips: "Talking Chips"
        case .jigsaw: "Jigsaw"
        case .openConversation: "Open conversation"
        }
    }

    /// The turn rule, as the projector states it.
    public var turnRule: String {
        switch self {
        case .roundRobin: "Each person speaks in turn, clockwise, for the same time; no interruptions; the scribe writes."
        case .rallyRobin: "In pairs, take turns back and forth, one short idea each, until time is called."
        case .timedPairShare: "In pairs: one speaks while the other listens, then swap; the listener thanks the speaker."
        case .thinkPairShare: "Think alone in silence, then share with a partner, then pairs share with the table."
        case .numberedHeadsTogether: "Everyone has a number; put heads together so each can answer; a number is called to report."
        case .threeStepInterview: "In pairs, A interviews B, then B interviews A; then each shares their partner's answer with the table."
        case .talkingChips: "Place a chip in the middle each time you speak; when your chips are gone, listen until all are spent."
        case .jigsaw: "Each member studies one part in an expert group, then teaches it to their home table."
        case .openConversation: "Talk freely; the host invites quieter voices in and the scribe captures what is said."
        }
    }

    /// How the table is split for turns.
    public var grouping: TurnGrouping {
        switch self {
        case .rallyRobin, .timedPairShare, .thinkPairShare, .threeStepInterview: .pairs
        default: .wholeTable
        }
    }

    /// Default seconds per speaking turn, when turns are timed.
    public var defaultTurnSeconds: Int? {
        switch self {
        case .roundRobin: 60
        case .rallyRobin: 15
        case .timedPairShare: 60
        case .thinkPairShare: 60
        case .threeStepInterview: 90
        case .talkingChips: 45
        case .numberedHeadsTogether, .jigsaw, .openConversation: nil
        }
    }

    /// Default seconds of silent thinking before the first turn.
    public var defaultThinkSeconds: Int {
        switch self {
        case .thinkPairShare: 60
        case .roundRobin, .numberedHeadsTogether: 30
        default: 0
        }
    }

    /// Chips each person holds, for Talking Chips.
    public var chipsPerPerson: Int? { self == .talkingChips ? 3 : nil }

    /// Whether a table's timekeeper runs turns (who speaks, per-turn timer) on a phone.
    public var hasTimedTurns: Bool { defaultTurnSeconds != nil }
}

public enum TurnGrouping: String, Codable, Sendable {
    case wholeTable = "whole-table"
    case pairs
}

/// A rotating Cooperative Learning role at a table.
public enum TableRole: String, Codable, Sendable, CaseIterable {
    case host
    case scribe
    case timekeeper
    case encourager
    case reporter

    public var displayName: String {
        switch self {
        case .host: "Host"
        case .scribe: "Scribe"
        case .timekeeper: "Timekeeper"
        case .encourager: "Encourager"
        case .reporter: "Reporter"
        }
    }

    /// What the role does, told to the person who holds it this round.
    public var duty: String {
        switch self {
        case .host: "Welcome everyone, read the question aloud and keep the table on it."
        case .scribe: "Write down the ideas, questions and proposals the table raises, in their words."
        case .timekeeper: "Keep time for each turn and the round; run the turns on your phone if you have one."
        case .encourager: "Make sure every voice is heard: invite quieter people in, gently hold back the loudest."
        case .reporter: "Share the table's main points in the closing circle or plenary."
        }
    }
}
